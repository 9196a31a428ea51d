/**
 * Contract tests: our typings (typings/zego-express.d.ts) against the REAL zego-express-engine-miniprogram
 * 3.6.0 bundle, loaded in Jest (jsdom + miniprogram-simulate's `wx`). The lists below are checked for
 * completeness by the type system (see `Exhaustive`), so a method or event added to the typings
 * without a runtime counterpart fails here.
 */
import { ZegoExpressEngine as RealEngine } from 'zego-express-engine-miniprogram';
import type {
  LivePlayer,
  LivePusher,
  PusherAttributes,
  ZegoEventName,
  ZegoExpressEngine,
  ZegoExpressEngineConstructor,
} from '../../typings/zego-express';
import type { provideRoomPageDeps as ProvideDeps } from '../../miniprogram/live/services/room-deps';
import { flush } from '../helpers/render-page';
import type { RenderedPage, renderPage as RenderPage } from '../helpers/render-page';
import { EXPRESS_EVENT_NAMES } from '../fakes/express-event-names';
import { FakePlatform } from '../fakes/fake-platform';
import { ACCEPTED_EVENTS as FAKE_ACCEPTED_EVENTS } from '../fakes/zego-cloud';
import { FakeRoomChat } from '../fakes/fake-room-chat';
import { ManualClock } from '../fakes/manual-clock';
import { FakeTokenProvider } from '../fakes/test-tokens';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type MethodKeys<T> = { [K in keyof T]-?: T[K] extends (...args: any[]) => any ? K : never }[keyof T];
/** Compiles only when `Listed` names every key of `All`. */
type Exhaustive<All, Listed extends All> = [Exclude<All, Listed>] extends [never]
  ? true
  : Exclude<All, Listed>;

const ENGINE_METHODS = [
  'on',
  'off',
  'checkSystemRequirements',
  'loginRoom',
  'logoutRoom',
  'renewToken',
  'initContext',
  'createPusher',
  'getPusherInstance',
  'getPlayerInstance',
  'getPlayerList',
  'setPusherAttributes',
  'setPlayerAttributes',
  'startPublishingStream',
  'stopPublishingStream',
  'startPlayingStream',
  'stopPlayingStream',
  'updatePlayerState',
  'updatePlayerNetStatus',
  'updateAudioVolumeNotify',
  'mutePublishStreamVideo',
  'mutePublishStreamAudio',
  'mutePlayStreamVideo',
  'mutePlayStreamAudio',
  'setStreamExtraInfo',
  'setRoomExtraInfo',
  'sendBroadcastMessage',
  'sendBarrageMessage',
  'sendCustomCommand',
  'addPublishCdnUrl',
  'removePublishCdnUrl',
  'startMixerTask',
  'stopMixerTask',
  'getNextUrl',
  'getVersion',
  'destroyEngine',
] as const;
const PUSHER_METHODS = [
  'setPusherAttributes',
  'start',
  'stop',
  'pause',
  'resume',
  'switchCamera',
  'snapshot',
  'toggleTorch',
  'setMICVolume',
  'startPreview',
  'stopPreview',
] as const;
const PLAYER_METHODS = [
  'setPlayerAttributes',
  'play',
  'stop',
  'pause',
  'resume',
  'mute',
  'requestFullScreen',
  'exitFullScreen',
  'snapshot',
] as const;
const EVENT_NAMES = EXPRESS_EVENT_NAMES;

export const listsAreComplete: [
  Exhaustive<MethodKeys<ZegoExpressEngine>, (typeof ENGINE_METHODS)[number]>,
  Exhaustive<MethodKeys<LivePusher>, (typeof PUSHER_METHODS)[number]>,
  Exhaustive<MethodKeys<LivePlayer>, (typeof PLAYER_METHODS)[number]>,
  Exhaustive<ZegoEventName, (typeof EVENT_NAMES)[number]>,
] = [true, true, true, true];

