/** @jest-environment node */
import { connect } from 'node:net';
import { decodeToken04 } from '../../server/src/token04';
import {
  FIXED_NOW_MS,
  send,
  startTokenServer,
  testConfig,
  TEST_APP_ID,
  TEST_SECRET,
  type RunningServer,
} from './token-server-harness';

const NOW_S = FIXED_NOW_MS / 1000;

interface TokenReply {
  token: string;
  userID: string;
  expiresAt: number;
}

describe('token server (dev mode), over loopback HTTP', () => {
  let server: RunningServer;
  let tokenUrl: string;

  beforeAll(async () => {
    server = await startTokenServer(testConfig());
    tokenUrl = `${server.baseUrl}/v1/token`;
  });
  afterAll(() => server.close());

  async function issue(body: unknown): Promise<TokenReply> {
    const reply = await send(tokenUrl, { body });
    expect(reply.status).toBe(200);
    expect(reply.headers.get('cache-control')).toBe('no-store');
    return reply.body as TokenReply;
  }

  it('answers GET /healthz', async () => {
    const reply = await send(`${server.baseUrl}/healthz`, { method: 'GET' });
    expect(reply).toMatchObject({ status: 200, body: { status: 'ok' } });
  });

  it.each([
    ['host', '{"room_id":"room-1","privilege":{"1":1,"2":1},"stream_id_list":null}'],
    ['audience', '{"room_id":"room-1","privilege":{"1":1,"2":0},"stream_id_list":null}'],
  ])('gives the %s a token scoped to the room', async (role, payload) => {
    const reply = await issue({ userID: 'alice_1', roomID: 'room-1', role });
    expect(reply).toEqual({
      token: expect.stringMatching(/^04/),
      userID: 'alice_1',
      expiresAt: NOW_S + 3600,
    });
    const decoded = decodeToken04(reply.token, TEST_SECRET);
    expect(decoded.expire).toBe(NOW_S + 3600);
    expect(decoded.claims).toEqual({
      app_id: TEST_APP_ID,
      user_id: 'alice_1',
      nonce: expect.any(Number),
      ctime: NOW_S,
      expire: NOW_S + 3600,
      payload,
    });
    // The exact documented key order, as the ZEGO cloud parses it.
    expect(decoded.plaintext).toBe(
      `{"app_id":${TEST_APP_ID},"user_id":"alice_1","nonce":${decoded.claims.nonce},"ctime":${NOW_S},` +
        `"expire":${NOW_S + 3600},"payload":${JSON.stringify(payload)}}`,
    );
  });

  it('treats a room without a role as audience (least privilege)', async () => {
    const reply = await issue({ userID: 'bob', roomID: 'r' });
    expect(JSON.parse(decodeToken04(reply.token, TEST_SECRET).claims.payload)).toEqual({
      room_id: 'r',
      privilege: { '1': 1, '2': 0 },
      stream_id_list: null,
    });
  });

  it('gives an empty payload (ZIM login) without a room', async () => {
    const reply = await issue({ userID: 'carol', userName: '卡罗尔 🎤' });
    expect(decodeToken04(reply.token, TEST_SECRET).claims).toMatchObject({ user_id: 'carol', payload: '' });
  });

  it('uses a fresh nonce and IV for every token', async () => {
    const [a, b] = await Promise.all([issue({ userID: 'dave' }), issue({ userID: 'dave' })]);
    expect(a.token).not.toBe(b.token);
  });

  it('never lets extra fields raise privileges or change claims', async () => {
    const reply = await issue({
      userID: 'eve',
      roomID: 'stage',
      role: 'audience',
      privilege: { '1': 1, '2': 1 },
      payload: '{"room_id":"stage","privilege":{"1":1,"2":1}}',
      app_id: 1,
      user_id: 'admin',
      expire: 9_999_999_999,
      effectiveTimeInSeconds: 9_999_999,
      stream_id_list: ['stage_eve_main'],
    });
    expect(reply.userID).toBe('eve');
    expect(reply.expiresAt).toBe(NOW_S + 3600);
    const claims = decodeToken04(reply.token, TEST_SECRET).claims;
    expect(claims).toMatchObject({ app_id: TEST_APP_ID, user_id: 'eve', expire: NOW_S + 3600 });
    expect(claims.payload).toBe('{"room_id":"stage","privilege":{"1":1,"2":0},"stream_id_list":null}');
  });

  const tooBig = JSON.stringify({ userID: 'big', userName: 'x', pad: 'p'.repeat(17 * 1024) });
  const badInputs: Array<[string, Parameters<typeof send>[1], number]> = [
    ['malformed JSON', { body: '{"userID":' }, 400],
    ['JSON with a trailing comma', { body: '{"userID":"a",}' }, 400],
    ['an empty body with a JSON content type', { body: '' }, 400],
    ['no body at all', {}, 400],
    ['an array body', { body: [{ userID: 'a' }] }, 400],
    ['a string body', { body: '"alice"' }, 400],
    ['a number body', { body: '42' }, 400],
    ['a null body', { body: 'null' }, 400],
    ['a missing userID', { body: { roomID: 'r' } }, 400],
    ['a numeric userID', { body: { userID: 12345 } }, 400],
    ['a boolean userID', { body: { userID: true } }, 400],
    ['an object userID', { body: { userID: { $ne: '' } } }, 400],
    ['an array userID', { body: { userID: ['a'] } }, 400],
    ['an empty userID', { body: { userID: '' } }, 400],
    ['a 33-character userID', { body: { userID: 'u'.repeat(33) } }, 400],
    ['a userID with a space', { body: { userID: 'a b' } }, 400],
    ['a userID with a slash', { body: { userID: '../etc' } }, 400],
    ['a userID with a newline', { body: { userID: 'alice\n' } }, 400],
    ['a userID with non-ASCII letters', { body: { userID: '用户' } }, 400],
    ['a bad roomID', { body: { userID: 'a', roomID: 'room!' } }, 400],
    ['a numeric roomID', { body: { userID: 'a', roomID: 7 } }, 400],
    ['an unknown role', { body: { userID: 'a', roomID: 'r', role: 'admin' } }, 400],
    ['a role in capitals', { body: { userID: 'a', roomID: 'r', role: 'HOST' } }, 400],
    ['a numeric role', { body: { userID: 'a', roomID: 'r', role: 1 } }, 400],
    ['a role without roomID', { body: { userID: 'a', role: 'host' } }, 400],
    ['a non-string userName', { body: { userID: 'a', userName: 5 } }, 400],
    ['a 65-character userName', { body: { userID: 'a', userName: 'n'.repeat(65) } }, 400],
    ['a __proto__ key', { body: '{"userID":"a","__proto__":{"role":"host"}}' }, 400],
    ['a constructor.prototype key', { body: '{"userID":"a","constructor":{"prototype":{"x":1}}}' }, 400],
    ['a body over 16 KB', { body: tooBig }, 413],
    ['a text/plain body', { body: '{"userID":"a"}', contentType: 'text/plain' }, 415],
    ['a form body', { body: 'userID=a', contentType: 'application/x-www-form-urlencoded' }, 415],
    ['a multipart content type', { body: '--x--', contentType: 'multipart/form-data; boundary=x' }, 415],
    ['a body without a content type', { body: '{"userID":"a"}', contentType: null }, 415],
    ['GET', { method: 'GET' }, 405],
    ['PUT', { method: 'PUT', body: { userID: 'a' } }, 405],
    ['DELETE', { method: 'DELETE' }, 405],
    ['PATCH', { method: 'PATCH', body: { userID: 'a' } }, 405],
  ];

  it.each(badInputs)('answers %s with a 4xx JSON error', async (_label, init, status) => {
    const reply = await send(tokenUrl, init);
    expect(reply.status).toBe(status);
    expect(reply.body).toEqual({ error: { code: expect.any(String), message: expect.any(String) } });
  });

  it('says which field is wrong', async () => {
    const reply = await send(tokenUrl, { body: { userID: 'a', role: 'host' } });
    expect(reply.body).toMatchObject({
      error: { code: 'invalid_request', message: expect.stringMatching(/roomID/) },
    });
  });

  it('answers unknown paths, bad URLs and wrong methods on /healthz with 4xx JSON', async () => {
    for (const [url, method, status] of [
      [`${server.baseUrl}/v1/tokens`, 'POST', 404],
      [`${server.baseUrl}/v1/token%zz`, 'POST', 400],
      [`${server.baseUrl}/healthz`, 'POST', 405],
    ] as const) {
      const reply = await send(url, { method, body: { userID: 'a' } });
      expect(reply.status).toBe(status);
      expect(reply.body).toEqual({ error: { code: expect.any(String), message: expect.any(String) } });
    }
  });

  it('answers bytes that are not HTTP with a 4xx JSON error and closes the connection', async () => {
    const { port } = new URL(server.baseUrl);
    const raw = (bytes: string) =>
      new Promise<string>((resolve, reject) => {
        const socket = connect(Number(port), '127.0.0.1', () => socket.end(bytes));
        let answer = '';
        socket.on('data', (chunk: Buffer) => (answer += chunk.toString()));
        socket.on('close', () => resolve(answer));
        socket.on('error', reject);
      });
    for (const bytes of [
      'GARBAGE\r\n\r\n',
      'POST /v1/token HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n{}',
      `GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`,
    ]) {
      const answer = await raw(bytes);
      expect(answer).toMatch(/^HTTP\/1\.1 4\d\d /);
      expect(JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4))).toEqual({
        error: { code: expect.any(String), message: expect.any(String) },
      });
    }
  });

  it('stays healthy and keeps issuing tokens after all of that', async () => {
    await Promise.all(badInputs.map(([, init]) => send(tokenUrl, init)));
    expect((await send(`${server.baseUrl}/healthz`, { method: 'GET' })).status).toBe(200);
    const reply = await issue({ userID: 'after', roomID: 'r', role: 'host' });
    expect(decodeToken04(reply.token, TEST_SECRET).claims.user_id).toBe('after');
  });
});

