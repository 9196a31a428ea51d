/**
 * The chat page's gallery states, driven as tests/chat/chat-page.test.ts drives them: the real page
 * against the fake ZIM cloud, other people as ChatServices on phones of their own, Jest's fake clock.
 */
import type * as I18nModule from '../../../miniprogram/core/i18n';
import type * as SessionModule from '../../../miniprogram/live/services/chat-session';
import { advance, FakeZimCloud, phone, run, useChatClock } from '../../chat/chat-harness';
import { FakeTokenProvider } from '../../fakes/fake-token-provider';
import { TEST_APP_ID } from '../../fakes/fake-zim-cloud';
import type { RenderedPage } from '../../helpers/render-page';
import { openGalleryPage, type GalleryPage } from '../support/open-page';
import type { GalleryStateList } from '../support/state';

const CHAT_PAGE = 'live/pages/chat/index';
const ME = 'alice';

interface ChatWorld {
  cloud: FakeZimCloud;
  /** Signs in another user on a phone of their own. */
  friend(userID: string, userName: string): Promise<ReturnType<typeof phone>>;
  /** Opens the chat page as ME; the state's clean-up is attached to the result. */
  open(properties?: Record<string, unknown>): GalleryPage;
}

/**
 * simulate registers a page only when its script runs, so each state starts from fresh modules and
 * hands the chat session its fakes on the registry the page will import from.
 */
async function chatWorld(): Promise<ChatWorld> {
  jest.resetModules();
  const session = require('../../../miniprogram/live/services/chat-session') as typeof SessionModule;
  const i18n = require('../../../miniprogram/core/i18n') as typeof I18nModule;
  useChatClock();
  i18n.setLang('zh');
  const cloud = new FakeZimCloud();
  session.provideChatSessionDeps({
    zim: cloud.device(),
    config: () => ({
      ok: true,
      config: {
        appID: TEST_APP_ID,
        servers: ['wss://x.example'],
        tokenUrl: 'https://t.example',
        authMode: 'dev',
      },
    }),
    userID: () => ME,
    userName: () => '小明',
    tokens: () => new FakeTokenProvider(),
  });
  return {
    cloud,
    async friend(userID, userName) {
      const friend = phone(cloud, userID, { userName });
      await run(friend.service.ensureLoggedIn());
      return friend;
    },
    open(properties = {}) {
      const shot = openGalleryPage(CHAT_PAGE, properties);
      return {
        ...shot,
        dispose() {
          session.resetChatSession();
          jest.useRealTimers();
        },
      };
    },
  };
}

async function say(page: RenderedPage, text: string): Promise<void> {
  const draft = page.find('.draft');
  (draft.dom as HTMLTextAreaElement).value = text;
  draft.dispatchEvent('input', { detail: { value: text, cursor: text.length, keyCode: 0 } });
  await advance(0);
  page.find('.send').dispatchEvent('tap');
  await advance(0);
}

const MINUTE = 60_000;

export const chatStates: GalleryStateList = {
  group: 'chat',
  states: [
    {
      name: 'chat-list-unread',
      caption: 'Chat — conversation list with unread badges',
      async open() {
        const world = await chatWorld();
        const shot = world.open();
        await advance(200);
        const mia = await world.friend('mia', 'Mia');
        const ajie = await world.friend('ajie', '阿杰');
        const laowang = await world.friend('laowang', '老王');
        laowang.service.sendText(ME, 'peer', '周末的直播几点开始？');
        await advance(40 * MINUTE);
        ajie.service.sendText(ME, 'peer', '在吗');
        ajie.service.sendText(ME, 'peer', '刚才的直播回放有吗？');
        await advance(12 * MINUTE);
        for (const text of ['哈哈', '太好笑了', '下次叫上我', '我也想连麦', '明天见！']) {
          mia.service.sendText(ME, 'peer', text);
        }
        await advance(1000);
        return shot;
      },
    },
    {
      name: 'chat-conversation-failed-sending',
      caption: 'Chat — conversation offline: one message failed, one sending',
      async open() {
        const world = await chatWorld();
        await world.friend('ajie', '阿杰');
        world.cloud.seedPeerHistory(
          'ajie',
          ME,
          ['今晚有直播吗？', '有的，八点开始', '好，我准时来', '记得带上耳机，音质更好', '没问题'],
          Date.now() - 30 * MINUTE,
          MINUTE,
        );
        const shot = world.open({ peerID: 'ajie', userName: '阿杰' });
        await advance(300);
        world.cloud.dropConnection(ME);
        await say(shot.page, '我可能会晚十分钟');
        await advance(31_000);
        await say(shot.page, '网络有点卡');
        await advance(500);
        return shot;
      },
    },
    {
      name: 'chat-empty',
      caption: 'Chat — no conversations yet',
      async open() {
        const world = await chatWorld();
        const shot = world.open();
        await advance(200);
        return shot;
      },
    },
  ],
};
