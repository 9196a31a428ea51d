/**
 * What may be sent, checked before anything reaches the queue: a rejected message never leaves the phone.
 * Limits are ZIM's (sdk-notes): text 2 KB of UTF-8 by default, configurable up to 32 KB; command 5 KB.
 */
import type { Bilingual } from '../../../core/i18n';
import { utf8ByteLength } from './utf8';

export const DEFAULT_TEXT_LIMIT_BYTES = 2 * 1024;
export const MAX_TEXT_LIMIT_BYTES = 32 * 1024;
export const COMMAND_LIMIT_BYTES = 5 * 1024;

export type TextProblem = 'empty' | 'too_long';

export type TextCheck =
  | { ok: true; text: string; bytes: number }
  | { ok: false; problem: TextProblem; bytes: number; limit: number; message: Bilingual };

/** A configured limit outside 1…32 KB falls back to the nearest allowed value. */
export function clampTextLimit(limitBytes: number | undefined): number {
  if (limitBytes === undefined || !Number.isFinite(limitBytes)) return DEFAULT_TEXT_LIMIT_BYTES;
  return Math.min(MAX_TEXT_LIMIT_BYTES, Math.max(1, Math.floor(limitBytes)));
}

/** Trims, then checks. The trimmed text is what gets sent. */
export function checkText(raw: unknown, limitBytes: number = DEFAULT_TEXT_LIMIT_BYTES): TextCheck {
  const limit = clampTextLimit(limitBytes);
  const text = typeof raw === 'string' ? raw.trim() : '';
  const bytes = utf8ByteLength(text);
  if (text.length === 0) {
    return {
      ok: false,
      problem: 'empty',
      bytes,
      limit,
      message: { zh: '请输入消息内容', en: 'Type a message first' },
    };
  }
  if (bytes > limit) {
    return {
      ok: false,
      problem: 'too_long',
      bytes,
      limit,
      message: {
        zh: `消息太长：${bytes} 字节，最多 ${limit} 字节`,
        en: `The message is too long: ${bytes} bytes, at most ${limit}`,
      },
    };
  }
  return { ok: true, text, bytes };
}

export type CommandCheck =
  | { ok: true; bytes: number }
  | { ok: false; problem: 'too_long' | 'empty'; bytes: number; message: Bilingual };

export function checkCommandBytes(payload: Uint8Array): CommandCheck {
  const bytes = payload.length;
  if (bytes === 0) {
    return {
      ok: false,
      problem: 'empty',
      bytes,
      message: { zh: '指令内容为空', en: 'The command is empty' },
    };
  }
  if (bytes > COMMAND_LIMIT_BYTES) {
    return {
      ok: false,
      problem: 'too_long',
      bytes,
      message: {
        zh: `指令太长：${bytes} 字节，最多 ${COMMAND_LIMIT_BYTES} 字节`,
        en: `The command is too long: ${bytes} bytes, at most ${COMMAND_LIMIT_BYTES}`,
      },
    };
  }
  return { ok: true, bytes };
}

/** For the input's counter: shown once the draft passes 80 % of the limit, so it does not nag. */
export function counterFor(
  draft: string,
  limitBytes: number = DEFAULT_TEXT_LIMIT_BYTES,
): { show: boolean; text: string; over: boolean } {
  const limit = clampTextLimit(limitBytes);
  const bytes = utf8ByteLength(draft.trim());
  return { show: bytes >= limit * 0.8, text: `${bytes}/${limit}`, over: bytes > limit };
}
