import { RoomService } from '../../miniprogram/live/services/room-service';
import type { RoomParams, RoomState } from '../../miniprogram/live/services/room-types';
import { FakePlatform } from '../fakes/fake-platform';
import { ManualClock } from '../fakes/manual-clock';
import { EXPIRED, FakeTokenProvider } from '../fakes/test-tokens';
import { FakeZegoCloud, type FakeEngine } from '../fakes/zego-cloud';

const flush = async (rounds = 6) => {
  for (let i = 0; i < rounds; i += 1) await new Promise((resolve) => setTimeout(resolve, 0));
};

function fakePage() {
  const data: Record<string, unknown> = {};
  return { data, setData: (patch: Record<string, unknown>) => Object.assign(data, patch) };
}

function visit(
  cloud: FakeZegoCloud,
  role: 'host' | 'audience',
  userID: string,
  extra: Partial<{ tokens: FakeTokenProvider }> = {},
) {
  const clock = new ManualClock();
  const platform = new FakePlatform();
  const tokens = extra.tokens ?? new FakeTokenProvider();
  const page = fakePage();
  const params: RoomParams = { roomID: 'room1', userID, userName: `${userID}-name`, role, wxContext: page };
  const service = new RoomService(
    { Engine: cloud.Engine, appID: cloud.appID, servers: ['wss://fake'], tokens, clock, platform },
    params,
  );
  const states: RoomState[] = [];
  const notices: string[] = [];
  service.on('state', (s) => states.push(s));
  service.on('notice', (n) => notices.push(n.en));
  const engine = () =>
    cloud.engines
      .filter(
        (e) =>
          e.user.userID === userID ||
          e.calls.some(
            (c) => c.method === 'loginRoom' && (c.args[2] as { userID: string }).userID === userID,
          ),
      )
      .at(-1) as FakeEngine;
  return { service, clock, platform, tokens, page, states, notices, engine };
}

async function goLive(host: ReturnType<typeof visit>) {
  await host.service.join();
  await flush();
  host.engine().updatePlayerState(host.service.localStreamID, { detail: { code: 1002 } });
  await flush();
}

/** The host h1 is live and the viewer v1 has joined room1. */
async function hostLiveAndViewer(cloud: FakeZegoCloud) {
  const host = visit(cloud, 'host', 'h1');
  await goLive(host);
  const viewer = visit(cloud, 'audience', 'v1');
  await viewer.service.join();
  await flush();
  return { host, viewer };
}