/**
 * How each attribute the SDK writes into `pusher` reaches <live-pusher> (WeChat's attribute names).
 * wcc hands them to the node camelCased, so `device-position` is read back as `devicePosition`.
 */
const PUSHER_ATTRIBUTE_MAP: Record<Exclude<keyof PusherAttributes, 'id'>, string> = {
  url: 'url',
  mode: 'mode',
  enableCamera: 'enable-camera',
  enableMic: 'enable-mic',
  enableAgc: 'enable-agc',
  enableAns: 'enable-ans',
  minBitrate: 'min-bitrate',
  maxBitrate: 'max-bitrate',
  frontCamera: 'device-position',
  enableZoom: 'zoom',
  videoWidth: 'video-width',
  videoHeight: 'video-height',
  beautyLevel: 'beauty',
  beautyStyle: 'beauty-style',
  whitenessLevel: 'whiteness',
  videoOrientation: 'orientation',
  enableRemoteMirror: 'remote-mirror',
  localMirror: 'local-mirror',
  audioQuality: 'audio-quality',
  audioVolumeType: 'audio-volume-type',
  audioReverbType: 'audio-reverb-type',
  filter: 'filter',
};

const EVERY_PUSHER_ATTRIBUTE: Required<Omit<PusherAttributes, 'id' | 'url'>> = {
  mode: 'RTC',
  enableCamera: false,
  enableMic: false,
  enableAgc: true,
  enableAns: true,
  minBitrate: 200,
  maxBitrate: 900,
  frontCamera: 'back',
  enableZoom: true,
  videoWidth: 360,
  videoHeight: 640,
  beautyLevel: 5,
  beautyStyle: 'nature',
  whitenessLevel: 3,
  videoOrientation: 'horizontal',
  enableRemoteMirror: true,
  localMirror: 'enable',
  audioQuality: 'low',
  audioVolumeType: 'media',
  audioReverbType: 2,
  filter: 'pink',
};

const kebabToCamel = (name: string) => name.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase());

const Engine = RealEngine as unknown as ZegoExpressEngineConstructor;
const TEST_SERVER = 'wss://webliveroom-test.zego.im/ws';

beforeAll(() => {
  // The bundle logs every call; keep the test output readable.
  for (const level of ['log', 'info', 'debug', 'warn', 'error'] as const) {
    jest.spyOn(console, level).mockImplementation(() => undefined);
  }
});

afterAll(() => jest.restoreAllMocks());

