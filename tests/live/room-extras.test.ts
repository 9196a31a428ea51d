/**
 * RoomService.extras against the fake cloud: playback mode switch without leaving, snapshots, torch,
 * CDN relay (validation, SDK errors, stopped on leave).
 */
import type { ErrorInfo } from '../../miniprogram/core/errors';
import { BUSY_ROOM, LIVE_MAX_CACHE, LIVE_MIN_CACHE } from '../../miniprogram/live/services/playback-mode';
import {
  RoomExtras,
  SNAPSHOT_FAILED,
  SNAPSHOT_TIMEOUT_MS,
} from '../../miniprogram/live/services/room-extras';
import { RoomService } from '../../miniprogram/live/services/room-service';
import type { RoomParams } from '../../miniprogram/live/services/room-types';
import { FakePlatform } from '../fakes/fake-platform';
import { ManualClock } from '../fakes/manual-clock';
import { FakeTokenProvider } from '../fakes/test-tokens';
import { FakeZegoCloud, type FakeEngine, type FakePusher } from '../fakes/zego-cloud';

const RELAY = 'rtmp://push.example.com/live/room1';

const flush = async (rounds = 6) => {
  for (let i = 0; i < rounds; i += 1) await new Promise((resolve) => setTimeout(resolve, 0));
};

function visit(cloud: FakeZegoCloud, role: 'host' | 'audience', userID: string) {
  const clock = new ManualClock();
  const data: Record<string, unknown> = {};
  const page = { data, setData: (patch: Record<string, unknown>) => Object.assign(data, patch) };
  const params: RoomParams = { roomID: 'room1', userID, userName: `${userID}-name`, role, wxContext: page };
  const service = new RoomService(
    {
      Engine: cloud.Engine,
      appID: cloud.appID,
      servers: ['wss://fake'],
      tokens: new FakeTokenProvider(),
      clock,
      platform: new FakePlatform(),
    },
    params,
  );
  const engine = () => cloud.engines.filter((e) => e.user.userID === userID).at(-1) as FakeEngine;
  return { service, clock, data, engine };
}

async function liveHost(cloud: FakeZegoCloud) {
  const host = visit(cloud, 'host', 'h1');
  await host.service.join();
  await flush();
  host.engine().updatePlayerState(host.service.localStreamID, { detail: { code: 1002 } });
  await flush();
  return host;
}

async function viewerOf(cloud: FakeZegoCloud) {
  const viewer = visit(cloud, 'audience', 'v1');
  await viewer.service.join();
  await flush();
  return viewer;
}

const playerList = (data: Record<string, unknown>) => data.playerList as Array<Record<string, unknown>>;

