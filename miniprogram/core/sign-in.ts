/**
 * Before the first room or chat in `wechat` mode, the token service binds the user to their WeChat
 * identity and names their user ID. Doing it on the entry page means the live room (Express) and
 * chat (ZIM) both start with that one ID; co-hosting signals rely on the two being the same.
 */
import type { AuthMode } from './config';
import type { Bilingual } from './i18n';

export interface SignInClient {
  signIn(devUserID: string): Promise<{ userID: string }>;
}

export type SignInResult = { ok: true; userID: string } | { ok: false; error: Bilingual };

const UNKNOWN_FAILURE: Bilingual = { zh: '登录失败，请重试', en: 'Signing in failed; please try again' };

export async function signInForMode(
  authMode: AuthMode,
  client: SignInClient,
  userID: string,
): Promise<SignInResult> {
  // In dev mode the device's own ID is the user ID: nothing to ask.
  if (authMode === 'dev') return { ok: true, userID };
  try {
    const issued = await client.signIn(userID);
    return { ok: true, userID: issued.userID };
  } catch (error) {
    const text = error as Partial<Bilingual>;
    return typeof text.zh === 'string' && typeof text.en === 'string'
      ? { ok: false, error: { zh: text.zh, en: text.en } }
      : { ok: false, error: UNKNOWN_FAILURE };
  }
}
