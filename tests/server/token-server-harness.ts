/**
 * Starts the token service on a loopback port for a test, and a fake WeChat code2Session beside it,
 * so every request in these tests is real HTTP that never leaves the machine.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { buildServer, type ServerDeps } from '../../server/src/app';
import type { ServerConfig } from '../../server/src/config';

export const TEST_SECRET = '0123456789abcdef0123456789abcdef';
export const TEST_APP_ID = 1234567890;
/** 2023-11-14T22:13:20Z, in milliseconds. */
export const FIXED_NOW_MS = 1_700_000_000_000;
export const WX_APPID = 'wx0123456789abcdef';
export const WX_APPSECRET = 'fedcba9876543210fedcba9876543210';

export function testConfig(overrides: Partial<ServerConfig> = {}): ServerConfig {
  return {
    zegoAppId: TEST_APP_ID,
    zegoServerSecret: TEST_SECRET,
    host: '127.0.0.1',
    port: 0,
    tokenTtlSeconds: 3600,
    authMode: 'dev',
    rateLimitPerIp: 1000,
    rateLimitPerUser: 1000,
    trustProxy: false,
    logLevel: 'silent',
    wechat: null,
    redisUrl: null,
    roomOwnerTtlSeconds: 300,
    cohostLimit: 3,
    ...overrides,
  };
}

export interface RunningServer {
  app: FastifyInstance;
  baseUrl: string;
  close(): Promise<void>;
}

export async function startTokenServer(config: ServerConfig, deps: ServerDeps = {}): Promise<RunningServer> {
  const app = await buildServer(config, { now: () => FIXED_NOW_MS, ...deps });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo;
  return { app, baseUrl: `http://127.0.0.1:${port}`, close: () => app.close() };
}

export interface JsonReply {
  status: number;
  headers: Headers;
  body: unknown;
}

/** Sends `body` exactly as given (a string is sent raw, anything else as JSON). */
export async function send(
  url: string,
  init: {
    method?: string;
    body?: unknown;
    contentType?: string | null;
    headers?: Record<string, string>;
  } = {},
): Promise<JsonReply> {
  const headers: Record<string, string> = { ...init.headers };
  const contentType = init.contentType === undefined ? 'application/json' : init.contentType;
  if (contentType !== null && init.body !== undefined) headers['content-type'] = contentType;
  const response = await fetch(url, {
    method: init.method ?? 'POST',
    headers,
    body:
      init.body === undefined
        ? undefined
        : typeof init.body === 'string'
          ? init.body
          : JSON.stringify(init.body),
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // left as text: the assertion will say what came back
  }
  return { status: response.status, headers: response.headers, body };
}

/** code2Session answers keyed by wx.login code; anything else is WeChat's "invalid code". */
export interface FakeWechat {
  apiBase: string;
  calls: URLSearchParams[];
  close(): Promise<void>;
}

export async function startFakeCode2Session(openidByCode: Record<string, string>): Promise<FakeWechat> {
  const calls: URLSearchParams[] = [];
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://fake');
    const query = url.searchParams;
    calls.push(query);
    response.setHeader('content-type', 'text/plain'); // as WeChat labels its JSON
    const code = query.get('js_code') ?? '';
    const openid = openidByCode[code];
    if (url.pathname !== '/sns/jscode2session') {
      response.statusCode = 404;
      response.end('{}');
    } else if (query.get('appid') !== WX_APPID || query.get('secret') !== WX_APPSECRET) {
      response.end(JSON.stringify({ errcode: 40125, errmsg: 'invalid appsecret' }));
    } else if (query.get('grant_type') !== 'authorization_code' || openid === undefined) {
      response.end(JSON.stringify({ errcode: 40029, errmsg: 'invalid code' }));
    } else {
      response.end(JSON.stringify({ openid, session_key: 'c2Vzc2lvbg==' }));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    apiBase: `http://127.0.0.1:${port}`,
    calls,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export interface WechatModeServer {
  wechat: FakeWechat;
  server: RunningServer;
  /** …/v1/token on the running server. */
  tokenUrl: string;
  close(): Promise<void>;
}

/** A token server in `wechat` mode whose code2Session is a local fake knowing `openidByCode`. */
export async function startWechatModeServer(
  openidByCode: Record<string, string>,
  userIdKey: string,
): Promise<WechatModeServer> {
  const wechat = await startFakeCode2Session(openidByCode);
  const server = await startTokenServer(
    testConfig({
      authMode: 'wechat',
      wechat: { appId: WX_APPID, appSecret: WX_APPSECRET, apiBase: wechat.apiBase, userIdKey },
    }),
  );
  return {
    wechat,
    server,
    tokenUrl: `${server.baseUrl}/v1/token`,
    close: async () => {
      await server.close();
      await wechat.close();
    },
  };
}
