/**
 * Development tokens: a temporary token from the ZEGO console, pasted into config (`devToken`) or
 * stored under `zego.devToken`. It is bound to one user ID and room set by the console, and it is
 * never generated here: the client never signs tokens. Without one, room-deps.ts uses the HTTP
 * TokenClient (the token service).
 */
import { configValues } from '../../config.values';
import type { IssuedToken, TokenProvider, TokenRequest } from '../../core/token-provider';

const STORAGE_KEY = 'zego.devToken';

export class DevTokenProvider implements TokenProvider {
  constructor(private readonly readToken: () => string | undefined) {}

  async getToken(request: TokenRequest): Promise<IssuedToken> {
    const token = this.readToken();
    // 1002067 is the SDK's own "no token" code, so the page says the same words it would.
    if (token === undefined || token.trim() === '')
      throw { code: 1002067, msg: 'no development token configured' };
    return { token: token.trim(), userID: request.userID, expiresAt: 0 };
  }
}

export function devTokenFromConfigOrStorage(): string | undefined {
  const fromConfig = (configValues as { devToken?: unknown }).devToken;
  if (typeof fromConfig === 'string' && fromConfig.trim() !== '') return fromConfig;
  try {
    const stored: unknown = wx.getStorageSync(STORAGE_KEY);
    return typeof stored === 'string' && stored.trim() !== '' ? stored : undefined;
  } catch {
    return undefined;
  }
}