describe('playback mode', () => {
  it('a viewer switches to smooth: the player re-plays in live mode with the cache, in the same room', async () => {
    const cloud = new FakeZegoCloud();
    await liveHost(cloud);
    const viewer = await viewerOf(cloud);
    expect(playerList(viewer.data)).toEqual([expect.objectContaining({ id: 'room1_h1_main', mode: 'RTC' })]);
    const modes: string[] = [];
    viewer.service.extras.on('playback', (p) => modes.push(`${p.preference}:${p.mode}`));

    viewer.service.extras.setPreference('smooth');
    await flush();
    expect(modes).toEqual(['smooth:live']);
    expect(playerList(viewer.data)).toEqual([
      expect.objectContaining({
        id: 'room1_h1_main',
        mode: 'live',
        minCache: LIVE_MIN_CACHE,
        maxCache: LIVE_MAX_CACHE,
        url: 'rtmp://fake.zego/play/room1_h1_main',
      }),
    ]);
    const engine = viewer.engine();
    expect(engine.count('play')).toBe(2);
    expect(engine.count('playerStop')).toBe(1);
    expect(engine.count('loginRoom')).toBe(1);
    expect(engine.count('logoutRoom')).toBe(0);
    expect(viewer.service.phase).toBe('live');

    viewer.service.extras.setPreference('low-latency');
    await flush();
    expect(playerList(viewer.data)[0]).toMatchObject({ mode: 'RTC' });
    expect(playerList(viewer.data)[0]?.minCache).toBeUndefined(); // no live cache lingers
    expect(engine.count('play')).toBe(3);
  });

  it('auto: a busy room turns audience playback to live; the host stays on RTC', async () => {
    const cloud = new FakeZegoCloud();
    const host = await liveHost(cloud);
    const viewer = await viewerOf(cloud);
    viewer.engine().emit('roomOnlineUserCountUpdate', 'room1', BUSY_ROOM + 5);
    host.engine().emit('roomOnlineUserCountUpdate', 'room1', BUSY_ROOM + 5);
    await flush();
    expect(viewer.service.extras.playback).toEqual({ mode: 'live', preference: 'auto' });
    expect(playerList(viewer.data)[0]).toMatchObject({ mode: 'live' });
    host.service.extras.setPreference('smooth');
    expect(host.service.extras.playback.mode).toBe('RTC');
    expect(host.service.extras.playerAttributes().mode).toBe('RTC');
  });

  it('before the first online count (every 30 s) the users listed at login stand in for the room size', () => {
    const host = {
      engine: () => null,
      media: () => null,
      loggedIn: () => true,
      localStreamID: () => 'room1_v1_main',
    };
    const extras = new RoomExtras(host, new ManualClock(), 'audience');
    extras.onMembers(['a', 'b'], []);
    expect(extras.playback.mode).toBe('RTC');
    extras.onMembers(
      Array.from({ length: BUSY_ROOM }, (_, i) => `u${i}`),
      [],
    );
    expect(extras.playback.mode).toBe('live');
    // the count is the truth once it arrives; joins and leaves no longer decide
    extras.onMemberCount(3);
    expect(extras.playback.mode).toBe('RTC');
    extras.onMembers(['x', 'y', 'z'], []);
    expect(extras.playback.mode).toBe('RTC');
  });

  it('the mode is kept through a re-login (players are recreated with it)', async () => {
    const cloud = new FakeZegoCloud();
    await liveHost(cloud);
    const viewer = await viewerOf(cloud);
    viewer.service.extras.setPreference('smooth');
    await flush();
    cloud.disconnect(viewer.engine());
    await flush();
    viewer.clock.advance(60_000);
    await flush();
    expect(viewer.service.phase).toBe('live');
    expect(playerList(viewer.data)).toEqual([expect.objectContaining({ id: 'room1_h1_main', mode: 'live' })]);
  });
});

describe('snapshot', () => {
  it('of our own preview and of a remote tile: a temp image path', async () => {
    const cloud = new FakeZegoCloud();
    const host = await liveHost(cloud);
    const viewer = await viewerOf(cloud);
    await expect(host.service.extras.snapshot('room1_h1_main')).resolves.toMatch(/^wxfile:\/\/.*pusher/);
    await expect(viewer.service.extras.snapshot('room1_h1_main')).resolves.toMatch(/room1_h1_main/);
    expect((host.engine().pusher as FakePusher).calls).toContain('snapshot');
    expect(viewer.engine().count('playerSnapshot')).toBe(1);
  });

  it('fails with a clear message when the native snapshot fails, never calls back, or the tile is gone', async () => {
    const cloud = new FakeZegoCloud();
    const host = await liveHost(cloud);
    const viewer = await viewerOf(cloud);
    cloud.snapshotFails = true;
    await expect(host.service.extras.snapshot('room1_h1_main')).rejects.toBe(SNAPSHOT_FAILED);
    await expect(viewer.service.extras.snapshot('room1_nobody_main')).rejects.toBe(SNAPSHOT_FAILED);
    expect(viewer.engine().count('getPlayerInstance')).toBe(1); // no phantom player for the missing tile

    const pusher = host.engine().pusher as FakePusher;
    pusher.snapshot = () => undefined; // the native side never answers
    const pending = host.service.extras.snapshot('room1_h1_main');
    host.clock.advance(SNAPSHOT_TIMEOUT_MS);
    await expect(pending).rejects.toBe(SNAPSHOT_FAILED);
    expect(SNAPSHOT_FAILED.en).toMatch(/snapshot/i);
  });
});

