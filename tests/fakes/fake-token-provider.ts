/** A TokenProvider that issues real Token04s signed with the fake cloud's test secret, and counts requests. */
import type { IssuedToken, TokenProvider, TokenRequest } from '../../miniprogram/core/token-provider';
import { zimTokenFor } from './fake-zim-cloud';

export class FakeTokenProvider implements TokenProvider {
  readonly requests: { request: TokenRequest; forceRefresh: boolean }[] = [];
  /** Lifetime of each token issued, seconds. */
  effectiveSeconds = 3600;
  /** When set, the next request fails with it. */
  failNext: unknown = null;

  async getToken(request: TokenRequest, options: { forceRefresh?: boolean } = {}): Promise<IssuedToken> {
    this.requests.push({ request, forceRefresh: options.forceRefresh === true });
    if (this.failNext !== null) {
      const failure = this.failNext;
      this.failNext = null;
      throw failure;
    }
    const token = zimTokenFor(request.userID, { effectiveSeconds: this.effectiveSeconds });
    return {
      token,
      userID: request.userID,
      expiresAt: Math.floor(Date.now() / 1000) + this.effectiveSeconds,
    };
  }
}
