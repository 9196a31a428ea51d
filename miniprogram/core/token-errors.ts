/**
 * What went wrong getting a token, in both languages. A refusal by the server (4xx) carries the
 * server's own code and message, so the user and the developer both see why.
 */
import { format, type Bilingual } from './i18n';

export type TokenErrorKind =
  | 'rejected' // 4xx: the request itself is wrong
  | 'forbidden' // 403: asked for a user ID that is not ours
  | 'login_expired' // 401: WeChat refused the login code
  | 'rate_limited' // 429
  | 'server' // 5xx
  | 'network'
  | 'timeout'
  | 'bad_response'
  | 'login' // wx.login failed
  | 'not_configured';

export class TokenError extends Error implements Bilingual {
  readonly zh: string;
  readonly en: string;

  constructor(
    readonly kind: TokenErrorKind,
    text: Bilingual,
    readonly detail: {
      status?: number;
      serverCode?: string;
      serverMessage?: string;
      retryAfterSeconds?: number;
    } = {},
  ) {
    super(`${text.zh} (${text.en})`);
    this.name = 'TokenError';
    this.zh = text.zh;
    this.en = text.en;
  }
}

const TEXT: Record<TokenErrorKind, Bilingual> = {
  rejected: {
    zh: '获取登录凭证的请求被拒绝（{status}）：{detail}',
    en: 'The token request was refused ({status}): {detail}',
  },
  forbidden: {
    zh: '无权获取该用户的登录凭证（{status}）：{detail}',
    en: 'Not allowed to get a token for this user ({status}): {detail}',
  },
  login_expired: {
    zh: '微信登录已失效，请重试（{status}）：{detail}',
    en: 'WeChat sign-in was refused; please try again ({status}): {detail}',
  },
  rate_limited: {
    zh: '请求太频繁，请 {seconds} 秒后再试：{detail}',
    en: 'Too many requests; try again in {seconds} s: {detail}',
  },
  server: {
    zh: '登录服务暂时不可用（{status}），请稍后重试：{detail}',
    en: 'The token service is unavailable ({status}); please try again later: {detail}',
  },
  network: {
    zh: '无法连接登录服务，请检查网络后重试（{detail}）',
    en: 'Could not reach the token service; check the network and try again ({detail})',
  },
  timeout: {
    zh: '登录服务响应超时，请重试（{detail}）',
    en: 'The token service did not answer in time; please try again ({detail})',
  },
  bad_response: {
    zh: '登录服务返回了无法识别的内容（{detail}）',
    en: 'The token service sent an answer that cannot be used ({detail})',
  },
  login: { zh: '微信登录失败：{detail}', en: 'WeChat login failed: {detail}' },
  not_configured: {
    zh: '未配置 Token 服务地址（{detail}）',
    en: 'The token service URL is not configured ({detail})',
  },
};

/** A failure that did not come from a server reply. */
export function tokenFailure(kind: TokenErrorKind, detail: string): TokenError {
  const params = { detail, status: '-', seconds: '-' };
  return new TokenError(kind, { zh: format(TEXT[kind].zh, params), en: format(TEXT[kind].en, params) });
}

/** Header lookup ignoring case: wx.request keeps the server's spelling. */
export function headerValue(headers: Record<string, unknown> | undefined, name: string): string | undefined {
  if (headers === undefined) return undefined;
  const found = Object.keys(headers).find((k) => k.toLowerCase() === name);
  const value = found === undefined ? undefined : headers[found];
  return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
}

function kindFor(status: number): TokenErrorKind {
  if (status === 401) return 'login_expired';
  if (status === 403) return 'forbidden';
  if (status === 429) return 'rate_limited';
  if (status >= 500) return 'server';
  return 'rejected';
}

/** A non-2xx reply: `{error: {code, message}}` from our server, or anything a proxy put there. */
export function tokenErrorFromReply(
  status: number,
  data: unknown,
  headers: Record<string, unknown> | undefined,
): TokenError {
  const error =
    typeof data === 'object' && data !== null
      ? (data as { error?: { code?: unknown; message?: unknown } }).error
      : undefined;
  const serverCode = typeof error?.code === 'string' ? error.code : undefined;
  const serverMessage = typeof error?.message === 'string' ? error.message : undefined;
  const retryAfter = Number(headerValue(headers, 'retry-after'));
  const retryAfterSeconds = Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined;
  const kind = kindFor(status);
  const params = {
    status,
    detail: serverMessage ?? `HTTP ${status}`,
    seconds: retryAfterSeconds ?? 60,
  };
  const own = serverCode === undefined ? undefined : ROOM_TEXT[serverCode];
  return new TokenError(
    kind,
    own ?? { zh: format(TEXT[kind].zh, params), en: format(TEXT[kind].en, params) },
    { status, serverCode, serverMessage, retryAfterSeconds },
  );
}

/**
 * The token service's room refusals in words of their own: each says what happened and what to do,
 * instead of the generic "not allowed (403)".
 */
const ROOM_TEXT: Partial<Record<string, Bilingual>> = {
  room_owned: {
    zh: '这个房间已经有主播了。你可以作为观众进入，或等主播同意后连麦。',
    en: 'This room already has a host. Join it as audience, or co-host once the host approves you.',
  },
  cohost_not_approved: {
    zh: '主播还没有同意你连麦，暂时不能上麦',
    en: 'The host has not approved you as a co-host, so you cannot go on camera yet',
  },
  not_room_host: {
    zh: '只有这个房间的主播才能这样做',
    en: 'Only the host of this room can do this',
  },
  room_not_found: {
    zh: '房间已结束或主播已离开太久',
    en: 'The room has ended, or its host has been away too long',
  },
  cohost_limit: {
    zh: '连麦人数已满，请先请一位连麦嘉宾下麦',
    en: 'The co-host limit is reached; remove a co-host before adding another',
  },
};
