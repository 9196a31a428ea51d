/** @jest-environment node */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  REFRESH_MARGIN_MS,
  TokenClient,
  TokenError,
  type LoginFunction,
  type RequestFunction,
} from '../../miniprogram/core/token-client';
import { decodeToken04 } from '../../server/src/token04';
import { userIdForOpenid } from '../../server/src/wechat-auth';
import {
  FIXED_NOW_MS,
  startFakeCode2Session,
  startTokenServer,
  testConfig,
  TEST_SECRET,
  WX_APPID,
  WX_APPSECRET,
  type FakeWechat,
  type RunningServer,
} from '../server/token-server-harness';

const NOW_S = FIXED_NOW_MS / 1000;

/** wx.request, performed with real HTTP (Node's fetch), counting what it sends. */
function httpRequest(sent: Array<Record<string, string>> = []): RequestFunction {
  return (options) => {
    sent.push(options.data);
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), options.timeout);
    fetch(options.url, {
      method: options.method,
      headers: options.header,
      body: JSON.stringify(options.data),
      signal: controller.signal,
    })
      .then(async (response) => {
        const text = await response.text();
        let data: unknown = text;
        try {
          data = JSON.parse(text);
        } catch {
          // wx.request leaves unparseable bodies as strings too
        }
        const header: Record<string, string> = {};
        response.headers.forEach((value, name) => (header[name] = value));
        options.success({ statusCode: response.status, data, header });
      })
      .catch((error: Error) =>
        options.fail({ errMsg: `request:fail ${controller.signal.aborted ? 'timeout' : error.message}` }),
      )
      .finally(() => clearTimeout(timer));
    return { abort: () => controller.abort() };
  };
}

async function failure(promise: Promise<unknown>): Promise<TokenError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof TokenError) return error;
    throw error;
  }
  throw new Error('expected a TokenError');
}

describe('TokenClient against the token server on loopback (dev mode)', () => {
  let server: RunningServer;
  let tokenUrl: string;
  let clock: number;
  let sent: Array<Record<string, string>>;
  let client: TokenClient;

  beforeAll(async () => {
    server = await startTokenServer(testConfig());
    tokenUrl = `${server.baseUrl}/v1/token`;
  });
  afterAll(() => server.close());
  beforeEach(() => {
    clock = FIXED_NOW_MS;
    sent = [];
    client = new TokenClient({ tokenUrl, authMode: 'dev', request: httpRequest(sent), now: () => clock });
  });

  it('gets a host token whose claims and payload are right', async () => {
    const issued = await client.getToken({
      userID: 'host_1',
      roomID: 'room_9',
      role: 'host',
      userName: '主播',
    });
    expect(issued).toEqual({
      token: expect.stringMatching(/^04/),
      userID: 'host_1',
      expiresAt: NOW_S + 3600,
    });
    const claims = decodeToken04(issued.token, TEST_SECRET).claims;
    expect(claims.user_id).toBe('host_1');
    expect(claims.payload).toBe('{"room_id":"room_9","privilege":{"1":1,"2":1},"stream_id_list":null}');
    expect(sent).toEqual([{ userID: 'host_1', roomID: 'room_9', role: 'host', userName: '主播' }]);
  });

  it('gets a ZIM token (empty payload) without a room', async () => {
    const issued = await client.getToken({ userID: 'chatter' });
    expect(decodeToken04(issued.token, TEST_SECRET).claims.payload).toBe('');
  });

  it('caches per (userID, roomID, role) until 60 s before expiry', async () => {
    const first = await client.getToken({ userID: 'u1', roomID: 'r', role: 'audience' });
    expect(await client.getToken({ userID: 'u1', roomID: 'r', role: 'audience' })).toBe(first);
    // No role with a room means audience, the same token.
    expect(await client.getToken({ userID: 'u1', roomID: 'r' })).toBe(first);
    expect(sent).toHaveLength(1);

    await client.getToken({ userID: 'u1', roomID: 'r', role: 'host' });
    await client.getToken({ userID: 'u1', roomID: 'other', role: 'audience' });
    await client.getToken({ userID: 'u2', roomID: 'r', role: 'audience' });
    await client.getToken({ userID: 'u1' });
    expect(sent).toHaveLength(5);

    clock = first.expiresAt * 1000 - REFRESH_MARGIN_MS - 1000;
    expect(await client.getToken({ userID: 'u1', roomID: 'r', role: 'audience' })).toBe(first);
    expect(sent).toHaveLength(5);

    clock = first.expiresAt * 1000 - REFRESH_MARGIN_MS + 1000;
    const renewed = await client.getToken({ userID: 'u1', roomID: 'r', role: 'audience' });
    expect(renewed.token).not.toBe(first.token);
    expect(sent).toHaveLength(6);
  });

  it("measures a token's lifetime on the server's clock, so a phone clock that is off still caches", async () => {
    clock = FIXED_NOW_MS + 2 * 3600 * 1000; // the phone is two hours ahead
    const first = await client.getToken({ userID: 'skewed' });
    expect(first.expiresAt).toBe(NOW_S + 3600);
    expect(await client.getToken({ userID: 'skewed' })).toBe(first);
    clock += 3600 * 1000 - REFRESH_MARGIN_MS + 1000;
    expect(await client.getToken({ userID: 'skewed' })).not.toBe(first);
    expect(sent).toHaveLength(2);
  });

  it('bypasses the cache with forceRefresh, and caches the new token', async () => {
    const first = await client.getToken({ userID: 'renewer' });
    const renewed = await client.getToken({ userID: 'renewer' }, { forceRefresh: true });
    expect(renewed.token).not.toBe(first.token);
    expect(await client.getToken({ userID: 'renewer' })).toBe(renewed);
    expect(sent).toHaveLength(2);
  });

  it('shares one request between concurrent callers', async () => {
    const [a, b, c] = await Promise.all([
      client.getToken({ userID: 'busy', roomID: 'r', role: 'host' }),
      client.getToken({ userID: 'busy', roomID: 'r', role: 'host' }),
      client.getToken({ userID: 'busy', roomID: 'r', role: 'host' }),
    ]);
    expect(a).toBe(b);
    expect(b).toBe(c);
    expect(sent).toHaveLength(1);
  });

  it("turns a 4xx into a bilingual error with the server's message, without retrying", async () => {
    const error = await failure(client.getToken({ userID: 'u', role: 'host' }));
    expect(error.kind).toBe('rejected');
    expect(error.detail).toMatchObject({ status: 400, serverCode: 'invalid_request' });
    expect(error.detail.serverMessage).toMatch(/roomID/);
    expect(error.zh).toMatch(/被拒绝（400）.*roomID/);
    expect(error.en).toMatch(/refused \(400\).*roomID/);
    expect(error.message).toContain(error.zh);
    expect(error.message).toContain(error.en);
    expect(sent).toHaveLength(1);
  });

  it('does not cache a failure', async () => {
    await failure(client.getToken({ userID: 'bad id' }));
    await failure(client.getToken({ userID: 'bad id' }));
    expect(sent).toHaveLength(2);
  });

  it('retries once after a network failure, then succeeds', async () => {
    const real = httpRequest(sent);
    let calls = 0;
    const flaky: RequestFunction = (options) => {
      calls += 1;
      if (calls === 1) return options.fail({ errMsg: 'request:fail socket hang up' });
      return real(options);
    };
    const issued = await new TokenClient({ tokenUrl, authMode: 'dev', request: flaky }).getToken({
      userID: 'flaky',
    });
    expect(issued.userID).toBe('flaky');
    expect(calls).toBe(2);
  });

  it('gives up with a network error after one retry when the server is unreachable', async () => {
    const unreachable = new TokenClient({
      tokenUrl: 'http://127.0.0.1:1/v1/token',
      authMode: 'dev',
      request: httpRequest(sent),
    });
    const error = await failure(unreachable.getToken({ userID: 'offline' }));
    expect(error.kind).toBe('network');
    expect(error.zh).toMatch(/无法连接登录服务/);
    expect(error.en).toMatch(/Could not reach the token service/);
    expect(sent).toHaveLength(2);
  });

  it('reports an unusable 200 answer', async () => {
    const html: RequestFunction = (options) =>
      options.success({ statusCode: 200, data: '<html>proxy</html>' });
    const error = await failure(
      new TokenClient({ tokenUrl, authMode: 'dev', request: html }).getToken({ userID: 'x' }),
    );
    expect(error.kind).toBe('bad_response');
  });

  it('refuses to run without a configured URL', async () => {
    const error = await failure(
      new TokenClient({ tokenUrl: '', authMode: 'dev', request: httpRequest(sent) }).getToken({
        userID: 'x',
      }),
    );
    expect(error.kind).toBe('not_configured');
    expect(sent).toHaveLength(0);
  });
});

