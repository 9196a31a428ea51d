/**
 * Test-only Token04s, made with the test secret so the fake cloud can decrypt them as the real one
 * would. The mini-program never makes tokens; this is what server/ does, in tests.
 */
import { generateToken04 } from '../../server/src/token04';
import type { IssuedToken, TokenProvider, TokenRequest } from '../../miniprogram/core/token-provider';

export const TEST_APP_ID = 1739272706;
export const TEST_SECRET = 'fa94dd0f974cf2e293728a526b028271';

export interface TokenOptions {
  appId?: number;
  /** Seconds from now; negative with `issuedSecondsAgo` makes an expired token. */
  effectiveSeconds?: number;
  issuedSecondsAgo?: number;
  canPublish?: boolean;
  roomID?: string;
}

export function makeToken(userID: string, options: TokenOptions = {}): string {
  const now = Math.floor(Date.now() / 1000);
  const ctime = now - (options.issuedSecondsAgo ?? 0);
  const payload =
    options.roomID === undefined
      ? ''
      : JSON.stringify({
          room_id: options.roomID,
          privilege: { 1: 1, 2: options.canPublish === false ? 0 : 1 },
          stream_id_list: null,
        });
  return generateToken04(
    {
      appId: options.appId ?? TEST_APP_ID,
      userId: userID,
      secret: TEST_SECRET,
      effectiveTimeInSeconds: options.effectiveSeconds ?? 3600,
      payload,
    },
    { ctime },
  );
}

export const EXPIRED: TokenOptions = { issuedSecondsAgo: 7200, effectiveSeconds: 3600 };

/** Issues test tokens; `options` can be changed between calls (e.g. expire only the first one). */
export class FakeTokenProvider implements TokenProvider {
  readonly requests: Array<{ request: TokenRequest; forceRefresh: boolean }> = [];
  /** When set, getToken rejects with it. */
  failWith: unknown = null;

  constructor(public options: TokenOptions | ((attempt: number) => TokenOptions) = {}) {}

  async getToken(request: TokenRequest, opts: { forceRefresh?: boolean } = {}): Promise<IssuedToken> {
    this.requests.push({ request, forceRefresh: opts.forceRefresh === true });
    if (this.failWith !== null) throw this.failWith;
    const options = typeof this.options === 'function' ? this.options(this.requests.length) : this.options;
    const token = makeToken(request.userID, { roomID: request.roomID, ...options });
    return { token, userID: request.userID, expiresAt: Math.floor(Date.now() / 1000) + 3600 };
  }
}
