/** @jest-environment node */
import { RoomAdminClient, type RoomRequestFunction } from '../../miniprogram/core/room-admin-client';
import { TokenClient, type RequestOptions } from '../../miniprogram/core/token-client';
import { decodeToken04 } from '../../server/src/token04';
import { userIdForOpenid } from '../../server/src/wechat-auth';
import {
  startWechatModeServer,
  startTokenServer,
  testConfig,
  TEST_SECRET,
  type FakeWechat,
  type RunningServer,
} from '../server/token-server-harness';
import { failure, httpRequest } from './wx-request-over-http';

/** The test adapter does real HTTP with whatever method it is given; its type only names POST. */
function roomRequest(sent: Array<Record<string, string>> = [], methods: string[] = []): RoomRequestFunction {
  const post = httpRequest(sent);
  return (options) => {
    methods.push(`${options.method} ${new URL(options.url).pathname}`);
    return post(options as unknown as RequestOptions);
  };
}

function publishBit(token: string): number | undefined {
  const payload = JSON.parse(decodeToken04(token, TEST_SECRET).claims.payload) as {
    privilege: Record<string, number>;
  };
  return payload.privilege['2'];
}

describe('RoomAdminClient against the token server on loopback (dev mode)', () => {
  let server: RunningServer;
  let tokenUrl: string;

  beforeAll(async () => {
    server = await startTokenServer(testConfig({ cohostLimit: 1 }));
    tokenUrl = `${server.baseUrl}/v1/token`;
  });
  afterAll(() => server.close());

  it('runs the co-host cycle: claim, approve, publish token, revoke, end', async () => {
    const sent: Array<Record<string, string>> = [];
    const methods: string[] = [];
    const admin = new RoomAdminClient({ tokenUrl, authMode: 'dev', request: roomRequest(sent, methods) });
    const tokens = new TokenClient({ tokenUrl, authMode: 'dev', request: httpRequest() });

    await tokens.getToken({ userID: 'host_a', roomID: 'stage', role: 'host' });
    expect(await admin.approveCohost('stage', 'host_a', 'guest_b')).toEqual({
      roomID: 'stage',
      hostUserID: 'host_a',
      cohostUserIDs: ['guest_b'],
      cohostLimit: 1,
      leaseExpiresAt: expect.any(Number),
    });
    const cohostToken = await tokens.getToken({ userID: 'guest_b', roomID: 'stage', role: 'cohost' });
    expect(publishBit(cohostToken.token)).toBe(1);

    const full = await failure(admin.approveCohost('stage', 'host_a', 'guest_c'));
    expect(full.detail).toMatchObject({ status: 409, serverCode: 'cohost_limit' });

    expect((await admin.heartbeat('stage', 'host_a')).cohostUserIDs).toEqual(['guest_b']);
    expect((await admin.revokeCohost('stage', 'host_a', 'guest_b')).cohostUserIDs).toEqual([]);
    const refused = await failure(
      tokens.getToken({ userID: 'guest_b', roomID: 'stage', role: 'cohost' }, { forceRefresh: true }),
    );
    expect(refused.detail).toMatchObject({ status: 403, serverCode: 'cohost_not_approved' });

    await admin.endRoom('stage', 'host_a');
    const claimed = await tokens.getToken({ userID: 'guest_c', roomID: 'stage', role: 'host' });
    expect(publishBit(claimed.token)).toBe(1);

    expect(methods).toEqual([
      'POST /v1/rooms/stage/cohosts',
      'POST /v1/rooms/stage/cohosts',
      'POST /v1/rooms/stage/heartbeat',
      'DELETE /v1/rooms/stage/cohosts/guest_b',
      'DELETE /v1/rooms/stage',
    ]);
    expect(sent[0]).toEqual({ hostUserID: 'host_a', userID: 'guest_b' });
  });

  it("turns a non-host's call into a 403 error with the server's code", async () => {
    const tokens = new TokenClient({ tokenUrl, authMode: 'dev', request: httpRequest() });
    await tokens.getToken({ userID: 'owner', roomID: 'owned', role: 'host' });
    const admin = new RoomAdminClient({ tokenUrl, authMode: 'dev', request: roomRequest() });
    const error = await failure(admin.approveCohost('owned', 'intruder', 'friend'));
    expect(error.kind).toBe('forbidden');
    expect(error.detail).toMatchObject({ status: 403, serverCode: 'not_room_host' });
    const missing = await failure(admin.heartbeat('nobody-owns-this', 'owner'));
    expect(missing.detail).toMatchObject({ status: 404, serverCode: 'room_not_found' });
  });

  it('retries once after a network failure', async () => {
    const real = roomRequest();
    let calls = 0;
    const flaky: RoomRequestFunction = (options) => {
      calls += 1;
      if (calls === 1) return options.fail({ errMsg: 'request:fail net::ERR_CONNECTION_RESET' });
      return real(options);
    };
    const tokens = new TokenClient({ tokenUrl, authMode: 'dev', request: httpRequest() });
    await tokens.getToken({ userID: 'steady', roomID: 'flaky-room', role: 'host' });
    const admin = new RoomAdminClient({ tokenUrl, authMode: 'dev', request: flaky });
    expect((await admin.heartbeat('flaky-room', 'steady')).hostUserID).toBe('steady');
    expect(calls).toBe(2);
  });

  it('fails clearly when the token URL is not configured', async () => {
    for (const url of ['', 'https://example.com/v1/tickets']) {
      const admin = new RoomAdminClient({ tokenUrl: url, authMode: 'dev', request: roomRequest() });
      expect((await failure(admin.heartbeat('r', 'u'))).kind).toBe('not_configured');
    }
  });
});

describe('RoomAdminClient in wechat mode', () => {
  let wechat: FakeWechat;
  let server: RunningServer;
  const key = 'client-user-id-key-0123456789';

  beforeAll(async () => {
    ({ wechat, server } = await startWechatModeServer(
      { 'host-code-1': 'openid-host', 'host-code-2': 'openid-host' },
      key,
    ));
  });
  afterAll(async () => {
    await server.close();
    await wechat.close();
  });

  it('sends a fresh wx.login code with each call', async () => {
    const hostID = userIdForOpenid('openid-host', key);
    const codes = ['host-code-1', 'host-code-2'];
    const login = (options: { success: (result: { code: string }) => void }) =>
      options.success({ code: codes.shift() ?? '' });
    const tokenUrl = `${server.baseUrl}/v1/token`;
    const tokens = new TokenClient({ tokenUrl, authMode: 'wechat', request: httpRequest(), login });
    await tokens.getToken({ userID: hostID, roomID: 'wx-room', role: 'host' });
    const sent: Array<Record<string, string>> = [];
    const admin = new RoomAdminClient({ tokenUrl, authMode: 'wechat', request: roomRequest(sent), login });
    expect((await admin.approveCohost('wx-room', hostID, 'guest')).cohostUserIDs).toEqual(['guest']);
    expect(sent).toEqual([{ hostUserID: hostID, userID: 'guest', code: 'host-code-2' }]);
  });
});
