/** @jest-environment node */
import { TokenClient, type LoginFunction, type RequestFunction } from '../../miniprogram/core/token-client';
import { decodeToken04 } from '../../server/src/token04';
import { userIdForOpenid } from '../../server/src/wechat-auth';
import {
  startWechatModeServer,
  TEST_SECRET,
  type FakeWechat,
  type RunningServer,
} from '../server/token-server-harness';
import { failure, httpRequest } from './wx-request-over-http';

describe('TokenClient in wechat mode, against the server and a fake code2Session on loopback', () => {
  const USER_ID_KEY = 'client-test-user-id-key';
  let wechat: FakeWechat;
  let server: RunningServer;
  let tokenUrl: string;
  let codes: string[];
  let loginCalls: number;
  const login: LoginFunction = (options) => {
    loginCalls += 1;
    const code = codes.shift();
    if (code === undefined) options.fail({ errMsg: 'login:fail no more codes' });
    else options.success({ code });
  };
  const aliceID = userIdForOpenid('openid-alice', USER_ID_KEY);

  beforeAll(async () => {
    const openidByCode: Record<string, string> = {};
    for (let i = 0; i < 20; i += 1) openidByCode[`alice-${i}`] = 'openid-alice';
    ({ wechat, server } = await startWechatModeServer(openidByCode, USER_ID_KEY));
    tokenUrl = `${server.baseUrl}/v1/token`;
  });
  afterAll(async () => {
    await server.close();
    await wechat.close();
  });
  beforeEach(() => {
    codes = Array.from({ length: 20 }, (_, i) => `alice-${i}`);
    loginCalls = 0;
  });

  it('signs in with the wx.login code and learns the server-bound user ID', async () => {
    const seen: string[] = [];
    const sent: Array<Record<string, string>> = [];
    const client = new TokenClient({
      tokenUrl,
      authMode: 'wechat',
      request: httpRequest(sent),
      login,
      onUserID: (id) => seen.push(id),
    });
    const issued = await client.signIn('u_device_id');
    expect(issued.userID).toBe(aliceID);
    expect(seen).toEqual([aliceID]);
    expect(sent[0]).toEqual({ code: 'alice-0' });
    // The sign-in token is the ZIM token for that user: cached, not fetched again.
    expect(await client.getToken({ userID: aliceID })).toBe(issued);

    const host = await client.getToken({ userID: aliceID, roomID: 'r', role: 'host' });
    expect(decodeToken04(host.token, TEST_SECRET).claims.user_id).toBe(aliceID);
    expect(sent[1]).toEqual({ userID: aliceID, roomID: 'r', role: 'host', code: 'alice-1' });
  });

  it("gets a bilingual 403 for another user's ID", async () => {
    const client = new TokenClient({ tokenUrl, authMode: 'wechat', request: httpRequest(), login });
    const error = await failure(client.getToken({ userID: 'not_me' }));
    expect(error.kind).toBe('forbidden');
    expect(error.detail).toMatchObject({ status: 403, serverCode: 'forbidden_user' });
    expect(error.zh).toMatch(/无权/);
    expect(error.en).toMatch(/Not allowed/);
  });

  it('asks wx.login for a fresh code when it retries', async () => {
    const real = httpRequest();
    let calls = 0;
    const flaky: RequestFunction = (options) => {
      calls += 1;
      if (calls === 1) return options.fail({ errMsg: 'request:fail interrupted' });
      return real(options);
    };
    const client = new TokenClient({ tokenUrl, authMode: 'wechat', request: flaky, login });
    expect((await client.getToken({ userID: aliceID })).userID).toBe(aliceID);
    expect(loginCalls).toBe(2);
  });

  it('reports a wx.login failure and an invalid code', async () => {
    codes = [];
    const noLogin = new TokenClient({ tokenUrl, authMode: 'wechat', request: httpRequest(), login });
    expect((await failure(noLogin.signIn('x'))).kind).toBe('login');

    codes = ['forged'];
    const forged = await failure(noLogin.signIn('x'));
    expect(forged.kind).toBe('login_expired');
    expect(forged.detail.status).toBe(401);
  });
});