describe('torch', () => {
  it('only on the back camera; flipping to the front turns it off', async () => {
    const cloud = new FakeZegoCloud();
    const host = await liveHost(cloud);
    const torch: boolean[] = [];
    host.service.extras.on('torch', (on) => torch.push(on));
    await expect(host.service.extras.toggleTorch()).rejects.toMatchObject({ action: 'none' });
    host.service.controls?.switchCamera();
    await expect(host.service.extras.toggleTorch()).resolves.toBe(true);
    const pusher = host.engine().pusher as FakePusher;
    expect(pusher.torchOn).toBe(true);
    host.service.controls?.switchCamera();
    expect(host.service.extras.torchOn).toBe(false);
    expect(torch).toEqual([true, false]);
  });

  it('an audience member has no torch', async () => {
    const cloud = new FakeZegoCloud();
    await liveHost(cloud);
    const viewer = await viewerOf(cloud);
    await expect(viewer.service.extras.toggleTorch()).rejects.toBeDefined();
  });
});

describe('CDN relay', () => {
  it('refuses a non-rtmp address before any SDK call', async () => {
    const cloud = new FakeZegoCloud();
    const host = await liveHost(cloud);
    await expect(host.service.extras.startRelay('http://cdn.example.com/live/x')).rejects.toMatchObject({
      source: 'relay',
      en: 'The relay address must start with rtmp://',
    });
    expect(host.engine().count('addPublishCdnUrl')).toBe(0);
  });

  it('before the stream is live the SDK refuses (1103055) and the host reads why', async () => {
    const cloud = new FakeZegoCloud();
    const host = visit(cloud, 'host', 'h1');
    await host.service.join();
    await flush();
    const error = (await host.service.extras.startRelay(RELAY).catch((e: unknown) => e)) as ErrorInfo;
    expect(error).toMatchObject({ source: 'relay', code: 1103055 });
    expect(error.en).toContain('Not live yet');
    expect(host.service.extras.relay.on).toBe(false);
  });

  it('starts and stops a relay of our stream; state events follow', async () => {
    const cloud = new FakeZegoCloud();
    const host = await liveHost(cloud);
    const states: string[] = [];
    host.service.extras.on('relay', (r) => states.push(`${r.on}:${r.url}`));
    await expect(host.service.extras.startRelay(`  ${RELAY} `)).resolves.toEqual({ on: true, url: RELAY });
    expect(cloud.relays.get('room1_h1_main')).toEqual(new Set([RELAY]));
    await expect(host.service.extras.stopRelay()).resolves.toEqual({ on: false, url: RELAY });
    expect(cloud.relays.size).toBe(0);
    expect(states).toEqual([`true:${RELAY}`, `false:${RELAY}`]);
  });

  it('relay not enabled for the AppID: a message naming the console setting, relay stays off', async () => {
    const cloud = new FakeZegoCloud();
    cloud.cdnRelayEnabled = false;
    const host = await liveHost(cloud);
    const error = (await host.service.extras.startRelay(RELAY).catch((e: unknown) => e)) as ErrorInfo;
    expect(error).toMatchObject({ code: 1100999, known: true });
    expect(error.en).toContain('enabled for this AppID');
    expect(host.service.extras.relay.on).toBe(false);
  });

  it('an SDK build without the CDN module resolves errorCode -1: treated as a failure', async () => {
    const cloud = new FakeZegoCloud();
    const host = await liveHost(cloud);
    host.engine().addPublishCdnUrl = async () => ({
      errorCode: -1,
      extendedData: 'should install advanced module',
    });
    await expect(host.service.extras.startRelay(RELAY)).rejects.toMatchObject({ code: -1, known: true });
    expect(host.service.extras.relay.on).toBe(false);
  });

  it('leaving removes the relay while still logged in', async () => {
    const cloud = new FakeZegoCloud();
    const host = await liveHost(cloud);
    await host.service.extras.startRelay(RELAY);
    const engine = host.engine();
    await host.service.leave();
    await flush();
    const methods = engine.calls.map((c) => c.method);
    const removed = methods.indexOf('removePublishCdnUrl');
    expect(removed).toBeGreaterThanOrEqual(0);
    expect(removed).toBeLessThan(methods.indexOf('logoutRoom'));
    expect(engine.calls[removed]?.args).toEqual(['room1_h1_main', RELAY]);
    expect(cloud.relays.size).toBe(0);
  });

  it('a dropped connection (the SDK discards the pusher) shows the relay as off', async () => {
    const cloud = new FakeZegoCloud();
    const host = await liveHost(cloud);
    await host.service.extras.startRelay(RELAY);
    cloud.disconnect(host.engine());
    await flush();
    expect(host.service.extras.relay).toEqual({ on: false, url: RELAY });
  });
});
