/**
 * Three phones in one room on the fake cloud (host, two viewers), each with RoomService + InteractiveRoom,
 * co-host signalling over an in-memory ZIM command bus, and the token service's real room rules.
 */
import type { Bilingual } from '../../miniprogram/core/i18n';
import type { PermissionApi } from '../../miniprogram/core/permissions';
import type { GuestState } from '../../miniprogram/live/services/cohost-guest';
import { InteractiveRoom } from '../../miniprogram/live/services/interactive-room';
import { mixStreamIdFor } from '../../miniprogram/live/services/mixer';
import { RoomService } from '../../miniprogram/live/services/room-service';
import type { RoomState } from '../../miniprogram/live/services/room-types';
import { FakeCohostBus } from '../fakes/fake-cohost-bus';
import { FakePlatform } from '../fakes/fake-platform';
import { FakeTokenService } from '../fakes/fake-token-service';
import { ManualClock } from '../fakes/manual-clock';
import { FakeZegoCloud, type FakeEngine } from '../fakes/zego-cloud';

const flush = async (rounds = 8) => {
  for (let i = 0; i < rounds; i += 1) await new Promise((resolve) => setTimeout(resolve, 0));
};

const allow: PermissionApi = {
  getSetting: async () => ({ 'scope.camera': true, 'scope.record': true }),
  authorize: async () => true,
};

interface Phone {
  userID: string;
  service: RoomService;
  room: InteractiveRoom;
  clock: ManualClock;
  states: RoomState[];
  notices: Bilingual[];
  guest: GuestState[];
  permissionAsks: string[];
  engine(): FakeEngine;
}

function setup(options: { cohostLimit?: number } = {}) {
  const cloud = new FakeZegoCloud();
  const bus = new FakeCohostBus();
  const server = new FakeTokenService(options.cohostLimit ?? 3);
  const phones: Phone[] = [];
  const phone = (userID: string, role: 'host' | 'audience', permissions: PermissionApi = allow): Phone => {
    const clock = new ManualClock();
    const page = {
      data: {} as Record<string, unknown>,
      setData: (p: Record<string, unknown>) => Object.assign(page.data, p),
    };
    const service = new RoomService(
      {
        Engine: cloud.Engine,
        appID: cloud.appID,
        servers: ['wss://fake'],
        tokens: server.tokens(),
        clock,
        platform: new FakePlatform(),
      },
      { roomID: 'room1', userID, userName: userID.toUpperCase(), role, wxContext: page },
    );
    const permissionAsks: string[] = [];
    const room = new InteractiveRoom({
      service,
      signal: bus.signal(userID),
      admin: server.admin(),
      tokens: server.tokens(),
      permissions: {
        getSetting: async () => {
          permissionAsks.push('getSetting');
          return permissions.getSetting();
        },
        authorize: (scope) => permissions.authorize(scope),
      },
      clock,
      self: { roomID: 'room1', userID, userName: userID.toUpperCase(), role },
    });
    const p: Phone = {
      userID,
      service,
      room,
      clock,
      states: [],
      notices: [],
      guest: [],
      permissionAsks,
      engine: () => cloud.engines.filter((e) => e.user.userID === userID).at(-1) as FakeEngine,
    };
    service.on('state', (s) => p.states.push(s));
    room.on('notice', (n) => p.notices.push(n));
    room.on('guest', (g) => p.guest.push(g));
    phones.push(p);
    return p;
  };
  /** The native pusher reports 1002: the stream exists for everyone else. */
  const pushed = async (p: Phone) => {
    p.engine().updatePlayerState(p.service.localStreamID, { detail: { code: 1002 } });
    await flush();
  };
  const playing = (p: Phone) =>
    p
      .engine()
      .players.filter((pl) => pl.isPlaying)
      .map((pl) => pl.streamID)
      .sort();
  return { cloud, bus, server, phone, pushed, playing };
}

async function hostAndViewers(w: ReturnType<typeof setup>) {
  const host = w.phone('host', 'host');
  await host.service.join();
  await flush();
  await w.pushed(host);
  host.clock.advance(1000); // the default room info is written
  await flush();
  const a = w.phone('viewer_a', 'audience');
  const b = w.phone('viewer_b', 'audience');
  await a.service.join();
  await b.service.join();
  await flush();
  return { host, a, b };
}