describe('token server rate limits', () => {
  let server: RunningServer;
  afterEach(() => server.close());

  it('limits one address with 429 and Retry-After, and a forged X-Forwarded-For does not help', async () => {
    server = await startTokenServer(testConfig({ rateLimitPerIp: 3 }));
    const url = `${server.baseUrl}/v1/token`;
    for (let i = 0; i < 3; i += 1) {
      expect((await send(url, { body: { userID: `ip${i}` } })).status).toBe(200);
    }
    const limited = await send(url, {
      body: { userID: 'ip9' },
      headers: { 'x-forwarded-for': '203.0.113.9' },
    });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(limited.body).toMatchObject({ error: { code: 'rate_limited', message: expect.any(String) } });
    // Bad requests count too, so a flood of junk is throttled as well.
    expect((await send(url, { body: '{junk' })).status).toBe(429);
    expect((await send(`${server.baseUrl}/healthz`, { method: 'GET' })).status).toBe(200);
  });

  it('limits one user with 429 and Retry-After while others carry on', async () => {
    server = await startTokenServer(testConfig({ rateLimitPerUser: 2 }));
    const url = `${server.baseUrl}/v1/token`;
    expect((await send(url, { body: { userID: 'greedy' } })).status).toBe(200);
    expect((await send(url, { body: { userID: 'greedy', roomID: 'r', role: 'host' } })).status).toBe(200);
    const limited = await send(url, { body: { userID: 'greedy', roomID: 'other' } });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(limited.body).toMatchObject({ error: { code: 'rate_limited' } });
    expect((await send(url, { body: { userID: 'patient' } })).status).toBe(200);
  });
});
