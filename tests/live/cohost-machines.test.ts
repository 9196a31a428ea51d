/**
 * The co-host state machines on both sides, talking over an in-memory ZIM command bus: one host, two
 * viewers. The token service's approve/revoke are recorded (the service itself is tested on loopback).
 */
import type { Bilingual } from '../../miniprogram/core/i18n';
import { CohostGuest, type GuestPhase } from '../../miniprogram/live/services/cohost-guest';
import { CohostHost, type PendingCohost } from '../../miniprogram/live/services/cohost-host';
import { Timers } from '../../miniprogram/live/services/timers';
import { FakeCohostBus } from '../fakes/fake-cohost-bus';
import { ManualClock } from '../fakes/manual-clock';

const ROOM = 'room1';
const settle = async () => {
  for (let i = 0; i < 10; i += 1) await Promise.resolve();
};

function world(options: { limit?: number; approveFails?: unknown } = {}) {
  const bus = new FakeCohostBus();
  const clock = new ManualClock();
  let seq = 0;
  const approvals: string[] = [];
  const hostNotices: Bilingual[] = [];
  const host = new CohostHost({
    roomID: ROOM,
    hostName: 'Hana',
    send: (to, m) => bus.signal('host').send(to, m),
    approve: async (userID) => {
      if (options.approveFails !== undefined) throw options.approveFails;
      approvals.push(`+${userID}`);
    },
    revoke: async (userID) => {
      approvals.push(`-${userID}`);
    },
    timers: new Timers(clock),
    newRequestID: () => `h${(seq += 1)}`,
    limit: options.limit,
  });
  bus.signal('host').on((from, m) => host.onMessage(from, m));
  host.on('notice', (n) => hostNotices.push(n));
  let pending: PendingCohost[] = [];
  host.on('pending', (list) => (pending = list));

  const guest = (userID: string) => {
    const live: string[] = [];
    const notices: Bilingual[] = [];
    const phases: GuestPhase[] = [];
    let goLive: () => Promise<void> = async () => {
      live.push('go');
    };
    const g = new CohostGuest({
      roomID: ROOM,
      userName: userID.toUpperCase(),
      hostUserID: () => 'host',
      send: (to, m) => bus.signal(userID).send(to, m),
      goLive: () => goLive(),
      stopLive: () => live.push('stop'),
      mute: () => live.push('mute'),
      timers: new Timers(clock),
      newRequestID: () => `${userID}-${(seq += 1)}`,
    });
    bus.signal(userID).on((from, m) => g.onMessage(from, m));
    g.on('notice', (n) => notices.push(n));
    g.on('state', (s) => phases.push(s.phase));
    return {
      g,
      live,
      notices,
      phases,
      failGoLive(error: unknown) {
        goLive = async () => {
          throw error;
        };
      },
    };
  };
  return { bus, clock, host, approvals, hostNotices, pending: () => pending, guest };
}

