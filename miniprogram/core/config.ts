/**
 * Validates the deployment values once at start-up. A missing or placeholder value is reported as a
 * list of problems (what to set, where) so the entry page can say "not configured" instead of crashing.
 */

export type AuthMode = 'dev' | 'wechat';

export interface AppConfig {
  appID: number;
  /** ZEGO Express signalling server(s), wss:// */
  servers: string[];
  /** Token service endpoint, e.g. https://example.com/v1/token */
  tokenUrl: string;
  authMode: AuthMode;
}

export interface ConfigProblem {
  /** The environment variable (build time) that supplies this value. */
  variable: 'ZEGO_APP_ID' | 'ZEGO_SERVER' | 'TOKEN_URL' | 'AUTH_MODE';
  zh: string;
  en: string;
}

export type ConfigResult = { ok: true; config: AppConfig } | { ok: false; problems: ConfigProblem[] };

export interface RawConfig {
  appID: unknown;
  server: unknown;
  tokenUrl: unknown;
  authMode?: unknown;
}

function splitServers(raw: unknown): string[] {
  if (Array.isArray(raw)) return raw.filter((s): s is string => typeof s === 'string' && s.trim() !== '');
  if (typeof raw !== 'string') return [];
  return raw
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

export function validateConfig(raw: RawConfig): ConfigResult {
  const problems: ConfigProblem[] = [];
  const appID = typeof raw.appID === 'string' ? Number(raw.appID) : raw.appID;
  if (typeof appID !== 'number' || !Number.isSafeInteger(appID) || appID <= 0) {
    problems.push({
      variable: 'ZEGO_APP_ID',
      zh: '未配置 ZEGO AppID（正整数，见 ZEGO 控制台）',
      en: 'ZEGO AppID is not set (a positive integer from the ZEGO console)',
    });
  }
  const servers = splitServers(raw.server);
  if (servers.length === 0 || servers.some((s) => !/^wss:\/\/[^\s/]+/.test(s))) {
    problems.push({
      variable: 'ZEGO_SERVER',
      zh: '未配置 ZEGO 服务器地址（wss:// 开头）',
      en: 'ZEGO server URL is not set (must start with wss://)',
    });
  }
  const tokenUrl = typeof raw.tokenUrl === 'string' ? raw.tokenUrl.trim() : '';
  if (!/^https?:\/\/[^\s/]+/.test(tokenUrl)) {
    problems.push({
      variable: 'TOKEN_URL',
      zh: '未配置 Token 服务地址（https:// 开头，例如 https://你的域名/v1/token）',
      en: 'Token service URL is not set (https://your-host/v1/token)',
    });
  }
  const authMode = raw.authMode === undefined || raw.authMode === '' ? 'dev' : raw.authMode;
  if (authMode !== 'dev' && authMode !== 'wechat') {
    problems.push({
      variable: 'AUTH_MODE',
      zh: 'AUTH_MODE 只能是 dev 或 wechat',
      en: 'AUTH_MODE must be dev or wechat',
    });
  }
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, config: { appID: appID as number, servers, tokenUrl, authMode: authMode as AuthMode } };
}
