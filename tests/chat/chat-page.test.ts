/**
 * The real chat page (real WXML through wcc, real script) against the fake ZIM cloud, on Jest's fake
 * clock. Taps and typing go through the rendered elements; what is asserted is what the user reads.
 */
import { renderPage, type RenderedPage } from '../helpers/render-page';
import { FakeTokenProvider } from '../fakes/fake-token-provider';
import { TEST_APP_ID } from '../fakes/fake-zim-cloud';
import { advance, FakeZimCloud, phone, run, useChatClock, type Phone } from './chat-harness';

import type * as I18nModule from '../../miniprogram/core/i18n';
import type * as SessionModule from '../../miniprogram/live/services/chat-session';

const PAGE = 'live/pages/chat/index';

// simulate only registers a page when its script runs, so each test loads fresh modules; the session
// and i18n modules the page will see are the ones required after the reset.
type Session = typeof SessionModule;
type I18n = typeof I18nModule;
let session: Session;
let setLang: I18n['setLang'];

function useCloudFor(cloud: FakeZimCloud, userID: string): void {
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
    userID: () => userID,
    userName: () => userID,
    tokens: () => new FakeTokenProvider(),
  });
}

async function tap(page: RenderedPage, selector: string): Promise<void> {
  page.find(selector).dispatchEvent('tap');
  await advance(50);
}

async function type(page: RenderedPage, selector: string, value: string): Promise<void> {
  const el = page.find(selector);
  (el.dom as HTMLInputElement).value = value;
  el.dispatchEvent('input', { detail: { value, cursor: value.length, keyCode: 0 } });
  await advance(0);
}

async function say(page: RenderedPage, text: string): Promise<void> {
  await type(page, '.draft', text);
  await tap(page, '.send');
}

function bubbles(page: RenderedPage): { text: string; mine: boolean }[] {
  return page.findAll('.bubble').map((b) => ({
    text: (b.dom.textContent ?? '').trim(),
    mine: (b.dom.className as string).includes('bubble-mine'),
  }));
}

// Labels are local time, as the phone shows them; computed the same way here so any TZ passes.
const pad2 = (n: number) => String(n).padStart(2, '0');
const hourMinute = (t: number) => `${pad2(new Date(t).getHours())}:${pad2(new Date(t).getMinutes())}`;
const monthDay = (t: number) => `${pad2(new Date(t).getMonth() + 1)}-${pad2(new Date(t).getDate())}`;

let cloud: FakeZimCloud;
let bob: Phone;
let page: RenderedPage | null = null;

beforeEach(async () => {
  jest.resetModules();
  session = require('../../miniprogram/live/services/chat-session') as Session;
  setLang = (require('../../miniprogram/core/i18n') as I18n).setLang;
  useChatClock();
  setLang('zh');
  cloud = new FakeZimCloud();
  bob = phone(cloud, 'bob');
  await run(bob.service.ensureLoggedIn());
  useCloudFor(cloud, 'alice');
});

afterEach(() => {
  page?.detach();
  page = null;
  session.resetChatSession();
  jest.useRealTimers();
});

