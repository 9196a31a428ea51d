/**
 * The live room's gallery states, driven through the page's test harness and the fake ZEGO cloud as
 * tests/live/room-page*.test.ts drive them: native events on the live-pusher, taps, cloud events.
 */
import type { RoomComment, RoomChatEvents } from '../../../miniprogram/live/services/room-chat';
import { FakeRoomChat } from '../../fakes/fake-room-chat';
import { FakeZegoCloud } from '../../fakes/zego-cloud';
import { flush } from '../../helpers/render-page';
import { openRoom, pusherReports, ROOM_PAGE, type OpenOptions, type OpenRoom } from '../../live/room-harness';
import { captureHarnessPage } from '../support/open-page';
import type { GalleryStateList } from '../support/state';

const ROOM = 'room1';
const HOST = { userID: 'host1', userName: '小雨' };
const streamOf = (userID: string) => `${ROOM}_${userID}_main`;

/** Network figures the quality badge grades as good. */
const SMOOTH = {
  video: { videoBitrate: 1200, videoFPS: 15, frameWidth: 720, frameHeight: 1280 },
  audio: { audioBitrate: 48 },
};

async function openLiveHost(cloud: FakeZegoCloud, options: OpenOptions = {}): Promise<OpenRoom> {
  const host = await openRoom(cloud, { role: 'host', ...HOST, ...options });
  await pusherReports(host, 1002);
  return host;
}

function engineOf(room: OpenRoom) {
  const engine = room.engine();
  if (!engine) throw new Error('the page made no engine');
  return engine;
}

/** The room page as `open` leaves it, with the styles its render injected. */
function capture(open: () => Promise<OpenRoom>) {
  return captureHarnessPage(ROOM_PAGE, open);
}

/**
 * A room chat that sends as a named user (the plain fake signs every comment "me") and fails the
 * texts in `failing`, as after a ZIM send error.
 */
class NamedRoomChat extends FakeRoomChat {
  private readonly stateHandlers = new Set<RoomChatEvents['commentState']>();

  constructor(
    private readonly me: { userID: string; userName: string },
    private readonly failing: string[] = [],
  ) {
    super();
  }

  override on<K extends keyof RoomChatEvents>(event: K, handler: RoomChatEvents[K]): () => void {
    const off = super.on(event, handler);
    if (event !== 'commentState') return off;
    const stateHandler = handler as RoomChatEvents['commentState'];
    this.stateHandlers.add(stateHandler);
    return () => {
      this.stateHandlers.delete(stateHandler);
      off();
    };
  }

  override send(text: string): RoomComment {
    this.sent.push(text);
    const comment: RoomComment = {
      id: `mine${this.sent.length}`,
      fromUserID: this.me.userID,
      fromUserName: this.me.userName,
      text,
      timestamp: 0,
      mine: true,
      state: 'sending',
    };
    const outcome = this.failing.includes(text) ? 'failed' : 'sent';
    queueMicrotask(() => this.stateHandlers.forEach((handler) => handler({ ...comment, state: outcome })));
    return comment;
  }
}

export const roomStates: GalleryStateList = {
  group: 'room',
  states: [
    {
      name: 'room-host-live',
      caption: 'Room — host live, good quality, two viewers',
      open: () =>
        capture(async () => {
          const cloud = new FakeZegoCloud();
          const host = await openLiveHost(cloud);
          await openRoom(cloud, { userID: 'viewer1', userName: '阿杰' });
          await openRoom(cloud, { userID: 'viewer2', userName: 'Mia' });
          cloud.quality(engineOf(host), streamOf(HOST.userID), SMOOTH);
          host.chat.receive('晚上好！', '阿杰');
          host.chat.receive('画面很清楚，声音也好', 'Mia');
          await flush(8);
          return host;
        }),
    },
    {
      name: 'room-host-reconnecting',
      caption: 'Room — host reconnecting after a network drop',
      open: () =>
        capture(async () => {
          const cloud = new FakeZegoCloud();
          const host = await openLiveHost(cloud);
          cloud.disconnect(engineOf(host));
          await flush(8);
          return host;
        }),
    },
    {
      name: 'room-host-failed',
      caption: 'Room — host join timed out, with retry',
      open: () =>
        capture(async () => {
          const cloud = new FakeZegoCloud();
          cloud.loginBehaviour = 'hang';
          const host = await openRoom(cloud, { role: 'host', ...HOST });
          host.clock.advance(15_000);
          await flush(8);
          return host;
        }),
    },
    {
      name: 'room-audience-two-tiles',
      caption: 'Room — audience watching two hosts, one camera off',
      open: () =>
        capture(async () => {
          const cloud = new FakeZegoCloud();
          await openLiveHost(cloud);
          const second = await openLiveHost(cloud, { userID: 'host2', userName: 'Mia' });
          await second.page.tap('.control--camera');
          await flush(8);
          const viewer = await openRoom(cloud, { userID: 'viewer1', userName: '阿杰' });
          for (const userID of [HOST.userID, 'host2']) {
            cloud.quality(engineOf(viewer), streamOf(userID), SMOOTH);
          }
          await flush(8);
          return viewer;
        }),
    },
    {
      name: 'room-member-sheet',
      caption: 'Room — host with the member sheet open',
      open: () =>
        capture(async () => {
          const cloud = new FakeZegoCloud();
          const host = await openLiveHost(cloud);
          for (const [userID, userName] of [
            ['viewer1', '阿杰'],
            ['viewer2', 'Mia'],
            ['viewer3', '老王'],
          ] as const) {
            await openRoom(cloud, { userID, userName });
          }
          await host.page.tap('.members-button');
          return host;
        }),
    },
    {
      name: 'room-comments',
      caption: 'Room — audience with the comment overlay (one comment failed)',
      open: () =>
        capture(async () => {
          const cloud = new FakeZegoCloud();
          await openLiveHost(cloud);
          const me = { userID: 'viewer1', userName: '阿杰' };
          const chat = new NamedRoomChat(me, ['这条没发出去']);
          const viewer = await openRoom(cloud, { ...me, deps: { chat: () => chat } });
          chat.receive('大家好，欢迎来到直播间', HOST.userName);
          chat.receive('来了来了', 'Mia');
          chat.receive('今天讲什么？', '老王');
          await flush(8);
          for (const text of ['主播好！', '这条没发出去']) {
            await viewer.page.type('.composer__input', text);
            await viewer.page.tap('.composer__send');
          }
          await viewer.page.type('.composer__input', '能再讲一遍吗');
          await flush(8);
          return viewer;
        }),
    },
  ],
};