describe('TokenClient timeouts', () => {
  let silent: Server;
  let silentUrl: string;
  let requestsSeen = 0;

  beforeAll(async () => {
    // Accepts requests and never answers them.
    silent = createServer(() => {
      requestsSeen += 1;
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    silentUrl = `http://127.0.0.1:${(silent.address() as AddressInfo).port}/v1/token`;
  });
  afterAll(async () => {
    silent.closeAllConnections();
    await new Promise<void>((resolve) => silent.close(() => resolve()));
  });

  it('times out a server that never answers, retrying once', async () => {
    const client = new TokenClient({
      tokenUrl: silentUrl,
      authMode: 'dev',
      request: httpRequest(),
      timeoutMs: 150,
    });
    const error = await failure(client.getToken({ userID: 'waiting' }));
    expect(error.kind).toBe('timeout');
    expect(error.zh).toMatch(/超时/);
    expect(error.en).toMatch(/did not answer in time/);
    expect(requestsSeen).toBe(2);
  });

  it('times out even when the request function never calls back, and aborts it', async () => {
    let aborted = 0;
    const black: RequestFunction = () => ({ abort: () => (aborted += 1) });
    const client = new TokenClient({ tokenUrl: silentUrl, authMode: 'dev', request: black, timeoutMs: 50 });
    expect((await failure(client.getToken({ userID: 'void' }))).kind).toBe('timeout');
    expect(aborted).toBe(2);
  });
});

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
    wechat = await startFakeCode2Session(openidByCode);
    server = await startTokenServer(
      testConfig({
        authMode: 'wechat',
        wechat: { appId: WX_APPID, appSecret: WX_APPSECRET, apiBase: wechat.apiBase, userIdKey: USER_ID_KEY },
      }),
    );
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

describe('TokenClient rate-limit errors', () => {
  it('says when to try again', async () => {
    const server = await startTokenServer(testConfig({ rateLimitPerUser: 1 }));
    try {
      const client = new TokenClient({
        tokenUrl: `${server.baseUrl}/v1/token`,
        authMode: 'dev',
        request: httpRequest(),
      });
      await client.getToken({ userID: 'eager' });
      const error = await failure(client.getToken({ userID: 'eager' }, { forceRefresh: true }));
      expect(error.kind).toBe('rate_limited');
      expect(error.detail.retryAfterSeconds).toBeGreaterThanOrEqual(1);
      expect(error.en).toMatch(new RegExp(`try again in ${error.detail.retryAfterSeconds} s`));
    } finally {
      await server.close();
    }
  });
});
