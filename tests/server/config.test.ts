/** @jest-environment node */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { ConfigError, loadConfig, MAX_TOKEN_TTL_SECONDS } from '../../server/src/config';

const BASE_ENV = { ZEGO_APP_ID: '1234567890', ZEGO_SERVER_SECRET: '0123456789abcdef0123456789abcdef' };
const WECHAT_ENV = {
  ...BASE_ENV,
  AUTH_MODE: 'wechat',
  WX_APPID: 'wx0123456789abcdef',
  WX_APPSECRET: 'fedcba9876543210fedcba9876543210',
};

function problemWith(env: Record<string, string>): { variable: string; message: string } {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return { variable: error.variable, message: error.message };
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('applies the defaults', () => {
    expect(loadConfig(BASE_ENV)).toMatchObject({
      zegoAppId: 1234567890,
      port: 8787,
      tokenTtlSeconds: 3600,
      authMode: 'dev',
      host: '0.0.0.0',
      trustProxy: false,
      wechat: null,
      redisUrl: null,
      roomOwnerTtlSeconds: 300,
      cohostLimit: 3,
    });
  });

  it('reads the room settings and a Redis URL', () => {
    for (const url of [
      'redis://127.0.0.1:6379',
      'redis://:secret@redis.internal:6380/2',
      'rediss://cache.example',
    ]) {
      expect(loadConfig({ ...BASE_ENV, REDIS_URL: url }).redisUrl).toBe(url);
    }
    expect(loadConfig({ ...BASE_ENV, ROOM_OWNER_TTL_SECONDS: '60', COHOST_LIMIT: '8' })).toMatchObject({
      roomOwnerTtlSeconds: 60,
      cohostLimit: 8,
    });
  });

  it('never repeats a Redis password in its message', () => {
    const problem = problemWith({ ...BASE_ENV, REDIS_URL: 'http://user:hunter2-secret@redis:6379' });
    expect(problem.variable).toBe('REDIS_URL');
    expect(problem.message).not.toContain('hunter2');
  });

  it('reads wechat settings, with the official API as the default base URL', () => {
    expect(loadConfig(WECHAT_ENV).wechat).toMatchObject({
      appId: 'wx0123456789abcdef',
      apiBase: 'https://api.weixin.qq.com',
    });
    expect(loadConfig({ ...WECHAT_ENV, WX_API_BASE: 'http://127.0.0.1:9999/' }).wechat?.apiBase).toBe(
      'http://127.0.0.1:9999',
    );
  });

  it('accepts the 24-day maximum TTL', () => {
    expect(
      loadConfig({ ...BASE_ENV, TOKEN_TTL_SECONDS: String(MAX_TOKEN_TTL_SECONDS) }).tokenTtlSeconds,
    ).toBe(2_073_600);
  });

  it.each<[string, Record<string, string>, string]>([
    ['a missing app ID', { ZEGO_SERVER_SECRET: BASE_ENV.ZEGO_SERVER_SECRET }, 'ZEGO_APP_ID'],
    ['a non-numeric app ID', { ...BASE_ENV, ZEGO_APP_ID: 'abc' }, 'ZEGO_APP_ID'],
    ['a zero app ID', { ...BASE_ENV, ZEGO_APP_ID: '0' }, 'ZEGO_APP_ID'],
    ['a missing secret', { ZEGO_APP_ID: '1' }, 'ZEGO_SERVER_SECRET'],
    ['a 31-character secret', { ...BASE_ENV, ZEGO_SERVER_SECRET: 's'.repeat(31) }, 'ZEGO_SERVER_SECRET'],
    ['a 33-character secret', { ...BASE_ENV, ZEGO_SERVER_SECRET: 's'.repeat(33) }, 'ZEGO_SERVER_SECRET'],
    ['a non-numeric port', { ...BASE_ENV, PORT: 'http' }, 'PORT'],
    ['a port over 65535', { ...BASE_ENV, PORT: '70000' }, 'PORT'],
    [
      'a TTL over 24 days',
      { ...BASE_ENV, TOKEN_TTL_SECONDS: String(MAX_TOKEN_TTL_SECONDS + 1) },
      'TOKEN_TTL_SECONDS',
    ],
    ['a fractional TTL', { ...BASE_ENV, TOKEN_TTL_SECONDS: '3600.5' }, 'TOKEN_TTL_SECONDS'],
    ['a negative TTL', { ...BASE_ENV, TOKEN_TTL_SECONDS: '-1' }, 'TOKEN_TTL_SECONDS'],
    ['an unknown auth mode', { ...BASE_ENV, AUTH_MODE: 'open' }, 'AUTH_MODE'],
    ['dev mode in production', { ...BASE_ENV, NODE_ENV: 'production', AUTH_MODE: 'dev' }, 'AUTH_MODE'],
    ['the default dev mode in production', { ...BASE_ENV, NODE_ENV: 'production' }, 'AUTH_MODE'],
    ['wechat mode without WX_APPID', { ...WECHAT_ENV, WX_APPID: '' }, 'WX_APPID'],
    ['wechat mode with a malformed WX_APPID', { ...WECHAT_ENV, WX_APPID: 'wx123' }, 'WX_APPID'],
    ['wechat mode without WX_APPSECRET', { ...WECHAT_ENV, WX_APPSECRET: '' }, 'WX_APPSECRET'],
    ['a WX_API_BASE that is not a URL', { ...WECHAT_ENV, WX_API_BASE: 'api.weixin.qq.com' }, 'WX_API_BASE'],
    ['a short USER_ID_KEY', { ...WECHAT_ENV, USER_ID_KEY: 'short' }, 'USER_ID_KEY'],
    ['a zero rate limit', { ...BASE_ENV, RATE_LIMIT_PER_IP: '0' }, 'RATE_LIMIT_PER_IP'],
    ['an unknown log level', { ...BASE_ENV, LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    ['a nonsense TRUST_PROXY', { ...BASE_ENV, TRUST_PROXY: 'everyone!' }, 'TRUST_PROXY'],
    ['a REDIS_URL that is not a URL', { ...BASE_ENV, REDIS_URL: 'localhost:6379' }, 'REDIS_URL'],
    ['an http REDIS_URL', { ...BASE_ENV, REDIS_URL: 'http://127.0.0.1:6379' }, 'REDIS_URL'],
    ['a REDIS_URL without a host', { ...BASE_ENV, REDIS_URL: 'redis://' }, 'REDIS_URL'],
    ['a REDIS_URL with a named database', { ...BASE_ENV, REDIS_URL: 'redis://h:6379/cache' }, 'REDIS_URL'],
    ['a room lease under 10 s', { ...BASE_ENV, ROOM_OWNER_TTL_SECONDS: '5' }, 'ROOM_OWNER_TTL_SECONDS'],
    ['a room lease over a day', { ...BASE_ENV, ROOM_OWNER_TTL_SECONDS: '86401' }, 'ROOM_OWNER_TTL_SECONDS'],
    ['a zero co-host limit', { ...BASE_ENV, COHOST_LIMIT: '0' }, 'COHOST_LIMIT'],
    ['a non-numeric co-host limit', { ...BASE_ENV, COHOST_LIMIT: 'three' }, 'COHOST_LIMIT'],
  ])('refuses %s, naming the variable', (_label, env, variable) => {
    const problem = problemWith(env);
    expect(problem.variable).toBe(variable);
    expect(problem.message.startsWith(variable)).toBe(true);
  });

  it('never puts the secret in its message', () => {
    const secret = 'a-secret-that-is-33-characters-xx';
    expect(problemWith({ ...BASE_ENV, ZEGO_SERVER_SECRET: secret }).message).not.toContain(secret);
  });

  it('accepts wechat mode in production', () => {
    expect(loadConfig({ ...WECHAT_ENV, NODE_ENV: 'production' }).authMode).toBe('wechat');
  });
});

describe('npm run server (server/src/main.ts)', () => {
  const root = path.resolve(__dirname, '../..');
  const tsx = path.join(root, 'node_modules/.bin/tsx');

  function run(env: Record<string, string>, onStdout?: (text: string, stop: () => void) => void) {
    return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn(tsx, ['server/src/main.ts'], {
        cwd: root,
        env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        onStdout?.(stdout, () => child.kill('SIGTERM'));
      });
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });
  }

  it('stops with one line naming the bad variable', async () => {
    const result = await run({ ...BASE_ENV, ZEGO_SERVER_SECRET: 'too-short' });
    expect(result.code).not.toBe(0);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/ZEGO_SERVER_SECRET must be exactly 32 characters/);
  });

  it('stops with one line naming REDIS_URL when Redis cannot be reached', async () => {
    // Port 1 on loopback: nothing listens there, so the connection is refused at once.
    const result = await run({ ...BASE_ENV, HOST: '127.0.0.1', PORT: '0', REDIS_URL: 'redis://127.0.0.1:1' });
    expect(result.code).not.toBe(0);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/could not connect to Redis \(REDIS_URL\)/);
  });

  it('starts from the environment and serves /healthz and tokens', async () => {
    let probe: Promise<[number, number]> | undefined;
    const result = await run({ ...BASE_ENV, HOST: '127.0.0.1', PORT: '0' }, (stdout, stop) => {
      const listening = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout);
      if (listening === null || probe !== undefined) return;
      const base = listening[1];
      probe = Promise.all([
        fetch(`${base}/healthz`).then((r) => r.status),
        fetch(`${base}/v1/token`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ userID: 'main_test' }),
        }).then((r) => r.status),
      ]).finally(stop);
    });
    expect(await probe).toEqual([200, 200]);
    expect(result.code).toBe(0);
  });
});