describe('interactive room: three phones on the fake cloud', () => {
  it('request → accept → cohost token → renewToken → publish → everyone plays → the co-host ends it', async () => {
    const w = setup();
    const { host, a, b } = await hostAndViewers(w);
    expect(w.playing(a)).toEqual(['room1_host_main']);

    expect(a.room.guest?.request()).toBeNull();
    await flush();
    expect(host.room.host?.pendingList()).toEqual([
      expect.objectContaining({ userID: 'viewer_a', userName: 'VIEWER_A' }),
    ]);
    await host.room.host?.accept('viewer_a');
    await flush();

    expect(w.server.calls).toContain('approve viewer_a');
    expect(w.server.calls).toContain('token viewer_a cohost');
    // Permissions ran before the camera: the pusher exists only after the check.
    expect(a.permissionAsks).toEqual(['getSetting']);
    const renew = a.engine().calls.find((c) => c.method === 'renewToken');
    expect(renew).toBeDefined();
    expect(a.engine().pusher?.calls).toEqual(['start:room1_viewer_a_main']);
    expect(a.guest.at(-1)?.phase).toBe('cohost');
    await w.pushed(a);

    expect(w.playing(host)).toEqual(['room1_viewer_a_main']);
    expect(w.playing(b)).toEqual(['room1_host_main', 'room1_viewer_a_main']);

    a.room.guest?.leaveStage();
    await flush();
    expect(w.cloud.streamsIn('room1').map((s) => s.streamID)).toEqual(['room1_host_main']);
    expect(w.playing(b)).toEqual(['room1_host_main']);
    expect(host.room.host?.cohostList()).toEqual([]);
    expect(w.server.calls).toContain('revoke viewer_a');
    // Revoked: asking for a publishing token again is refused by the token service.
    await expect(
      w.server.tokens().getToken({ userID: 'viewer_a', roomID: 'room1', role: 'cohost' }),
    ).rejects.toMatchObject({
      detail: { status: 403, serverCode: 'cohost_not_approved' },
    });
  });

  it('invite → accept from the member list; the host removes the co-host', async () => {
    const w = setup();
    const { host, b } = await hostAndViewers(w);
    expect(host.room.host?.invite('viewer_b', 'VIEWER_B')).toBeNull();
    await flush();
    expect(b.guest.at(-1)).toEqual({ phase: 'invited', hostName: 'HOST' });
    b.room.guest?.acceptInvite();
    await flush();
    await w.pushed(b);
    expect(w.playing(host)).toEqual(['room1_viewer_b_main']);
    host.room.host?.remove('viewer_b');
    await flush();
    expect(b.guest.at(-1)?.phase).toBe('idle');
    expect(b.engine().pusher?.isPublishing).toBe(false);
    expect(w.cloud.streamsIn('room1').map((s) => s.streamID)).toEqual(['room1_host_main']);
    expect(w.playing(host)).toEqual([]);
  });

  it('a viewer who never asked cannot publish: the token service says 403 and the cloud refuses the stream', async () => {
    const w = setup();
    const { b } = await hostAndViewers(w);
    // Trying to publish with the audience token it has: the cloud refuses (1003072) and nothing is left on.
    const audience = await w.server
      .tokens()
      .getToken({ userID: 'viewer_b', roomID: 'room1', role: 'audience' });
    await expect(b.service.stage.goOnStage(audience.token)).rejects.toMatchObject({ code: 1003072 });
    expect(b.service.stage.isOnStage).toBe(false);
    expect(w.cloud.streamsIn('room1').map((s) => s.streamID)).toEqual(['room1_host_main']);
    await expect(
      w.server.tokens().getToken({ userID: 'viewer_b', roomID: 'room1', role: 'cohost' }),
    ).rejects.toMatchObject({
      detail: { status: 403, serverCode: 'cohost_not_approved' },
      en: 'The host has not approved you as a co-host, so you cannot go on camera yet',
    });
    await expect(
      w.server.tokens().getToken({ userID: 'viewer_b', roomID: 'room1', role: 'host' }),
    ).rejects.toMatchObject({
      detail: { status: 403, serverCode: 'room_owned' },
    });
  });

  it('a permission refused before the camera: nothing is published, the host frees the seat', async () => {
    const w = setup();
    const host = w.phone('host', 'host');
    await host.service.join();
    await flush();
    await w.pushed(host);
    const refuse: PermissionApi = {
      getSetting: async () => ({ 'scope.camera': false }),
      authorize: async () => false,
    };
    const a = w.phone('viewer_a', 'audience', refuse);
    await a.service.join();
    await flush();
    a.room.guest?.request();
    await flush();
    await host.room.host?.accept('viewer_a');
    await flush();
    expect(a.engine().pusher).toBeNull();
    expect(a.notices.at(-1)?.en).toContain('needs the camera and microphone');
    expect(host.room.host?.cohostList()).toEqual([]);
    expect(w.server.calls).toContain('revoke viewer_a');
  });

  it('co-host limit from the token service (409) is told to the host and the viewer', async () => {
    const w = setup({ cohostLimit: 1 });
    const { host, a, b } = await hostAndViewers(w);
    a.room.guest?.request();
    await flush();
    await host.room.host?.accept('viewer_a');
    await flush();
    // The service says 1 co-host; the client default is 3, so the refusal comes from the token service.
    b.room.guest?.request();
    await flush();
    await host.room.host?.accept('viewer_b');
    await flush();
    expect(host.notices.at(-1)?.en).toBe(
      'Could not bring VIEWER_B on camera: The co-host limit is reached; remove a co-host before adding another',
    );
    expect(b.guest.at(-1)?.phase).toBe('idle');
    expect(b.engine().pusher).toBeNull();
  });

  it('the host leaving with a request pending: the request ends on the viewer side', async () => {
    const w = setup();
    const { host, a } = await hostAndViewers(w);
    a.room.guest?.request();
    await flush();
    await host.room.leave();
    await flush();
    expect(a.guest.at(-1)?.phase).toBe('idle');
    expect(a.notices.at(-1)?.en).toBe('The host left; co-hosting is over');
  });

  it('room info: a newcomer sees it on entering; the host edits it and everyone sees the change', async () => {
    const w = setup();
    const { host, a } = await hostAndViewers(w);
    expect(a.service.stage.roomInfo).toMatchObject({ title: 'HOST', hostUserID: 'host' });
    expect(
      await host.room.saveRoomInfo({
        title: '吉他课',
        notice: '今晚抽奖',
        link: 'https://shop.example.com/x',
      }),
    ).toBeNull();
    await flush();
    expect(a.service.stage.roomInfo).toMatchObject({
      title: '吉他课',
      notice: '今晚抽奖',
      link: 'https://shop.example.com/x',
    });
    const late = w.phone('viewer_c', 'audience');
    const seen: string[] = [];
    late.service.stage.on('roomInfo', (info) => seen.push(info.title));
    await late.service.join();
    await flush();
    expect(seen).toEqual(['吉他课']);
    // Too long: refused before any SDK call, with the byte count.
    const calls = host.engine().count('setRoomExtraInfo');
    const error = await host.room.saveRoomInfo({ title: '吉他课', notice: '很'.repeat(40), link: '' });
    expect(error?.en).toMatch(/over the 128-byte limit/);
    expect(host.engine().count('setRoomExtraInfo')).toBe(calls);
  });

  it('mixer: start, update as a co-host comes and goes, viewers switch to the mix, stop on leave', async () => {
    const w = setup();
    const { host, a, b } = await hostAndViewers(w);
    await host.service.stage.startMixing();
    await flush();
    const mixer = () => w.cloud.interactive.mixers('room1')[0];
    expect(mixer()?.task.inputList.map((i) => i.streamID)).toEqual(['room1_host_main']);
    expect(a.service.stage.roomInfo?.mixing).toBe(true);

    a.room.guest?.request();
    await flush();
    await host.room.host?.accept('viewer_a');
    await flush();
    await w.pushed(a);
    await flush();
    expect(mixer()?.task.inputList.map((i) => i.streamID)).toEqual([
      'room1_host_main',
      'room1_viewer_a_main',
    ]);
    expect(mixer()?.starts).toBe(2);

    // b picks the mixed stream: one player, isMix.
    b.service.stage.setPlayChoice('mix');
    await flush();
    expect(w.playing(b)).toEqual([mixStreamIdFor('room1')]);
    expect(
      b
        .engine()
        .calls.filter((c) => c.method === 'startPlayingStream')
        .at(-1)?.args,
    ).toEqual(['room1_mix', { isMix: true }]);
    b.service.stage.setPlayChoice('direct');
    await flush();
    expect(w.playing(b)).toEqual(['room1_host_main', 'room1_viewer_a_main']);

    a.room.guest?.leaveStage();
    await flush();
    expect(mixer()?.task.inputList.map((i) => i.streamID)).toEqual(['room1_host_main']);
    await host.room.leave();
    await flush();
    expect(host.engine().count('stopMixerTask')).toBe(1);
    expect(w.cloud.interactive.mixers('room1')).toEqual([]);
    // The flag is cleared before the host goes, so nobody waits for a mix that is gone.
    expect(b.service.stage.roomInfo?.mixing).toBe(false);
  });

  it('a viewer switches to the mixed stream by itself once the room is over the direct-play limit', async () => {
    const w = setup();
    const { host, a, b } = await hostAndViewers(w);
    const c = w.phone('viewer_c', 'audience');
    const d = w.phone('viewer_d', 'audience');
    await c.service.join();
    await d.service.join();
    await flush();
    await host.service.stage.startMixing();
    await flush();
    for (const guest of [a, b, c]) {
      guest.room.guest?.request();
      await flush();
      await host.room.host?.accept(guest.userID);
      await flush();
      await w.pushed(guest);
    }
    await flush();
    // Host + 3 co-hosts = 4 remote streams for d: over the limit of 3, so d plays the one mixed stream.
    expect(w.playing(d)).toEqual(['room1_mix']);
    expect(d.service.stage.mixState).toMatchObject({ mode: 'mix', available: true, choice: null });
    // Co-hosts keep playing directly (they talk to each other in real time).
    expect(w.playing(a)).toEqual(['room1_host_main', 'room1_viewer_b_main', 'room1_viewer_c_main']);
    expect(w.cloud.interactive.mixers('room1')[0]?.task.inputList).toHaveLength(4);
    // One co-host leaves: back under the limit, direct play again.
    c.room.guest?.leaveStage();
    await flush();
    expect(w.playing(d)).toEqual(['room1_host_main', 'room1_viewer_a_main', 'room1_viewer_b_main']);
  });

  it('"mixing not enabled for this AppID" is a clear notice; the mixer stays off', async () => {
    const w = setup();
    const { host } = await hostAndViewers(w);
    w.cloud.interactive.mixingEnabled = false;
    const notices: string[] = [];
    host.service.on('notice', (n) => notices.push(n.en));
    await host.service.stage.startMixing();
    expect(notices).toEqual([
      'Stream mixing is not enabled for this AppID; switch it on in the ZEGO console',
    ]);
    expect(host.service.stage.mixState.status).toBe('off');
  });

  it('end room: every viewer sees "the room has ended" and leaves; ownership is released and a new host starts fresh', async () => {
    const w = setup();
    const { host, a, b } = await hostAndViewers(w);
    a.room.guest?.request();
    await flush();
    await host.room.host?.accept('viewer_a');
    await flush();
    await host.room.endRoom();
    await flush();
    for (const v of [a, b]) {
      expect(v.states.at(-1)).toMatchObject({ phase: 'ended', error: { en: 'The room has ended' } });
      expect(v.engine().destroyed).toBe(true);
    }
    expect(a.engine().pusher).toBeNull();
    expect(w.server.calls).toContain('end room1');
    expect(host.engine().destroyed).toBe(true);
    // Someone else can now host the room, and writes fresh room info over the ended one.
    const next = w.phone('next_host', 'host');
    await next.service.join();
    await flush();
    expect(next.states.at(-1)?.phase).toBe('live');
    next.clock.advance(1000);
    await flush();
    expect(next.service.stage.roomInfo).toMatchObject({
      title: 'NEXT_HOST',
      hostUserID: 'next_host',
      ended: false,
    });
  });

  it('host left: the audience sees "host left", and after the timeout the visit ends unless the host returns', async () => {
    const w = setup();
    const { host, a } = await hostAndViewers(w);
    await host.room.leave();
    await flush();
    expect(a.states.at(-1)?.phase).toBe('host-left');
    a.clock.advance(59_000);
    await flush();
    expect(a.states.at(-1)?.phase).toBe('host-left');
    a.clock.advance(1_000);
    await flush();
    expect(a.states.at(-1)).toMatchObject({
      phase: 'ended',
      error: { en: expect.stringContaining('did not come back') },
    });
    expect(a.engine().destroyed).toBe(true);
  });

  it('the host heartbeats its room while live', async () => {
    const w = setup();
    const { host } = await hostAndViewers(w);
    host.clock.advance(60_000);
    await flush();
    host.clock.advance(60_000);
    await flush();
    expect(w.server.calls.filter((c) => c.startsWith('heartbeat'))).toHaveLength(2);
  });

  it('a lapsed lease is claimed again by the host at the next heartbeat', async () => {
    const w = setup();
    const { host } = await hostAndViewers(w);
    // The lease ran out (say the phone slept): the token service no longer knows the room.
    await w.server.store.endRoom('room1', 'host');
    expect(await w.server.store.publishRight('room1', 'host')).not.toBe('host');
    host.clock.advance(60_000);
    await flush();
    expect(await w.server.store.publishRight('room1', 'host')).toBe('host');
    expect(host.notices).toEqual([]);
  });

  it('if another host took the room meanwhile, the host is told in words', async () => {
    const w = setup();
    const { host } = await hostAndViewers(w);
    await w.server.store.endRoom('room1', 'host');
    await w.server.store.claimHost('room1', 'usurper');
    host.clock.advance(60_000);
    await flush();
    expect(host.notices).toHaveLength(1);
    expect(host.notices[0]?.en).toMatch(/host/i);
  });
});