describe('Express 3.6.0 bundle vs typings/zego-express.d.ts', () => {
  const engines: ZegoExpressEngine[] = [];
  const fresh = () => {
    const engine = new Engine(1739272706, TEST_SERVER);
    engines.push(engine);
    return engine;
  };
  afterAll(() => {
    for (const engine of engines) {
      try {
        engine.destroyEngine();
      } catch {
        // already destroyed by the test
      }
    }
  });

  it('every engine method our interface declares exists on the real engine', () => {
    const engine = fresh() as unknown as Record<string, unknown>;
    const missing = ENGINE_METHODS.filter((name) => typeof engine[name] !== 'function');
    expect(missing).toEqual([]);
  });

  it('the real on() accepts every event name in our event map', () => {
    const engine = fresh();
    const handler = () => undefined;
    const rejected = EVENT_NAMES.filter((name) => engine.on(name, handler) !== true);
    expect(rejected).toEqual([]);
    for (const name of EVENT_NAMES) expect(engine.off(name, handler)).toBe(true);
  });

  it('the fake cloud accepts exactly the event names the real on() accepts, of those it knows', () => {
    const engine = fresh();
    const on = engine.on.bind(engine) as (name: string, handler: () => void) => boolean;
    const rejectedByReal = [...FAKE_ACCEPTED_EVENTS].filter((name) => on(name, () => undefined) !== true);
    expect(rejectedByReal).toEqual([]);
    expect(EVENT_NAMES.filter((name) => !FAKE_ACCEPTED_EVENTS.has(name))).toEqual([]);
  });

  it('the real on() returns false for a misspelled event name (so the check above can fail)', () => {
    const engine = fresh();
    const on = engine.on.bind(engine) as (name: string, handler: () => void) => boolean;
    expect(on('roomStreamUpdated', () => undefined)).toBe(false);
    expect(on('roomstateupdate', () => undefined)).toBe(false);
  });

  it('createPusher is null before initContext (the glue must come first)', () => {
    const engine = fresh();
    expect(engine.createPusher()).toBeNull();
  });

  it('every pusher and player method our interfaces declare exists on the real objects', () => {
    const engine = fresh();
    const data: Record<string, unknown> = {};
    engine.initContext({
      wxContext: { setData: (patch) => Object.assign(data, patch) },
      pushAtr: 'pusher',
      playAtr: 'playerList',
    });
    const pusher = engine.createPusher({ mode: 'RTC' }) as unknown as Record<string, unknown>;
    const player = engine.getPlayerInstance('room1_u1_main') as unknown as Record<string, unknown>;
    expect(PUSHER_METHODS.filter((name) => typeof pusher[name] !== 'function')).toEqual([]);
    expect(PLAYER_METHODS.filter((name) => typeof player[name] !== 'function')).toEqual([]);
    expect(pusher.attributes).toEqual(
      expect.objectContaining({ mode: 'RTC', enableCamera: true, enableMic: true }),
    );
    expect(player.streamID).toBe('room1_u1_main');
    expect(data.playerList).toEqual([expect.objectContaining({ id: 'room1_u1_main' })]);
  });

  it('pusher/player snapshot and toggleTorch hand our options to the wx contexts; player mode/cache reach playerList', () => {
    const contexts: Array<Record<string, jest.Mock>> = [];
    const makeContext = () => {
      const context = { snapshot: jest.fn(), toggleTorch: jest.fn(), play: jest.fn(), stop: jest.fn() };
      contexts.push(context);
      return context;
    };
    const g = globalThis as unknown as { wx: Record<string, unknown> };
    const saved = { pusher: g.wx.createLivePusherContext, player: g.wx.createLivePlayerContext };
    g.wx.createLivePusherContext = makeContext;
    g.wx.createLivePlayerContext = makeContext;
    try {
      const engine = fresh();
      const data: Record<string, unknown> = {};
      engine.initContext({
        wxContext: { setData: (patch) => Object.assign(data, patch) },
        pushAtr: 'pusher',
        playAtr: 'playerList',
      });
      const pusher = engine.createPusher({ mode: 'RTC' });
      const player = engine.getPlayerInstance('room1_u1_main');
      const options = { quality: 'raw' as const, success: jest.fn(), fail: jest.fn() };
      pusher?.snapshot(options);
      pusher?.toggleTorch(options);
      player?.snapshot(options);
      const [pusherContext, playerContext] = contexts;
      expect(pusherContext?.snapshot).toHaveBeenCalledWith(options);
      expect(pusherContext?.toggleTorch).toHaveBeenCalledWith(options);
      expect(playerContext?.snapshot).toHaveBeenCalledWith(options);
      player?.setPlayerAttributes({ mode: 'live', minCache: 1, maxCache: 3 });
      expect(data.playerList).toEqual([
        expect.objectContaining({ id: 'room1_u1_main', mode: 'live', minCache: 1, maxCache: 3 }),
      ]);
    } finally {
      g.wx.createLivePusherContext = saved.pusher;
      g.wx.createLivePlayerContext = saved.player;
    }
  });

  it('addPublishCdnUrl / removePublishCdnUrl reject with {errorCode} for a stream we do not publish', async () => {
    const engine = fresh();
    await expect(
      engine.addPublishCdnUrl('room1_u1_main', 'rtmp://cdn.example.com/live/s'),
    ).rejects.toMatchObject({
      errorCode: 1103055,
    });
    await expect(
      engine.removePublishCdnUrl('room1_u1_main', 'rtmp://cdn.example.com/live/s'),
    ).rejects.toMatchObject({ errorCode: 1103055 });
  });

  it('startMixerTask / stopMixerTask exist at runtime and reject with {errorCode} outside a room', async () => {
    const engine = fresh();
    const task = {
      taskID: 'room1_mix',
      inputList: [
        {
          streamID: 'room1_u1_main',
          contentType: 'VIDEO' as const,
          layout: { top: 0, left: 0, bottom: 640, right: 360 },
        },
      ],
      outputList: [{ target: 'room1_mix' }],
      outputConfig: { outputBitrate: 800, outputFPS: 15, outputWidth: 360, outputHeight: 640 },
    };
    const started = await engine.startMixerTask(task).then(
      () => 'resolved',
      (error: unknown) => error,
    );
    expect(started).toMatchObject({ errorCode: expect.any(Number) });
    const stopped = await engine.stopMixerTask('room1_mix').then(
      () => 'resolved',
      (error: unknown) => error,
    );
    expect(stopped).toMatchObject({ errorCode: expect.any(Number) });
  });

  it('destroyEngine throws when called twice (why leave guards it)', () => {
    const engine = fresh();
    engine.destroyEngine();
    expect(() => engine.destroyEngine()).toThrow();
  });
});