describe('chat page: conversation list', () => {
  it('shows loading, then the empty state, then a conversation with its unread count that clears on open', async () => {
    page = renderPage(PAGE);
    expect(page.text('.list-loading')).toBe('加载中…');
    await advance(200);
    expect(page.text('.list-empty')).toContain('还没有会话');

    bob.service.sendText('alice', 'peer', 'hi alice');
    bob.service.sendText('alice', 'peer', 'are you there?');
    await advance(1000);
    expect(page.findAll('.conversation')).toHaveLength(1);
    expect(page.text('.conversation-name')).toBe('bob');
    expect(page.text('.conversation-last')).toBe('are you there?');
    expect(page.text('.unread')).toBe('2');

    await tap(page, '.conversation');
    await advance(500);
    expect(page.text('.peer-name')).toBe('bob');
    expect(bubbles(page)).toEqual([
      { text: 'hi alice', mine: false },
      { text: 'are you there?', mine: false },
    ]);
    expect(cloud.conversationOf('alice', 'bob').unread).toBe(0);

    await tap(page, '.back');
    await advance(200);
    expect(page.findAll('.unread')).toHaveLength(0);
  });

  it('starts a chat by typing a user ID, and says what is wrong with a bad one', async () => {
    page = renderPage(PAGE);
    await advance(200);
    await type(page, '.new-peer', 'bad id!');
    await tap(page, '.start-chat');
    expect(page.text('.new-peer-error')).toBe('用户 ID 只能包含字母、数字、下划线和连字符');
    await type(page, '.new-peer', 'alice');
    await tap(page, '.start-chat');
    expect(page.text('.new-peer-error')).toBe('不能和自己聊天');
    await type(page, '.new-peer', 'bob');
    await tap(page, '.start-chat');
    await advance(200);
    expect(page.text('.peer-name')).toBe('bob');
    expect(page.text('.conversation-empty')).toBe('还没有消息，打个招呼吧');
  });
});

