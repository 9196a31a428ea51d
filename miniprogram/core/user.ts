/**
 * The user's ID, behind one function. In development it is generated once per device and stored;
 * with the token service in `wechat` mode the server binds the ID to the WeChat identity and returns
 * it with the token, and `rememberServerUserID` stores that one instead.
 */
import { checkId, checkNickname } from './ids';
import { wxStore, type KeyValueStore } from './storage';

const USER_ID_KEY = 'userID';
const NICKNAME_KEY = 'nickname';

function randomSuffix(random: () => number): string {
  const alphabet = 'abcdefghijkmnpqrstuvwxyz23456789';
  let out = '';
  for (let i = 0; i < 10; i += 1) out += alphabet[Math.floor(random() * alphabet.length)] ?? 'x';
  return out;
}

export function getUserID(store: KeyValueStore = wxStore, random: () => number = Math.random): string {
  const stored = checkId(store.get(USER_ID_KEY));
  if (stored.ok) return stored.value;
  const fresh = `u_${randomSuffix(random)}`;
  store.set(USER_ID_KEY, fresh);
  return fresh;
}

export function rememberServerUserID(userID: string, store: KeyValueStore = wxStore): void {
  if (checkId(userID).ok) store.set(USER_ID_KEY, userID);
}

export function getNickname(store: KeyValueStore = wxStore): string {
  const stored = checkNickname(store.get(NICKNAME_KEY));
  return stored.ok ? stored.value : '';
}

export function rememberNickname(nickname: string, store: KeyValueStore = wxStore): void {
  const checked = checkNickname(nickname);
  if (checked.ok) store.set(NICKNAME_KEY, checked.value);
}