interface RealRoom {
  page: RenderedPage;
  engines: ZegoExpressEngine[];
  clock: ManualClock;
}

/** The real room page on the real Express bundle: only config, token source, clock, wx hooks and chat are doubles. */
async function openRealRoom(
  role: 'host' | 'audience',
  systemInfo: Record<string, unknown> = {},
): Promise<RealRoom> {
  jest.resetModules();
  const { provideRoomPageDeps } = require('../../miniprogram/live/services/room-deps') as {
    provideRoomPageDeps: typeof ProvideDeps;
  };
  const { renderPage } = require('../helpers/render-page') as { renderPage: typeof RenderPage };
  const { ZegoExpressEngine: PageEngine } = require('zego-express-engine-miniprogram') as {
    ZegoExpressEngine: ZegoExpressEngineConstructor;
  };
  // checkSystemRequirements reads the base library version and the camera/record settings through wx.
  // Read the global afresh: a freshly required miniprogram-simulate installs a merged copy of `wx`.
  const wxNow = (globalThis as unknown as { wx: Record<string, unknown> }).wx;
  const realGetSetting = wxNow.getSetting;
  const realInfo = wxNow.getSystemInfoSync as () => Record<string, unknown>;
  wxNow.getSetting = (options: { success?: (res: unknown) => void }) =>
    options.success?.({ authSetting: { 'scope.camera': true, 'scope.record': true } });
  wxNow.getSystemInfoSync = () => ({ ...realInfo.call(wxNow), ...systemInfo });

  const engines: ZegoExpressEngine[] = [];
  // The page creates the real engine; this subclass only lets the test reach it.
  const Capturing = class extends PageEngine {
    constructor(appID: number, server: string | string[]) {
      super(appID, server);
      engines.push(this);
    }
  };
  const clock = new ManualClock();
  const chat = new FakeRoomChat();
  provideRoomPageDeps({
    config: () => ({
      ok: true,
      config: { appID: 1739272706, servers: [TEST_SERVER], tokenUrl: 'https://x/v1/token', authMode: 'dev' },
    }),
    userID: () => 'host1',
    permissions: {
      getSetting: async () => ({ 'scope.camera': true, 'scope.record': true }),
      authorize: async () => true,
    },
    tokens: () => new FakeTokenProvider(),
    Engine: Capturing,
    clock,
    platform: new FakePlatform(),
    chat: () => chat,
  });
  const page = renderPage('live/pages/room/index');
  page.lifecycle('onLoad', { roomID: 'room1', role, userName: 'Alice' });
  await flush(10);
  wxNow.getSetting = realGetSetting;
  wxNow.getSystemInfoSync = realInfo;
  return { page, engines, clock };
}