describe('chat page: one conversation', () => {
  it('opened from the room member list with peerID and userName: titled with the name', async () => {
    page = renderPage(PAGE, { peerID: 'bob', userName: 'Bobby' });
    await advance(300);
    expect(page.text('.peer-name')).toBe('Bobby (bob)');
    expect(page.text('.conversation-empty')).toBe('还没有消息，打个招呼吧');
  });

  it('opened with a bad peerID shows a clear message instead of a chat', async () => {
    page = renderPage(PAGE, { peerID: 'no spaces allowed' });
    await advance(100);
    expect(page.text('.peer-problem')).toContain('无法打开这个聊天');
    expect(page.text('.peer-problem')).toContain('用户 ID 只能包含字母、数字、下划线和连字符');
    expect(page.findAll('.composer')).toHaveLength(0);
  });

  it('loads history 20 at a time with time separators and "load older" at the top', async () => {
    cloud.seedPeerHistory(
      'bob',
      'alice',
      Array.from({ length: 30 }, (_, i) => `old ${i}`),
      Date.now() - 86_400_000,
      60_000,
    );
    page = renderPage(PAGE, { peerID: 'bob' });
    expect(page.text('.history-loading')).toBe('加载中…');
    await advance(300);
    expect(bubbles(page).map((b) => b.text)).toEqual(Array.from({ length: 20 }, (_, i) => `old ${i + 10}`));
    // Seeded alternately: even-numbered ones are bob's.
    expect(bubbles(page).slice(0, 2)).toEqual([
      { text: 'old 10', mine: false },
      { text: 'old 11', mine: true },
    ]);
    // Messages a minute apart share the separator above the first; a message after a pause of ≥ 5 minutes gets its own.
    const seededAt = Date.now() - 86_400_000 + 10 * 60_000;
    expect(page.findAll('.time-separator').map((el) => (el.dom.textContent as string).trim())).toEqual([
      `${monthDay(seededAt)} ${hourMinute(seededAt)}`,
    ]);
    bob.service.sendText('alice', 'peer', 'back again');
    await advance(300);
    expect(page.findAll('.time-separator').map((el) => (el.dom.textContent as string).trim())).toEqual([
      `${monthDay(seededAt)} ${hourMinute(seededAt)}`,
      hourMinute(Date.now() - 300), // today: the time only
    ]);
    expect(page.text('.load-older')).toBe('查看更早的消息');
    await tap(page, '.load-older');
    await advance(300);
    expect(bubbles(page)).toHaveLength(31);
    expect(page.text('.no-older')).toBe('没有更早的消息了');
  });

  it('sends: sending → sent, the peer receives it; empty and too long are refused with words', async () => {
    page = renderPage(PAGE, { peerID: 'bob' });
    await advance(300);
    await say(page, '   ');
    expect(page.text('.send-error')).toBe('请输入消息内容');

    await type(page, '.draft', 'a'.repeat(1700));
    expect(page.text('.counter')).toBe('1700/2048');
    await type(page, '.draft', 'a'.repeat(2100));
    expect(page.find('.counter').dom.className).toContain('counter-over');
    await tap(page, '.send');
    expect(page.text('.send-error')).toBe('消息太长：2100 字节，最多 2048 字节');
    expect(bubbles(page)).toHaveLength(0);

    await type(page, '.draft', 'hello bob');
    page.find('.send').dispatchEvent('tap');
    await advance(0); // taps are dispatched on the next tick; the fake network takes 20 ms
    expect(page.text('.send-state')).toBe('发送中');
    expect(page.instance.data.draft).toBe('');
    await advance(500);
    expect(bubbles(page)).toEqual([{ text: 'hello bob', mine: true }]);
    expect(page.findAll('.send-state')).toHaveLength(0);
    expect(bob.service.messages('alice').map((m) => m.text)).toEqual(['hello bob']);
  });

  it('a double tap on send sends once', async () => {
    page = renderPage(PAGE, { peerID: 'bob' });
    await advance(300);
    await type(page, '.draft', 'once');
    page.find('.send').dispatchEvent('tap');
    page.find('.send').dispatchEvent('tap');
    await advance(1000);
    expect(bubbles(page)).toHaveLength(1);
    expect(page.findAll('.send-error')).toHaveLength(0);
    expect(cloud.peerMessages('alice', 'bob')).toHaveLength(1);
  });

  it('a burst of 50 typed messages arrives complete and in order with no rate-limit error', async () => {
    page = renderPage(PAGE, { peerID: 'bob' });
    await advance(300);
    const burst = Array.from({ length: 50 }, (_, i) => `b${i}`);
    for (const text of burst) {
      await type(page, '.draft', text);
      page.find('.send').dispatchEvent('tap');
    }
    await advance(10_000);
    expect(bob.service.messages('alice').map((m) => m.text)).toEqual(burst);
    expect(cloud.rateLimitErrors).toEqual([]);
    expect(page.findAll('.send-state')).toHaveLength(0);
  });

  it('shows the connection banner; messages typed while disconnected go out in order on reconnect', async () => {
    page = renderPage(PAGE, { peerID: 'bob' });
    await advance(300);
    cloud.dropConnection('alice');
    await advance(0);
    expect(page.text('.banner')).toBe('网络不稳定，正在重新连接…');
    for (let i = 0; i < 10; i += 1) await say(page, `queued ${i}`);
    expect(page.findAll('.send-pending')).toHaveLength(10);
    cloud.restoreConnection('alice');
    await advance(3000);
    expect(page.findAll('.banner')).toHaveLength(0);
    expect(bob.service.messages('alice').map((m) => m.text)).toEqual(
      Array.from({ length: 10 }, (_, i) => `queued ${i}`),
    );
  });

  it('a message that could not go out shows failed; tapping it resends the same message', async () => {
    page = renderPage(PAGE, { peerID: 'bob' });
    await advance(300);
    cloud.dropConnection('alice');
    await say(page, 'lost?');
    await advance(31_000);
    expect(page.text('.send-failed')).toBe('发送超时，点击重试');
    cloud.restoreConnection('alice');
    await advance(100);
    await tap(page, '.send-failed');
    await advance(500);
    expect(page.findAll('.send-state')).toHaveLength(0);
    expect(bubbles(page)).toEqual([{ text: 'lost?', mine: true }]);
    expect(cloud.peerMessages('alice', 'bob')).toHaveLength(1);
  });

  it('after ZIM gave up reconnecting, the network coming back signs in again once and the banner clears', async () => {
    const listeners: Array<(r: { isConnected: boolean }) => void> = [];
    const w = wx as unknown as Record<string, unknown>;
    w.onNetworkStatusChange = (fn: (r: { isConnected: boolean }) => void) => listeners.push(fn);
    w.offNetworkStatusChange = () => undefined;
    page = renderPage(PAGE, { peerID: 'bob' });
    await advance(300);
    cloud.giveUp('alice');
    await advance(0);
    expect(page.text('.banner')).toBe('未连接聊天');
    listeners.forEach((fn) => fn({ isConnected: false }));
    expect(cloud.loginAttempts.get('alice')).toBe(1);
    listeners.forEach((fn) => fn({ isConnected: true }));
    await advance(300);
    expect(cloud.loginAttempts.get('alice')).toBe(2);
    expect(page.findAll('.banner')).toHaveLength(0);
  });

  it('kicked out: a red banner says so with a sign-in button, and nothing logs in by itself', async () => {
    setLang('en');
    page = renderPage(PAGE, { peerID: 'bob' });
    await advance(300);
    cloud.kickOut('alice');
    await advance(60_000);
    expect(page.text('.banner-error')).toContain('signed in to chat on another device');
    expect(cloud.loginAttempts.get('alice')).toBe(1);
    await tap(page, '.banner-action');
    await advance(200);
    expect(page.findAll('.banner')).toHaveLength(0);
    expect(cloud.loginAttempts.get('alice')).toBe(2);
  });

  it('shows a "new messages" pill when scrolled up, and jumps down when tapped', async () => {
    page = renderPage(PAGE, { peerID: 'bob' });
    await advance(300);
    page
      .find('.messages')
      .dispatchEvent('scroll', { detail: { scrollTop: 0, scrollHeight: 5000, deltaY: 40 } });
    bob.service.sendText('alice', 'peer', 'ping 1');
    await advance(300);
    bob.service.sendText('alice', 'peer', 'ping 2');
    await advance(300);
    expect(page.text('.new-pill')).toBe('2 条新消息 ↓');
    await tap(page, '.new-pill');
    expect(page.findAll('.new-pill')).toHaveLength(0);
    expect(page.instance.data.scrollInto).toBe('msg1');
  });

  it('appending a message sends one path update, not the list', async () => {
    cloud.seedPeerHistory(
      'bob',
      'alice',
      Array.from({ length: 40 }, (_, i) => `old ${i}`),
      Date.now() - 86_400_000,
    );
    page = renderPage(PAGE, { peerID: 'bob' });
    await advance(300);
    await tap(page, '.load-older');
    await advance(300);
    const calls: Record<string, unknown>[] = [];
    const original = page.instance.setData.bind(page.instance);
    page.instance.setData = (patch: Record<string, unknown>, cb?: () => void) => {
      calls.push(patch);
      return original(patch, cb);
    };
    bob.service.sendText('alice', 'peer', 'one more');
    await advance(300);
    expect(calls).toHaveLength(1);
    expect(Object.keys(calls[0] ?? {})).toEqual(['messages[40]', 'scrollInto']);
  });
});

describe('chat page: leaving chat entirely', () => {
  function pagesGlobal(pages: Array<{ route: string }>) {
    (globalThis as unknown as { getCurrentPages: () => Array<{ route: string }> }).getCurrentPages = () =>
      pages;
  }
  afterEach(() => {
    delete (globalThis as unknown as { getCurrentPages?: unknown }).getCurrentPages;
  });

  it('keeps the ZIM session while a live room still in the stack uses it', async () => {
    page = renderPage(PAGE, { peerID: 'bob' });
    await advance(500);
    expect(cloud.sessions.has('alice')).toBe(true);
    pagesGlobal([{ route: 'pages/entry/index' }, { route: 'live/pages/room/index' }]);
    page.lifecycle('onUnload');
    await advance(100);
    expect(cloud.sessions.has('alice')).toBe(true);
  });

  it('logs out of ZIM when the last chat-using page closes', async () => {
    page = renderPage(PAGE, { peerID: 'bob' });
    await advance(500);
    expect(cloud.sessions.has('alice')).toBe(true);
    pagesGlobal([{ route: 'pages/entry/index' }]);
    page.lifecycle('onUnload');
    await advance(100);
    expect(cloud.sessions.has('alice')).toBe(false);
  });
});
