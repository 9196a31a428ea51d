/**
 * The token service's configuration, read once from the environment. A bad value stops start-up with
 * one line naming the variable (ConfigError), never with a stack trace or a half-working server.
 * Secrets come only from here; they are never logged or echoed back in an error.
 */

export type AuthMode = 'dev' | 'wechat';

/** ZIM refuses tokens valid for longer than 24 days. */
export const MAX_TOKEN_TTL_SECONDS = 24 * 24 * 60 * 60;
/** Below this the client (which renews 60 s before expiry) could never reuse a token. */
export const MIN_TOKEN_TTL_SECONDS = 60;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface WechatConfig {
  appId: string;
  appSecret: string;
  /** Base URL of WeChat's API; tests point it at a local fake code2Session. */
  apiBase: string;
  /** Key of the hash that turns an openid into our user ID. */
  userIdKey: string;
}

export interface ServerConfig {
  zegoAppId: number;
  zegoServerSecret: string;
  host: string;
  port: number;
  tokenTtlSeconds: number;
  authMode: AuthMode;
  /** Requests per minute allowed from one IP address (all routes of /v1/token). */
  rateLimitPerIp: number;
  /** Token requests per minute allowed for one user ID. */
  rateLimitPerUser: number;
  /** Fastify's trustProxy: false, proxy addresses, or a hop count as a function. */
  trustProxy: boolean | string | ((address: string, hop: number) => boolean);
  logLevel: LogLevel;
  wechat: WechatConfig | null;
  /** Where room ownership and co-host approvals live: a Redis URL, or null for this process's memory. */
  redisUrl: string | null;
  /** A room's owner keeps it this long after their last sign of life (token, heartbeat, approval). */
  roomOwnerTtlSeconds: number;
  /** Co-hosts a host may approve at once in one room. */
  cohostLimit: number;
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    problem: string,
  ) {
    super(`${variable} ${problem}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

function present(env: Env, name: string): string | undefined {
  const value = env[name];
  return value === undefined || value === '' ? undefined : value;
}

function integerIn(env: Env, name: string, fallback: number, min: number, max: number, hint = ''): number {
  const raw = present(env, name);
  if (raw === undefined) return fallback;
  const value = /^\d+$/.test(raw.trim()) ? Number(raw.trim()) : NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new ConfigError(name, `must be an integer from ${min} to ${max}${hint} (got "${raw}")`);
  }
  return value;
}

function readZegoAppId(env: Env): number {
  const raw = present(env, 'ZEGO_APP_ID');
  if (raw === undefined) throw new ConfigError('ZEGO_APP_ID', 'is missing (the AppID from the ZEGO console)');
  const value = /^\d+$/.test(raw.trim()) ? Number(raw.trim()) : NaN;
  // AppIDs are unsigned 32-bit in both SDKs.
  if (!Number.isSafeInteger(value) || value <= 0 || value > 0xffffffff) {
    throw new ConfigError('ZEGO_APP_ID', `must be a positive integer (got "${raw}")`);
  }
  return value;
}

function readServerSecret(env: Env): string {
  const raw = present(env, 'ZEGO_SERVER_SECRET');
  if (raw === undefined) {
    throw new ConfigError('ZEGO_SERVER_SECRET', 'is missing (the ServerSecret from the ZEGO console)');
  }
  if (raw.length !== 32) {
    // The length only: the secret itself must never reach a log.
    throw new ConfigError('ZEGO_SERVER_SECRET', `must be exactly 32 characters (got ${raw.length})`);
  }
  return raw;
}

function readAuthMode(env: Env): AuthMode {
  const raw = present(env, 'AUTH_MODE') ?? 'dev';
  if (raw !== 'dev' && raw !== 'wechat') {
    throw new ConfigError('AUTH_MODE', `must be "dev" or "wechat" (got "${raw}")`);
  }
  if (raw === 'dev' && env.NODE_ENV === 'production') {
    throw new ConfigError(
      'AUTH_MODE',
      'is "dev" (the default) but NODE_ENV=production: dev mode gives a token for any user ID; set AUTH_MODE=wechat',
    );
  }
  return raw;
}

function readTrustProxy(env: Env): ServerConfig['trustProxy'] {
  const raw = present(env, 'TRUST_PROXY');
  if (raw === undefined || raw === 'false') return false;
  if (/^\d+$/.test(raw)) {
    // The client address is the one this many proxies in front of us saw.
    const hops = Number(raw);
    return (_address, hop) => hop < hops;
  }
  if (/^[0-9A-Fa-f.:/,\s]+$/.test(raw) || raw === 'loopback') return raw;
  throw new ConfigError('TRUST_PROXY', `must be a hop count, "loopback" or a comma list of proxy addresses`);
}

function readLogLevel(env: Env): LogLevel {
  const raw = present(env, 'LOG_LEVEL') ?? 'info';
  const level = LOG_LEVELS.find((l) => l === raw);
  if (level === undefined) throw new ConfigError('LOG_LEVEL', `must be one of ${LOG_LEVELS.join(', ')}`);
  return level;
}

function readRedisUrl(env: Env): string | null {
  const raw = present(env, 'REDIS_URL');
  if (raw === undefined) return null;
  // The URL may hold a password, so the message never repeats it.
  const problem = 'must be a redis:// or rediss:// URL such as redis://127.0.0.1:6379/0';
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError('REDIS_URL', problem);
  }
  const database = url.pathname.replace(/^\//, '');
  if (
    (url.protocol !== 'redis:' && url.protocol !== 'rediss:') ||
    url.hostname === '' ||
    !/^\d{0,5}$/.test(database) ||
    url.hash !== ''
  ) {
    throw new ConfigError('REDIS_URL', problem);
  }
  return raw;
}

function readWechat(env: Env, serverSecret: string): WechatConfig {
  const appId = present(env, 'WX_APPID');
  if (appId === undefined || !/^wx[0-9a-fA-F]{16}$/.test(appId)) {
    throw new ConfigError(
      'WX_APPID',
      'must be the mini-program AppID ("wx" and 16 hex digits) in wechat mode',
    );
  }
  const appSecret = present(env, 'WX_APPSECRET');
  if (appSecret === undefined || appSecret.length !== 32) {
    throw new ConfigError('WX_APPSECRET', 'must be the 32-character mini-program AppSecret in wechat mode');
  }
  const apiBase = (present(env, 'WX_API_BASE') ?? 'https://api.weixin.qq.com').replace(/\/+$/, '');
  let protocol = '';
  try {
    protocol = new URL(apiBase).protocol;
  } catch {
    // reported below
  }
  if (protocol !== 'https:' && protocol !== 'http:') {
    throw new ConfigError('WX_API_BASE', `must be an http(s) URL (got "${apiBase}")`);
  }
  const userIdKey = present(env, 'USER_ID_KEY');
  if (userIdKey !== undefined && userIdKey.length < 16) {
    throw new ConfigError('USER_ID_KEY', 'must be at least 16 characters when set');
  }
  // Without USER_ID_KEY the ZEGO secret keys the hash; rotating that secret would then change every user ID.
  return { appId, appSecret, apiBase, userIdKey: userIdKey ?? `user-id:${serverSecret}` };
}

export function loadConfig(env: Env): ServerConfig {
  const zegoAppId = readZegoAppId(env);
  const zegoServerSecret = readServerSecret(env);
  const authMode = readAuthMode(env);
  return {
    zegoAppId,
    zegoServerSecret,
    host: present(env, 'HOST') ?? '0.0.0.0',
    port: integerIn(env, 'PORT', 8787, 0, 65535),
    tokenTtlSeconds: integerIn(
      env,
      'TOKEN_TTL_SECONDS',
      3600,
      MIN_TOKEN_TTL_SECONDS,
      MAX_TOKEN_TTL_SECONDS,
      ' (24 days, the ZIM maximum)',
    ),
    authMode,
    rateLimitPerIp: integerIn(env, 'RATE_LIMIT_PER_IP', 300, 1, 1_000_000, ' requests per minute'),
    rateLimitPerUser: integerIn(env, 'RATE_LIMIT_PER_USER', 30, 1, 1_000_000, ' requests per minute'),
    trustProxy: readTrustProxy(env),
    logLevel: readLogLevel(env),
    wechat: authMode === 'wechat' ? readWechat(env, zegoServerSecret) : null,
    redisUrl: readRedisUrl(env),
    roomOwnerTtlSeconds: integerIn(env, 'ROOM_OWNER_TTL_SECONDS', 300, 10, 24 * 60 * 60, ' seconds'),
    cohostLimit: integerIn(env, 'COHOST_LIMIT', 3, 1, 50),
  };
}
