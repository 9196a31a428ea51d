/**
 * One TokenClient for the whole app session, so the live room and chat share its cache (the ZIM
 * token survives leaving a room). The endpoint and auth mode come from the validated config; in
 * wechat mode the user ID the server binds to this WeChat user is remembered as the app's user ID.
 */
import { loadAppConfig } from './app-config';
import { TokenClient } from './token-client';
import { rememberServerUserID } from './user';

let shared: TokenClient | undefined;

export function sharedTokenClient(): TokenClient {
  if (shared === undefined) {
    const result = loadAppConfig();
    // Unconfigured: every call fails with a clear "token service URL is not configured" error.
    const config = result.ok ? result.config : { tokenUrl: '', authMode: 'dev' as const };
    shared = new TokenClient({
      tokenUrl: config.tokenUrl,
      authMode: config.authMode,
      onUserID: config.authMode === 'wechat' ? (userID) => rememberServerUserID(userID) : undefined,
    });
  }
  return shared;
}
