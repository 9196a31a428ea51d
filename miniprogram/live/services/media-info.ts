/**
 * Pure helpers the RoomService leans on: the camera/mic state carried as stream extra info JSON
 * (the SDK cannot tell a viewer that the host muted), and the bounded backoff for recovery.
 */
import type { MediaState } from './room-types';

/** Express rejects stream extra info over 128 bytes (1003051). */
export const STREAM_EXTRA_INFO_MAX_BYTES = 128;

export function encodeMediaState(state: MediaState): string {
  // Short keys keep us far below the limit even if more fields are added later.
  const json = JSON.stringify({ v: 1, cam: state.cameraOn ? 1 : 0, mic: state.micOn ? 1 : 0 });
  if (utf8Length(json) > STREAM_EXTRA_INFO_MAX_BYTES) throw new Error('stream extra info over 128 bytes');
  return json;
}

/** Anything unreadable (another client, empty string) means "assume on": never hide a working stream. */
export function decodeMediaState(extraInfo: string | undefined): MediaState {
  const fallback = { cameraOn: true, micOn: true };
  if (extraInfo === undefined || extraInfo === '') return fallback;
  try {
    const parsed = JSON.parse(extraInfo) as { cam?: unknown; mic?: unknown };
    if (typeof parsed !== 'object' || parsed === null) return fallback;
    return { cameraOn: parsed.cam !== 0, micOn: parsed.mic !== 0 };
  } catch {
    return fallback;
  }
}

export function utf8Length(text: string): number {
  let bytes = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    bytes += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
  }
  return bytes;
}

/** attempt 1 → base, 2 → 2×base … capped at max. */
export function backoffDelay(attempt: number, baseMs: number, maxMs: number): number {
  const exponent = Math.max(0, attempt - 1);
  return Math.min(maxMs, baseMs * 2 ** exponent);
}

export function clampLevel(level: number): number {
  if (!Number.isFinite(level)) return 0;
  return Math.min(9, Math.max(0, Math.round(level)));
}
