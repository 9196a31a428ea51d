/**
 * App signalling over ZIM command messages: a JSON object with a string `type`, sent as UTF-8 bytes.
 * Decoding never throws: a peer's malformed payload is reported as null (and logged by the caller's logger),
 * because one bad message must not break the chat.
 */
import { decodeUtf8, encodeUtf8 } from './utf8';

export interface CommandPayload {
  type: string;
  [key: string]: unknown;
}

export type Logger = (message: string, detail?: unknown) => void;

export function encodeCommand(payload: CommandPayload): Uint8Array {
  return encodeUtf8(JSON.stringify(payload));
}

/** Accepts what ZIM hands over (Uint8Array, or a plain number array on some platforms). */
export function decodeCommand(raw: unknown, log: Logger = () => undefined): CommandPayload | null {
  let bytes: ArrayLike<number>;
  if (raw instanceof Uint8Array) bytes = raw;
  else if (Array.isArray(raw) && raw.every((b) => Number.isInteger(b) && b >= 0 && b <= 255))
    bytes = raw as number[];
  else {
    log('command payload is not bytes; ignored', typeof raw);
    return null;
  }
  const text = decodeUtf8(bytes);
  if (text === null) {
    log('command payload is not UTF-8; ignored');
    return null;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    log('command payload is not JSON; ignored', text.slice(0, 80));
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    log('command payload is not a JSON object; ignored');
    return null;
  }
  const type = (parsed as { type?: unknown }).type;
  if (typeof type !== 'string' || type.length === 0) {
    log('command payload has no type; ignored');
    return null;
  }
  return parsed as CommandPayload;
}