describe('real Express bundle + real room page', () => {
  let page: RenderedPage;
  let engine: ZegoExpressEngine | undefined;

  beforeAll(async () => {
    const room = await openRealRoom('host');
    page = room.page;
    engine = room.engines[0];
  });

  afterAll(async () => {
    page.lifecycle('onUnload');
    await flush(5);
    page.detach();
  });

  it('the page created the real engine and called initContext with itself (no pusher yet: login is offline)', () => {
    expect(engine).toBeDefined();
    expect(engine?.getPusherInstance()).toBeNull();
    expect(page.instance.data.phase).toBe('joining');
  });

  it('after initContext and createPusher, the rendered <live-pusher> carries the mapped attributes', async () => {
    const pusher = engine?.createPusher({ mode: 'RTC' });
    expect(pusher).not.toBeNull();
    pusher?.setPusherAttributes({ ...EVERY_PUSHER_ATTRIBUTE, url: 'rtmp://example/live/room1_host1_main' });
    await flush(3);

    // The SDK wrote its attributes into the page's data under `pusher` …
    expect(page.instance.data.pusher).toEqual(expect.objectContaining(EVERY_PUSHER_ATTRIBUTE));
    // … and every one of them reached the native component under WeChat's attribute name.
    const rendered = page.attributes('#local-pusher');
    const written = page.instance.data.pusher as Record<string, unknown>;
    const wrong = Object.entries(PUSHER_ATTRIBUTE_MAP)
      .filter(([sdkName, attribute]) => rendered[kebabToCamel(attribute)] !== written[sdkName])
      .map(
        ([sdkName, attribute]) => `${sdkName} → ${attribute}: ${String(rendered[kebabToCamel(attribute)])}`,
      );
    expect(wrong).toEqual([]);
    expect(rendered.url).toBe('rtmp://example/live/room1_host1_main');
  });

  it('every attribute the SDK itself sets on a pusher has a mapping', () => {
    const written = Object.keys(page.instance.data.pusher as Record<string, unknown>).filter(
      (k) => k !== 'id',
    );
    expect(written.filter((key) => !(key in PUSHER_ATTRIBUTE_MAP))).toEqual([]);
  });

  it('getPlayerInstance renders a <live-player> whose id is the stream ID', async () => {
    engine?.getPlayerInstance('room1_guest_main');
    await flush(3);
    expect(page.attributes('.tile__player').id).toBe('room1_guest_main');
  });
});

describe('real Express bundle + real room page, with faults', () => {
  it('an old WeChat base library (checkSystemRequirements 10001) shows "update WeChat" and releases the engine', async () => {
    const { page, engines } = await openRealRoom('audience', { SDKVersion: '1.6.9' });
    expect(page.text('.overlay__message')).toContain('微信版本过低');
    expect(engines).toHaveLength(1);
    expect(() => engines[0]?.destroyEngine()).toThrow(); // the page already destroyed it
    page.lifecycle('onUnload');
    page.detach();
  });

  it('offline, the join never completes: failed with retry after the join timeout; leaving destroys the engine', async () => {
    const { page, engines, clock } = await openRealRoom('audience');
    expect(page.text('.overlay__message')).toBe('正在进入房间…');
    clock.advance(15000);
    await flush(5);
    expect(page.text('.overlay__message')).toContain('进入房间超时');
    expect(page.findAll('.overlay__retry')).toHaveLength(1);
    expect(() => engines[0]?.destroyEngine()).toThrow();
    await page.tap('.overlay__retry');
    await flush(5);
    expect(engines).toHaveLength(2);
    expect(page.text('.overlay__message')).toBe('正在进入房间…');
    page.lifecycle('onUnload');
    await flush(5);
    expect(() => engines[1]?.destroyEngine()).toThrow();
    page.detach();
  });
});
