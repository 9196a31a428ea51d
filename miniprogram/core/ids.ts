/**
 * The one place that says what a room ID, user ID, nickname and stream ID may be.
 * Express and ZIM share roomID and userID, so both follow the stricter common rule.
 */

export const ID_PATTERN = /^[A-Za-z0-9_-]{1,32}$/;
export const ID_MAX_LENGTH = 32;
export const NICKNAME_MAX_LENGTH = 32;

export type IdProblem = 'empty' | 'too_long' | 'bad_chars';
export type NicknameProblem = 'empty' | 'too_long';

export type Checked<T, P> = { ok: true; value: T } | { ok: false; problem: P };

export function checkId(raw: unknown): Checked<string, IdProblem> {
  const value = typeof raw === 'string' ? raw.trim() : '';
  if (value.length === 0) return { ok: false, problem: 'empty' };
  if (value.length > ID_MAX_LENGTH) return { ok: false, problem: 'too_long' };
  if (!ID_PATTERN.test(value)) return { ok: false, problem: 'bad_chars' };
  return { ok: true, value };
}

/** Counts code points, not UTF-16 units, so an emoji is one character as the user sees it. */
export function characterCount(text: string): number {
  return Array.from(text).length;
}

export function checkNickname(raw: unknown): Checked<string, NicknameProblem> {
  const value = typeof raw === 'string' ? raw.trim() : '';
  if (value.length === 0) return { ok: false, problem: 'empty' };
  if (characterCount(value) > NICKNAME_MAX_LENGTH) return { ok: false, problem: 'too_long' };
  return { ok: true, value };
}

export function streamIdFor(roomID: string, userID: string): string {
  return `${roomID}_${userID}_main`;
}

export type Role = 'host' | 'audience';

export function parseRole(raw: unknown): Role | null {
  return raw === 'host' || raw === 'audience' ? raw : null;
}
