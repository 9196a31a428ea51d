/** @jest-environment node */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { REFRESH_MARGIN_MS, TokenClient, type RequestFunction } from '../../miniprogram/core/token-client';
import { decodeToken04 } from '../../server/src/token04';
import {
  FIXED_NOW_MS,
  startTokenServer,
  testConfig,
  TEST_SECRET,
  type RunningServer,
} from '../server/token-server-harness';
import { failure, httpRequest } from './wx-request-over-http';

const NOW_S = FIXED_NOW_MS / 1000;

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

  it('forgets everything on clear(), including a request already under way', async () => {
    await client.getToken({ userID: 'switcher' });
    const pending = client.getToken({ userID: 'other' });
    client.clear();
    await pending;
    await client.getToken({ userID: 'switcher' });
    await client.getToken({ userID: 'other' });
    expect(sent).toHaveLength(4);
  });

  it('shares one request between concurrent callers', async () => {
    const [a, b, c] = await Promise.all([
      client.getToken({ userID: 'busy', roomID: 'busy-room', role: 'host' }),
      client.getToken({ userID: 'busy', roomID: 'busy-room', role: 'host' }),
      client.getToken({ userID: 'busy', roomID: 'busy-room', role: 'host' }),
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