describe('RoomService against the fake cloud', () => {
  it('host publishes after login; a viewer plays the stream when the pusher reports 1002', async () => {
    const cloud = new FakeZegoCloud();
    const host = visit(cloud, 'host', 'h1');
    await host.service.join();
    await flush();
    expect(host.service.phase).toBe('live');
    const hostEngine = host.engine();
    expect(hostEngine.calls.map((c) => c.method).slice(0, 3)).toEqual([
      'checkSystemRequirements',
      'on',
      'on',
    ]);
    const onCalls = hostEngine.calls.findIndex((c) => c.method === 'initContext');
    const login = hostEngine.calls.findIndex((c) => c.method === 'loginRoom');
    expect(onCalls).toBeLessThan(login);
    expect(hostEngine.calls[login]?.args[3]).toEqual({ userUpdate: true });
    expect((host.page.data.pusher as { id: string }).id).toBe('room1_h1_main');
    expect(cloud.streamsIn('room1')).toHaveLength(0); // not before the native 1002

    const viewer = visit(cloud, 'audience', 'v1');
    await viewer.service.join();
    await flush();
    hostEngine.updatePlayerState('room1_h1_main', { detail: { code: 1002 } });
    await flush();
    expect(viewer.engine().count('play')).toBe(1);
    expect(viewer.page.data.playerList).toEqual([expect.objectContaining({ id: 'room1_h1_main' })]);
    expect(viewer.platform.keepScreenOn).toBe(true);
  });

  it('plays streams that were already live when joining', async () => {
    const cloud = new FakeZegoCloud();
    const { viewer } = await hostLiveAndViewer(cloud);
    expect(viewer.engine().count('play')).toBe(1);
  });

  it('an expired token gets one refresh, then the failed state with the expiry message', async () => {
    const cloud = new FakeZegoCloud();
    const viewer = visit(cloud, 'audience', 'v1', { tokens: new FakeTokenProvider(EXPIRED) });
    await viewer.service.join();
    await flush();
    expect(viewer.tokens.requests.map((r) => r.forceRefresh)).toEqual([false, true]);
    expect(viewer.service.phase).toBe('failed');
    expect(viewer.states.at(-1)?.error?.code).toBe(1002078);
  });

  it('a token for another app fails with auth failed', async () => {
    const cloud = new FakeZegoCloud();
    const viewer = visit(cloud, 'audience', 'v1', { tokens: new FakeTokenProvider({ appId: 42 }) });
    await viewer.service.join();
    await flush();
    expect(viewer.states.at(-1)).toMatchObject({ phase: 'failed', error: { code: 1002033 } });
  });

  it('a join that never completes ends in failed after the join timeout, engine destroyed', async () => {
    const cloud = new FakeZegoCloud();
    cloud.loginBehaviour = 'hang';
    const viewer = visit(cloud, 'audience', 'v1');
    void viewer.service.join();
    await flush();
    expect(viewer.service.phase).toBe('joining');
    viewer.clock.advance(15000);
    expect(viewer.service.phase).toBe('failed');
    expect(viewer.engine().destroyed).toBe(true);
    cloud.loginBehaviour = 'normal';
    await viewer.service.retry();
    await flush();
    expect(viewer.service.phase).toBe('live');
  });

  it('disconnect → reconnecting → backoff re-login → pusher and players recreated', async () => {
    const cloud = new FakeZegoCloud();
    const { host, viewer } = await hostLiveAndViewer(cloud);
    const engine = viewer.engine();
    cloud.disconnect(engine);
    await flush();
    expect(viewer.service.phase).toBe('reconnecting');
    expect(viewer.page.data.playerList).toEqual([]);
    viewer.clock.advance(1000);
    await flush();
    expect(viewer.service.phase).toBe('live');
    expect(engine.count('play')).toBe(2);
    expect(viewer.page.data.playerList).toEqual([expect.objectContaining({ id: 'room1_h1_main' })]);

    // the host's own disconnect: the pusher comes back and starts the same stream again
    const hostEngine = host.engine();
    cloud.disconnect(hostEngine);
    await flush();
    host.clock.advance(1000);
    await flush();
    expect(hostEngine.pusher?.calls).toEqual(['start:room1_h1_main']);
    expect(host.service.phase).toBe('live');
  });

  it('re-logins that hang count as failed attempts: bounded, then the failed state', async () => {
    const cloud = new FakeZegoCloud();
    const viewer = visit(cloud, 'audience', 'v1');
    await viewer.service.join();
    await flush();
    cloud.loginBehaviour = 'hang';
    cloud.disconnect(viewer.engine());
    await flush();
    for (let i = 0; i < 40 && viewer.service.phase === 'reconnecting'; i += 1) {
      viewer.clock.advance(5000);
      await flush();
    }
    expect(viewer.service.phase).toBe('failed');
    expect(viewer.engine().count('loginRoom')).toBe(1 + 5);
    expect(viewer.clock.pending).toBe(0);
    // and a late answer to an abandoned login changes nothing
    expect(viewer.states.at(-1)?.error?.code).toBe(1002053);
  });

  it('host leaving removes the viewer tile and shows host-left', async () => {
    const cloud = new FakeZegoCloud();
    const host = visit(cloud, 'host', 'h1');
    await goLive(host);
    const viewer = visit(cloud, 'audience', 'v1');
    const removed: string[] = [];
    viewer.service.on('streamRemoved', (id) => removed.push(id));
    await viewer.service.join();
    await flush();
    await host.service.leave();
    await flush();
    expect(removed).toEqual(['room1_h1_main']);
    expect(viewer.service.phase).toBe('host-left');
  });

  it('a host restarting the push is not "host left"; a stream gone for the grace period is', async () => {
    const cloud = new FakeZegoCloud();
    const { host, viewer } = await hostLiveAndViewer(cloud);
    host.engine().pusher?.stop(); // the stream drops, the host stays in the room
    await flush();
    expect(viewer.service.phase).toBe('live');
    viewer.clock.advance(4000);
    await host.engine().pusher?.start('room1_h1_main'); // back before the grace ends
    host.engine().updatePlayerState('room1_h1_main', { detail: { code: 1002 } });
    await flush();
    viewer.clock.advance(5000);
    expect(viewer.service.phase).toBe('live');
    host.engine().pusher?.stop();
    await flush();
    viewer.clock.advance(5000);
    expect(viewer.service.phase).toBe('host-left');
  });

  it('retry after an auth/expiry failure asks for a fresh token', async () => {
    const cloud = new FakeZegoCloud();
    const tokens = new FakeTokenProvider((n) => (n <= 2 ? EXPIRED : {}));
    const viewer = visit(cloud, 'audience', 'v1', { tokens });
    await viewer.service.join();
    await flush();
    expect(viewer.service.phase).toBe('failed');
    await viewer.service.retry();
    await flush();
    expect(tokens.requests.map((r) => r.forceRefresh)).toEqual([false, true, true]);
    expect(viewer.service.phase).toBe('live');
  });

  it('a failed login during recovery backs off and ends in failed after the retry limit', async () => {
    const cloud = new FakeZegoCloud();
    const tokens = new FakeTokenProvider();
    const viewer = visit(cloud, 'audience', 'v1', { tokens });
    await viewer.service.join();
    await flush();
    tokens.failWith = { code: 1002053, msg: 'network' };
    cloud.disconnect(viewer.engine());
    await flush();
    // Record when each re-login asked for a token; the gaps are the backoff.
    const start = viewer.clock.now();
    const askedAt: number[] = [];
    while (viewer.service.phase === 'reconnecting' && viewer.clock.now() - start < 120000) {
      viewer.clock.advance(500);
      await flush();
      while (tokens.requests.length - 1 > askedAt.length) askedAt.push(viewer.clock.now() - start);
    }
    expect(viewer.service.phase).toBe('failed');
    expect(tokens.requests).toHaveLength(1 + 5);
    expect(askedAt.map((t, i) => t - (askedAt[i - 1] ?? 0))).toEqual([1000, 2000, 4000, 8000, 16000]);
    expect(viewer.clock.pending).toBe(0);
  });

  it('logs in as the user the token service binds (wechat mode) and publishes under that stream ID', async () => {
    const cloud = new FakeZegoCloud();
    const bound = new FakeTokenProvider();
    const tokens = {
      requests: bound.requests,
      getToken: async (request: Parameters<FakeTokenProvider['getToken']>[0]) => {
        const issued = await bound.getToken({ ...request, userID: 'wx_bound_1' });
        return { ...issued, userID: 'wx_bound_1' };
      },
    } as unknown as FakeTokenProvider;
    const host = visit(cloud, 'host', 'local_guess', { tokens });
    await host.service.join();
    await flush();
    const engine = cloud.engines[0];
    expect(engine?.user.userID).toBe('wx_bound_1');
    expect(host.service.localStreamID).toBe('room1_wx_bound_1_main');
    expect((host.page.data.pusher as { id: string }).id).toBe('room1_wx_bound_1_main');
  });

  it('network: only a return from offline restarts media; a switch between networks does not', async () => {
    const cloud = new FakeZegoCloud();
    const host = visit(cloud, 'host', 'h1');
    await goLive(host);
    const pusher = host.engine().pusher;
    host.platform.setOnline(true); // e.g. Wi-Fi → 4G: still connected
    await flush();
    expect(pusher?.calls).toEqual(['start:room1_h1_main']);
    host.platform.setOnline(false);
    host.platform.setOnline(true);
    await flush();
    expect(pusher?.calls).toEqual(['start:room1_h1_main', 'stop', 'start:room1_h1_main']);
  });

  it('kicked (1002050) when the same user joins elsewhere', async () => {
    const cloud = new FakeZegoCloud();
    const first = visit(cloud, 'audience', 'v1');
    await first.service.join();
    await flush();
    const second = visit(cloud, 'audience', 'v1');
    await second.service.join();
    await flush();
    expect(first.service.phase).toBe('kicked');
    expect(first.states.at(-1)?.error?.code).toBe(1002050);
  });

  it('-1307 restarts publishing; -2301 plays again; 5001 resumes on interruption end', async () => {
    const cloud = new FakeZegoCloud();
    const { host, viewer } = await hostLiveAndViewer(cloud);
    const pusher = host.engine().pusher;
    host.service.forwardStateChange('room1_h1_main', { detail: { code: -1307 } });
    host.clock.advance(1000);
    await flush();
    expect(pusher?.calls).toEqual(['start:room1_h1_main', 'stop', 'start:room1_h1_main']);
    // the restarted push is back on the server once the native pusher says 1002 again
    host.engine().updatePlayerState('room1_h1_main', { detail: { code: 1002 } });
    await flush();
    expect(viewer.engine().count('play')).toBe(2);

    viewer.service.forwardStateChange('room1_h1_main', { detail: { code: -2301 } });
    viewer.clock.advance(1000);
    await flush();
    expect(viewer.engine().count('play')).toBe(3);

    viewer.service.forwardStateChange('room1_h1_main', { detail: { code: 5001 } });
    expect(viewer.notices.at(-1)).toMatch(/call/);
    viewer.platform.endInterruption();
    await flush();
    expect(viewer.engine().count('play')).toBe(4);
  });

  it('renews the token once when both expiry events fire; a failed renewal is shown', async () => {
    const cloud = new FakeZegoCloud();
    const viewer = visit(cloud, 'audience', 'v1');
    await viewer.service.join();
    await flush();
    cloud.tokenWillExpire(viewer.engine());
    await flush();
    expect(viewer.engine().count('renewToken')).toBe(1);
    expect(viewer.tokens.requests.at(-1)?.forceRefresh).toBe(true);
    viewer.clock.advance(60000);
    viewer.tokens.failWith = new Error('token service down');
    cloud.tokenWillExpire(viewer.engine());
    await flush();
    expect(viewer.notices.at(-1)).toMatch(/renew/);
  });

  it('camera/mic state travels as stream extra info to the viewer', async () => {
    const cloud = new FakeZegoCloud();
    const host = visit(cloud, 'host', 'h1');
    await goLive(host);
    const viewer = visit(cloud, 'audience', 'v1');
    const updates: Array<{ cameraOn: boolean; micOn: boolean }> = [];
    viewer.service.on('streamUpdated', (s) => updates.push({ cameraOn: s.cameraOn, micOn: s.micOn }));
    await viewer.service.join();
    await flush();
    host.service.controls?.setCamera(false);
    host.service.controls?.setMic(false);
    await flush();
    expect(updates.at(-1)).toEqual({ cameraOn: false, micOn: false });
    expect((host.page.data.pusher as { enableCamera: boolean }).enableCamera).toBe(false);
  });

  it('leave twice → one logout, one destroy; nothing left behind', async () => {
    const cloud = new FakeZegoCloud();
    const host = visit(cloud, 'host', 'h1');
    await goLive(host);
    const engine = host.engine();
    await Promise.all([host.service.leave(), host.service.leave()]);
    expect(engine.count('logoutRoom')).toBe(1);
    expect(engine.count('destroyEngine')).toBe(1);
    expect(engine.listenerCount()).toBe(0);
    expect(host.platform.listenerCount()).toBe(0);
    expect(host.clock.pending).toBe(0);
    expect(host.platform.keepScreenOn).toBe(false);
  });
});
