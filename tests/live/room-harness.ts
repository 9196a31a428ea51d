/**
 * Renders the real room page against the fake ZEGO cloud: every dependency the page takes from
 * room-deps.ts is replaced by a fake, so a test can open a host and a viewer in one room.
 */
import type { Lang, setLang as SetLang } from '../../miniprogram/core/i18n';
import type { PermissionApi } from '../../miniprogram/core/permissions';
import type { TokenProvider } from '../../miniprogram/core/token-provider';
import type {
  RoomPageDeps,
  provideRoomPageDeps as ProvideDeps,
} from '../../miniprogram/live/services/room-deps';
import { flush, renderPage, type RenderedPage } from '../helpers/render-page';
import { FakePlatform } from '../fakes/fake-platform';
import { FakeRoomChat } from '../fakes/fake-room-chat';
import { ManualClock } from '../fakes/manual-clock';
import { FakeTokenProvider } from '../fakes/test-tokens';
import type { FakeZegoCloud, FakeEngine } from '../fakes/zego-cloud';
import { FakeCohostBus } from '../fakes/fake-cohost-bus';
import type { FakeTokenService } from '../fakes/fake-token-service';

export const ROOM_PAGE = 'live/pages/room/index';

export interface OpenOptions {
  role?: string;
  roomID?: string;
  userID?: string;
  userName?: string;
  tokens?: FakeTokenProvider;
  permissions?: PermissionApi;
  lang?: Lang;
  deps?: Partial<RoomPageDeps>;
  /** Co-host signalling between the pages of one test (ZIM peer commands in the app). */
  bus?: FakeCohostBus;
  /** The token service's room rules: tokens, approvals and ends go through it when given. */
  server?: FakeTokenService;
}

export interface OpenRoom {
  page: RenderedPage;
  clock: ManualClock;
  platform: FakePlatform;
  tokens: TokenProvider;
  chat: FakeRoomChat;
  userID: string;
  /** The engine this page created most recently (undefined if the page never touched the SDK). */
  engine(): FakeEngine | undefined;
  engines(): FakeEngine[];
}

export const allowAll: PermissionApi = {
  getSetting: async () => ({ 'scope.camera': true, 'scope.record': true }),
  authorize: async () => true,
};

/**
 * simulate runs a page's script with `require`, and Jest caches modules, so a second render of the same
 * page would not run `Component()` again. A fresh module registry per page fixes that; the deps and
 * the language are then set on that registry's modules, the ones the page will import.
 */
function freshPageModules(): { provideRoomPageDeps: typeof ProvideDeps; setLang: typeof SetLang } {
  jest.resetModules();
  // Every test here passes its own Engine and chat, so the page need not parse the two SDK bundles
  // (≈1.4 MB) on each render; the real bundles are covered by tests/contract.
  jest.doMock('zego-express-engine-miniprogram', () => ({ ZegoExpressEngine: class Unused {} }));
  jest.doMock('zego-zim-miniprogram', () => ({ ZIM: class Unused {} }));
  const deps = require('../../miniprogram/live/services/room-deps') as {
    provideRoomPageDeps: typeof ProvideDeps;
  };
  const i18n = require('../../miniprogram/core/i18n') as { setLang: typeof SetLang };
  return { provideRoomPageDeps: deps.provideRoomPageDeps, setLang: i18n.setLang };
}

export async function openRoom(cloud: FakeZegoCloud, options: OpenOptions = {}): Promise<OpenRoom> {
  const { provideRoomPageDeps, setLang } = freshPageModules();
  setLang(options.lang ?? 'zh');
  const clock = new ManualClock();
  const platform = new FakePlatform();
  const tokens = options.tokens ?? options.server?.tokens() ?? new FakeTokenProvider();
  const chat = new FakeRoomChat();
  const userID = options.userID ?? 'viewer1';
  const mine: FakeEngine[] = [];
  const Engine = class extends cloud.Engine {
    constructor(appID: number, server: string | string[]) {
      super(appID, server);
      mine.push(this as unknown as FakeEngine);
    }
  };
  provideRoomPageDeps({
    config: () => ({
      ok: true,
      config: {
        appID: cloud.appID,
        servers: ['wss://fake.zego'],
        tokenUrl: 'https://fake/v1/token',
        authMode: 'dev',
      },
    }),
    userID: () => userID,
    permissions: options.permissions ?? allowAll,
    tokens: () => tokens,
    Engine,
    clock,
    platform,
    chat: () => chat,
    // A page alone in its test still gets a bus (nobody else on it) rather than the real ZIM session.
    signal: () => (options.bus ?? new FakeCohostBus()).signal(userID),
    ...(options.server !== undefined ? { admin: () => options.server!.admin() } : {}),
    ...options.deps,
  });
  const page = renderPage(ROOM_PAGE);
  page.lifecycle('onLoad', {
    roomID: options.roomID ?? 'room1',
    role: options.role ?? 'audience',
    ...(options.userName !== undefined ? { userName: options.userName } : {}),
  });
  await flush(8);
  const engines = () => [...mine];
  return { page, clock, platform, tokens, chat, userID, engines, engine: () => engines().at(-1) };
}

/** The host's native live-pusher says "publishing" (1002): the stream now exists for everyone else. */
export async function pusherReports(room: OpenRoom, code: number): Promise<void> {
  await room.page.dispatch('#local-pusher', 'statechange', { code, message: '' });
  await flush(8);
}
