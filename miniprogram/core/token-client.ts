/**
 * TokenProvider over HTTP: asks server/ (POST tokenUrl) for Token04s, the only place they are made.
 * Pure of SDK imports and of `wx` until it is used, so it lives in the main package and tests hand it
 * a real-HTTP request function shaped like wx.request, a fake wx.login and a clock.
 */
import type { AuthMode } from './config';
import type { IssuedToken, TokenProvider, TokenRequest } from './token-provider';
import { headerValue, tokenFailure, TokenError } from './token-errors';
import { loginCode, sendJson, type JsonReply, type LoginFunction, type RequestFunction } from './token-http';

export { TokenError } from './token-errors';

export type { LoginFunction, LoginOptions, RequestFunction, RequestOptions } from './token-http';

export interface TokenClientOptions {
  tokenUrl: string;
  authMode: AuthMode;
  request?: RequestFunction;
  login?: LoginFunction;
  /** Milliseconds since the epoch. */
  now?: () => number;
  timeoutMs?: number;
  /** Told the user ID the server issued tokens for (in wechat mode, the one bound to this WeChat user). */
  onUserID?: (userID: string) => void;
}

/** Renew this long before expiry, so a token handed out is never about to lapse mid-login. */
export const REFRESH_MARGIN_MS = 60_000;
export const DEFAULT_TIMEOUT_MS = 10_000;

type Body = Record<string, string>;

interface CachedToken {
  issued: IssuedToken;
  /** Local clock, ms: from here on the token is renewed instead of handed out. */
  renewAt: number;
}

function cacheKey(request: TokenRequest): string {
  // A room without a role is an audience token on the server too.
  const role = request.roomID === undefined ? '' : (request.role ?? 'audience');
  return `${request.userID}\u0000${request.roomID ?? ''}\u0000${role}`;
}

/** Worth one more try: the request may never have arrived, or a proxy answered while the server restarted. */
function transient(error: unknown): boolean {
  return (
    error instanceof TokenError &&
    (error.kind === 'network' || error.kind === 'timeout' || error.kind === 'server')
  );
}

export class TokenClient implements TokenProvider {
  private readonly request: RequestFunction;
  private readonly login: LoginFunction;
  private readonly now: () => number;
  private readonly timeoutMs: number;
  private readonly cache = new Map<string, CachedToken>();
  private readonly inFlight = new Map<string, Promise<IssuedToken>>();
  /** Bumped by clear(), so a request already under way cannot refill the cache afterwards. */
  private generation = 0;

  constructor(private readonly options: TokenClientOptions) {
    this.request = options.request ?? ((o) => wx.request(o));
    this.login = options.login ?? ((o) => wx.login(o));
    this.now = options.now ?? Date.now;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  async getToken(request: TokenRequest, options: { forceRefresh?: boolean } = {}): Promise<IssuedToken> {
    const key = cacheKey(request);
    if (options.forceRefresh !== true) {
      const cached = this.cache.get(key);
      if (cached !== undefined && cached.renewAt > this.now()) return cached.issued;
      const pending = this.inFlight.get(key);
      if (pending !== undefined) return pending;
    }
    this.cache.delete(key);
    const generation = this.generation;
    const fetching = this.fetchToken(this.bodyFor(request), request.userID).then((cached) => {
      if (generation === this.generation) this.cache.set(key, cached);
      return cached.issued;
    });
    this.inFlight.set(key, fetching);
    const forget = () => {
      if (this.inFlight.get(key) === fetching) this.inFlight.delete(key);
    };
    fetching.then(forget, forget);
    return fetching;
  }

  /**
   * The user's own ZIM token, and with it the user ID to use everywhere. In wechat mode the server
   * picks the ID (bound to the WeChat user), so call this before entering a room; in dev mode the
   * given device ID is used as is.
   */
  async signIn(devUserID: string): Promise<IssuedToken> {
    if (this.options.authMode === 'dev') return this.getToken({ userID: devUserID });
    const generation = this.generation;
    const cached = await this.fetchToken({}, undefined);
    if (generation === this.generation) this.cache.set(cacheKey({ userID: cached.issued.userID }), cached);
    return cached.issued;
  }

  /** Drops every cached token (e.g. after the user switches accounts). */
  clear(): void {
    this.generation += 1;
    this.cache.clear();
    this.inFlight.clear();
  }

  private bodyFor(request: TokenRequest): Body {
    const body: Body = { userID: request.userID };
    if (request.roomID !== undefined) body.roomID = request.roomID;
    if (request.role !== undefined) body.role = request.role;
    if (request.userName !== undefined) body.userName = request.userName;
    return body;
  }

  /** At most one retry (see transient); in wechat mode each attempt needs a fresh one-time login code. */
  private async fetchToken(body: Body, expectedUserID: string | undefined): Promise<CachedToken> {
    for (let attempt = 0; ; attempt += 1) {
      try {
        const sent = this.options.authMode === 'wechat' ? { ...body, code: await this.loginCode() } : body;
        const reply = await this.post(sent);
        const issued = parseIssued(reply.data, expectedUserID);
        this.options.onUserID?.(issued.userID);
        return { issued, renewAt: this.renewAt(issued, reply.header) };
      } catch (error) {
        if (attempt >= 1 || !transient(error)) throw error;
      }
    }
  }

  private loginCode(): Promise<string> {
    return loginCode(this.login, this.timeoutMs);
  }

  /**
   * When to stop handing out a token, on this phone's clock. Phone clocks can be far off, so the
   * lifetime is measured against the server's Date header when there is one.
   */
  private renewAt(issued: IssuedToken, headers: Record<string, unknown> | undefined): number {
    const serverDate = Date.parse(String(headerValue(headers, 'date') ?? ''));
    const expiresAtLocal = Number.isFinite(serverDate)
      ? this.now() + (issued.expiresAt * 1000 - serverDate)
      : issued.expiresAt * 1000;
    return expiresAtLocal - REFRESH_MARGIN_MS;
  }

  private post(body: Body): Promise<JsonReply> {
    if (!/^https?:\/\//.test(this.options.tokenUrl)) {
      return Promise.reject(tokenFailure('not_configured', this.options.tokenUrl));
    }
    return sendJson(this.request, {
      url: this.options.tokenUrl,
      method: 'POST',
      data: body,
      timeoutMs: this.timeoutMs,
    });
  }
}

function parseIssued(data: unknown, expectedUserID: string | undefined): IssuedToken {
  const reply = (typeof data === 'object' && data !== null ? data : {}) as Partial<Record<string, unknown>>;
  const { token, userID, expiresAt } = reply;
  if (
    typeof token !== 'string' ||
    !token.startsWith('04') ||
    typeof userID !== 'string' ||
    (expectedUserID !== undefined && userID !== expectedUserID) ||
    typeof expiresAt !== 'number' ||
    !Number.isFinite(expiresAt)
  ) {
    throw tokenFailure('bad_response', 'not {token, userID, expiresAt}');
  }
  return { token, userID, expiresAt };
}
