/** @jest-environment node */
import { askToken, errorCode, publishBit, roomCalls } from './room-harness';
import { describeRoomRules, freshRoom } from './room-rules';
import { FIXED_NOW_MS, send, startTokenServer, testConfig, type RunningServer } from './token-server-harness';

describeRoomRules('in-memory store', () => startTokenServer(testConfig()));

describe('room leases in memory, on an injected clock', () => {
  let server: RunningServer;
  let clock: number;

  beforeEach(async () => {
    clock = FIXED_NOW_MS;
    server = await startTokenServer(testConfig({ roomOwnerTtlSeconds: 300 }), { now: () => clock });
  });
  afterEach(() => server.close());

  it('frees a room whose host has been quiet for the whole lease, approvals included', async () => {
    const base = server.baseUrl;
    const room = freshRoom();
    await askToken(base, 'alice', room, 'host');
    await roomCalls(base, 'alice').approve(room, 'bob');

    clock += 299_000;
    expect(errorCode(await askToken(base, 'carol', room, 'host'), 403)).toBe('room_owned');
    expect(publishBit(await askToken(base, 'bob', room, 'cohost'), 'bob', room)).toBe(1);

    clock += 1_000;
    expect(errorCode(await askToken(base, 'bob', room, 'cohost'), 403)).toBe('cohost_not_approved');
    expect(publishBit(await askToken(base, 'carol', room, 'host'), 'carol', room)).toBe(1);
    expect(errorCode(await askToken(base, 'bob', room, 'cohost'), 403)).toBe('cohost_not_approved');
    expect(errorCode(await roomCalls(base, 'alice').heartbeat(room), 403)).toBe('not_room_host');
  });

  it('keeps the room while the host sends heartbeats or asks for host tokens', async () => {
    const base = server.baseUrl;
    const room = freshRoom();
    const alice = roomCalls(base, 'alice');
    await askToken(base, 'alice', room, 'host');
    clock += 200_000;
    expect(await alice.heartbeat(room)).toMatchObject({
      status: 200,
      body: { leaseExpiresAt: Math.floor(clock / 1000) + 300 },
    });
    clock += 200_000;
    await askToken(base, 'alice', room, 'host');
    clock += 200_000;
    await alice.approve(room, 'bob');
    clock += 200_000;
    expect(errorCode(await askToken(base, 'carol', room, 'host'), 403)).toBe('room_owned');
    expect(publishBit(await askToken(base, 'bob', room, 'cohost'), 'bob', room)).toBe(1);
  });

  it('does not let a co-host token request keep the room alive', async () => {
    const base = server.baseUrl;
    const room = freshRoom();
    await askToken(base, 'alice', room, 'host');
    await roomCalls(base, 'alice').approve(room, 'bob');
    clock += 200_000;
    await askToken(base, 'bob', room, 'cohost');
    clock += 100_000;
    expect(publishBit(await askToken(base, 'carol', room, 'host'), 'carol', room)).toBe(1);
  });
});

describe('room calls with bad input', () => {
  let server: RunningServer;
  let rooms: string;

  beforeAll(async () => {
    server = await startTokenServer(testConfig());
    rooms = `${server.baseUrl}/v1/rooms`;
    await askToken(server.baseUrl, 'alice', 'owned', 'host');
  });
  afterAll(() => server.close());

  const cases: Array<[string, string, Parameters<typeof send>[1], number]> = [
    ['a bad room ID in the path', '/bad!room/heartbeat', { body: { hostUserID: 'alice' } }, 400],
    ['a 33-character room ID', `/${'r'.repeat(33)}/heartbeat`, { body: { hostUserID: 'alice' } }, 400],
    ['a missing hostUserID', '/owned/heartbeat', { body: {} }, 400],
    ['a numeric hostUserID', '/owned/heartbeat', { body: { hostUserID: 7 } }, 400],
    ['a hostUserID with a space', '/owned/heartbeat', { body: { hostUserID: 'al ice' } }, 400],
    ['no body', '/owned/heartbeat', {}, 400],
    ['malformed JSON', '/owned/heartbeat', { body: '{"hostUserID":' }, 400],
    ['an array body', '/owned/cohosts', { body: [{ hostUserID: 'alice', userID: 'b' }] }, 400],
    ['a text/plain body', '/owned/heartbeat', { body: '{}', contentType: 'text/plain' }, 415],
    ['an approval without userID', '/owned/cohosts', { body: { hostUserID: 'alice' } }, 400],
    ['an approval of a bad userID', '/owned/cohosts', { body: { hostUserID: 'alice', userID: 'b/c' } }, 400],
    ['an approval of a numeric userID', '/owned/cohosts', { body: { hostUserID: 'alice', userID: 1 } }, 400],
    ['an approval of a list', '/owned/cohosts', { body: { hostUserID: 'alice', userID: ['b', 'c'] } }, 400],
    [
      'a revoke of a bad userID',
      '/owned/cohosts/b%20c',
      { method: 'DELETE', body: { hostUserID: 'alice' } },
      400,
    ],
    ['a revoke without a body', '/owned/cohosts/bob', { method: 'DELETE' }, 400],
    ['an end without a body', '/owned', { method: 'DELETE' }, 400],
    ['GET on cohosts', '/owned/cohosts', { method: 'GET' }, 405],
    ['PUT on heartbeat', '/owned/heartbeat', { method: 'PUT', body: { hostUserID: 'alice' } }, 405],
    ['POST on a room', '/owned', { body: { hostUserID: 'alice' } }, 405],
    ['GET on the room list', '', { method: 'GET' }, 404],
    ['an unknown room path', '/owned/streams', { body: { hostUserID: 'alice' } }, 404],
  ];

  it.each(cases)('answers %s with a 4xx JSON error', async (_label, path, init, status) => {
    const reply = await send(`${rooms}${path}`, init);
    expect(reply.status).toBe(status);
    expect(reply.body).toEqual({ error: { code: expect.any(String), message: expect.any(String) } });
  });

  it('never lets extra fields raise privileges', async () => {
    const base = server.baseUrl;
    // Fields a client might hope the server trusts: all dropped by the schemas.
    const forged = await send(`${base}/v1/token`, {
      body: { userID: 'bob', roomID: 'owned', role: 'cohost', approved: true, hostUserID: 'alice' },
    });
    expect(errorCode(forged, 403)).toBe('cohost_not_approved');
    const selfApproval = await send(`${rooms}/owned/cohosts`, {
      body: { hostUserID: 'bob', userID: 'bobs_friend', owner: 'bob', role: 'host' },
    });
    expect(errorCode(selfApproval, 403)).toBe('not_room_host');
    const beat = await send(`${rooms}/owned/heartbeat`, { body: { hostUserID: 'alice', leaseMs: 1e12 } });
    expect(beat.status).toBe(200);
    expect((beat.body as { leaseExpiresAt: number }).leaseExpiresAt).toBe(FIXED_NOW_MS / 1000 + 300);
  });

  it('stays healthy after all of that', async () => {
    await Promise.all(cases.map(([, path, init]) => send(`${rooms}${path}`, init)));
    expect((await send(`${server.baseUrl}/healthz`, { method: 'GET' })).status).toBe(200);
    expect(await roomCalls(server.baseUrl, 'alice').heartbeat('owned')).toMatchObject({ status: 200 });
  });
});