describe('co-hosting state machines', () => {
  it('request → accept → approval → grant → the guest goes live → the guest ends it', async () => {
    const w = world();
    const a = w.guest('viewer_a');
    expect(a.g.request()).toBeNull();
    await settle();
    expect(w.pending()).toEqual([
      expect.objectContaining({ userID: 'viewer_a', userName: 'VIEWER_A', kind: 'request' }),
    ]);
    expect(await w.host.accept('viewer_a')).toBe(true);
    await settle();
    expect(w.approvals).toEqual(['+viewer_a']);
    expect(a.live).toEqual(['go']);
    expect(a.g.state.phase).toBe('cohost');
    expect(w.host.cohostList()).toEqual([{ userID: 'viewer_a', userName: 'VIEWER_A' }]);
    a.g.leaveStage();
    await settle();
    expect(a.live).toEqual(['go', 'stop']);
    expect(w.host.cohostList()).toEqual([]);
    expect(w.approvals).toEqual(['+viewer_a', '-viewer_a']);
    expect(w.bus.types('viewer_a', 'host')).toEqual(['cohost.request', 'cohost.end']);
  });

  it('invite → accept; the host removes the co-host and asks to mute first', async () => {
    const w = world();
    const b = w.guest('viewer_b');
    expect(w.host.invite('viewer_b', 'Bo')).toBeNull();
    await settle();
    expect(b.g.state).toEqual({ phase: 'invited', hostName: 'Hana' });
    b.g.acceptInvite();
    await settle();
    expect(b.g.state.phase).toBe('cohost');
    w.host.askToMute('viewer_b');
    await settle();
    expect(b.live).toEqual(['go', 'mute']);
    expect(b.notices.at(-1)?.en).toContain('asked you to mute');
    w.host.remove('viewer_b');
    await settle();
    expect(b.live).toEqual(['go', 'mute', 'stop']);
    expect(b.g.state.phase).toBe('idle');
    expect(b.notices.at(-1)?.en).toBe('The host took you off the stage');
    expect(w.approvals).toEqual(['+viewer_b', '-viewer_b']);
  });

  it('decline: the request is refused and nothing is approved', async () => {
    const w = world();
    const a = w.guest('viewer_a');
    a.g.request();
    await settle();
    w.host.decline('viewer_a');
    await settle();
    expect(a.g.state.phase).toBe('idle');
    expect(a.notices.at(-1)?.en).toBe('The host declined your request');
    expect(w.approvals).toEqual([]);
  });

  it('an invitation declined by the viewer tells the host', async () => {
    const w = world();
    const b = w.guest('viewer_b');
    w.host.invite('viewer_b', 'Bo');
    await settle();
    b.g.declineInvite();
    await settle();
    expect(w.hostNotices.at(-1)?.en).toBe('Bo declined the invitation');
    expect(w.pending()).toEqual([]);
  });

  it('timeout: no answer in 30 s ends the request on both sides', async () => {
    const w = world();
    const a = w.guest('viewer_a');
    a.g.request();
    await settle();
    w.clock.advance(29_999);
    await settle();
    expect(a.g.state.phase).toBe('requesting');
    w.clock.advance(1);
    await settle();
    expect(a.g.state.phase).toBe('idle');
    expect(a.notices.at(-1)?.en).toBe('The host did not answer within 30 s');
    expect(w.pending()).toEqual([]);
    // Accepting afterwards does nothing.
    expect(await w.host.accept('viewer_a')).toBe(false);
    expect(w.approvals).toEqual([]);
  });

  it('an unanswered invitation expires for the viewer and the host', async () => {
    const w = world();
    const b = w.guest('viewer_b');
    w.host.invite('viewer_b', 'Bo');
    await settle();
    w.clock.advance(30_000);
    await settle();
    expect(b.g.state.phase).toBe('idle');
    expect(w.pending()).toEqual([]);
    expect(w.hostNotices.at(-1)?.en).toBe('Bo did not answer the invitation');
  });

  it('cancel: the viewer withdraws and the host is told', async () => {
    const w = world();
    const a = w.guest('viewer_a');
    a.g.request();
    await settle();
    a.g.cancel();
    await settle();
    expect(w.pending()).toEqual([]);
    expect(w.hostNotices.at(-1)?.en).toBe('VIEWER_A withdrew the request');
  });

  it('busy: a second request while waiting is refused locally; an invite to a co-host is refused by the host; an invite to someone asking answers busy', async () => {
    const w = world();
    const a = w.guest('viewer_a');
    a.g.request();
    expect(a.g.request()?.en).toBe('You are already co-hosting or waiting for an answer');
    await settle();
    await w.host.accept('viewer_a');
    await settle();
    expect(w.host.invite('viewer_a', 'A')?.en).toBe('A is already co-hosting');
    // A request from a co-host (e.g. after a restart) is answered "busy".
    w.bus
      .signal('viewer_a')
      .send('host', { type: 'cohost.request', roomID: ROOM, requestID: 'again', userName: 'A' });
    await settle();
    expect(w.bus.log.at(-1)?.message).toMatchObject({ type: 'cohost.refuse', reason: 'busy' });

    const b = w.guest('viewer_b');
    b.g.request();
    await settle();
    // The host invites b, whose own request is pending: the host already waits for b.
    expect(w.host.invite('viewer_b', 'B')?.en).toBe('Already waiting for an answer from B');
  });

  it('duplicates: a repeated request is counted once', async () => {
    const w = world();
    const a = w.guest('viewer_a');
    a.g.request();
    await settle();
    const first = w.bus.log[0]?.message;
    await w.bus.signal('viewer_a').send('host', first!);
    await settle();
    expect(w.pending()).toHaveLength(1);
  });

  it('the host leaving with requests pending refuses them all and ends co-hosts', async () => {
    const w = world();
    const a = w.guest('viewer_a');
    const b = w.guest('viewer_b');
    a.g.request();
    b.g.request();
    await settle();
    expect(w.pending()).toHaveLength(2);
    w.host.close('host-left');
    await settle();
    for (const v of [a, b]) {
      expect(v.g.state.phase).toBe('idle');
      expect(v.notices.at(-1)?.en).toBe('The host left; co-hosting is over');
    }
    // Nothing more is accepted after closing.
    w.bus
      .signal('viewer_a')
      .send('host', { type: 'cohost.request', roomID: ROOM, requestID: 'late', userName: 'A' });
    await settle();
    expect(w.pending()).toEqual([]);
  });

  it('the guest ends its request by itself when the host leaves the room (no message needed)', async () => {
    const w = world();
    const a = w.guest('viewer_a');
    w.bus.unreachable.add('viewer_a');
    a.g.request();
    await settle();
    a.g.hostLeft();
    expect(a.g.state.phase).toBe('idle');
    expect(a.notices.at(-1)?.en).toBe('The host left; co-hosting is over');
  });

  it('co-host limit: at the limit a request is refused "full" and the host sees why', async () => {
    const w = world({ limit: 1 });
    const a = w.guest('viewer_a');
    const b = w.guest('viewer_b');
    a.g.request();
    await settle();
    await w.host.accept('viewer_a');
    await settle();
    b.g.request();
    await settle();
    expect(b.g.state.phase).toBe('idle');
    expect(b.notices.at(-1)?.en).toBe('The co-host seats are full; try again later');
    expect(w.hostNotices.at(-1)?.en).toBe('The co-host limit (1) is reached; remove a co-host first');
    expect(w.host.invite('viewer_b', 'B')?.en).toBe(
      'The co-host limit (1) is reached; remove a co-host first',
    );
  });

  it('the token service refusing the approval (409 cohost_limit) reaches both sides in words', async () => {
    const w = world({ approveFails: { zh: '连麦人数已满', en: 'The co-host limit is reached' } });
    const a = w.guest('viewer_a');
    a.g.request();
    await settle();
    expect(await w.host.accept('viewer_a')).toBe(false);
    await settle();
    expect(w.hostNotices.at(-1)?.en).toBe('Could not bring VIEWER_A on camera: The co-host limit is reached');
    expect(a.g.state.phase).toBe('idle');
    expect(a.live).toEqual([]);
  });

  it('a failed go-live (permission refused, token 403) tells the host so the seat is freed', async () => {
    const w = world();
    const a = w.guest('viewer_a');
    a.failGoLive({ zh: '主播还没有同意', en: 'The host has not approved you as a co-host' });
    a.g.request();
    await settle();
    await w.host.accept('viewer_a');
    await settle();
    expect(a.g.state.phase).toBe('idle');
    expect(a.notices.at(-1)?.en).toBe('Could not go on camera: The host has not approved you as a co-host');
    expect(w.host.cohostList()).toEqual([]);
    expect(w.approvals).toEqual(['+viewer_a', '-viewer_a']);
  });

  it('only the host can grant, invite, end or mute: the same messages from another viewer are ignored', async () => {
    const w = world();
    const a = w.guest('viewer_a');
    a.g.request();
    await settle();
    const requestID = (w.bus.log[0]?.message as { requestID: string }).requestID;
    await w.bus.signal('viewer_b').send('viewer_a', { type: 'cohost.grant', roomID: ROOM, requestID });
    await w.bus
      .signal('viewer_b')
      .send('viewer_a', { type: 'cohost.invite', roomID: ROOM, requestID: 'x', userName: 'B' });
    await settle();
    expect(a.g.state.phase).toBe('requesting');
    expect(a.live).toEqual([]);
  });
});
