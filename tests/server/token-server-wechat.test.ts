/** @jest-environment node */
import { decodeToken04 } from '../../server/src/token04';
import { userIdForOpenid } from '../../server/src/wechat-auth';
import {
  send,
  startWechatModeServer,
  startTokenServer,
  testConfig,
  TEST_SECRET,
  WX_APPID,
  WX_APPSECRET,
  type FakeWechat,
  type RunningServer,
} from './token-server-harness';

const USER_ID_KEY = 'test-user-id-key-0123456789';

describe('token server in wechat mode, against a fake code2Session on loopback', () => {
  let wechat: FakeWechat;
  let server: RunningServer;
  let tokenUrl: string;

  beforeAll(async () => {
    ({ wechat, server } = await startWechatModeServer(
      {
        'code-alice-1': 'openid-alice',
        'code-alice-2': 'openid-alice',
        'code-alice-3': 'openid-alice',
        'code-bob-1': 'openid-bob',
      },
      USER_ID_KEY,
    ));
    tokenUrl = `${server.baseUrl}/v1/token`;
  });
  afterAll(async () => {
    await server.close();
    await wechat.close();
  });

  const aliceID = userIdForOpenid('openid-alice', USER_ID_KEY);

  it('exchanges a valid code and binds the token to an ID derived from the openid', async () => {
    const reply = await send(tokenUrl, { body: { code: 'code-alice-1', roomID: 'r', role: 'host' } });
    expect(reply.status).toBe(200);
    const body = reply.body as { token: string; userID: string };
    expect(body.userID).toBe(aliceID);
    expect(body.userID).toMatch(/^[A-Za-z0-9_-]{1,32}$/);
    expect(body.userID).not.toContain('openid');
    const claims = decodeToken04(body.token, TEST_SECRET).claims;
    expect(claims.user_id).toBe(aliceID);
    expect(JSON.parse(claims.payload)).toMatchObject({ room_id: 'r', privilege: { '1': 1, '2': 1 } });
    const call = wechat.calls.at(-1);
    expect(call?.get('appid')).toBe(WX_APPID);
    expect(call?.get('js_code')).toBe('code-alice-1');
  });

  it('gives a returning user the same ID, and accepts it when asked for explicitly', async () => {
    const again = await send(tokenUrl, { body: { code: 'code-alice-2', userID: aliceID } });
    expect(again.status).toBe(200);
    expect((again.body as { userID: string }).userID).toBe(aliceID);
  });

  it('gives different users different IDs', async () => {
    const bob = await send(tokenUrl, { body: { code: 'code-bob-1' } });
    expect(bob.status).toBe(200);
    expect((bob.body as { userID: string }).userID).not.toBe(aliceID);
  });

  it("answers a request for another user's ID with 403", async () => {
    const reply = await send(tokenUrl, { body: { code: 'code-alice-3', userID: 'somebody_else' } });
    expect(reply.status).toBe(403);
    expect(reply.body).toMatchObject({ error: { code: 'forbidden_user', message: expect.any(String) } });
  });

  it('answers an invalid code with 401', async () => {
    const reply = await send(tokenUrl, { body: { code: 'forged-code' } });
    expect(reply.status).toBe(401);
    expect(reply.body).toMatchObject({
      error: { code: 'invalid_code', message: expect.stringMatching(/40029/) },
    });
  });

  it('requires a well-formed code before calling WeChat', async () => {
    const callsBefore = wechat.calls.length;
    for (const body of [
      { userID: 'alice' },
      { code: '' },
      { code: 42 },
      { code: 'a b' },
      { code: 'c'.repeat(129) },
    ]) {
      const reply = await send(tokenUrl, { body });
      expect(reply.status).toBe(400);
      expect(reply.body).toMatchObject({ error: { code: 'invalid_request' } });
    }
    expect(wechat.calls.length).toBe(callsBefore);
  });

  it('answers with 502 JSON, not a crash, when code2Session cannot be reached', async () => {
    const offline = await startTokenServer(
      testConfig({
        authMode: 'wechat',
        // A closed loopback port: the connection is refused at once.
        wechat: {
          appId: WX_APPID,
          appSecret: WX_APPSECRET,
          apiBase: 'http://127.0.0.1:1',
          userIdKey: USER_ID_KEY,
        },
      }),
    );
    try {
      const reply = await send(`${offline.baseUrl}/v1/token`, { body: { code: 'code-alice-1' } });
      expect(reply.status).toBe(502);
      expect(reply.body).toMatchObject({ error: { code: 'wechat_unavailable' } });
      expect((await send(`${offline.baseUrl}/healthz`, { method: 'GET' })).status).toBe(200);
    } finally {
      await offline.close();
    }
  });
});

describe('userIdForOpenid', () => {
  it('is stable, keyed and within the shared ID rule', () => {
    const id = userIdForOpenid('oAbCdEfGhIjKlMnOpQrStUvWxYz0', USER_ID_KEY);
    expect(id).toBe(userIdForOpenid('oAbCdEfGhIjKlMnOpQrStUvWxYz0', USER_ID_KEY));
    expect(id).toMatch(/^[A-Za-z0-9_-]{1,32}$/);
    expect(id).not.toBe(userIdForOpenid('oAbCdEfGhIjKlMnOpQrStUvWxYz0', `${USER_ID_KEY}x`));
  });
});
