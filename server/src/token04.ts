/**
 * ZEGO Token04, AES-256-GCM form:
 * "04" + base64(expire int64 BE | nonce length u16 | nonce | ciphertext length u16 | ciphertext+tag | mode byte 0x01).
 * Key: the 32-character ServerSecret's UTF-8 bytes; no AAD. Both Express and ZIM log in with it.
 */
import { createCipheriv, createDecipheriv, randomBytes, randomInt } from 'node:crypto';

const GCM_MODE = 0x01;
const GCM_NONCE_BYTES = 12;
const GCM_TAG_BYTES = 16;

export interface Token04Input {
  appId: number;
  userId: string;
  secret: string;
  effectiveTimeInSeconds: number;
  payload?: string;
}

/** Pinned values, for tests only: production calls leave them to the clock and the CSPRNG. */
export interface Token04Pins {
  ctime?: number;
  nonce?: number;
  iv?: Buffer;
}

export interface Token04Claims {
  app_id: number;
  user_id: string;
  nonce: number;
  ctime: number;
  expire: number;
  payload: string;
}

export class Token04Error extends Error {
  constructor(
    readonly code:
      'bad_app_id' | 'bad_user_id' | 'bad_secret' | 'bad_effective_time' | 'malformed' | 'bad_tag',
    message: string,
  ) {
    super(message);
    this.name = 'Token04Error';
  }
}

export function validateToken04Input(input: Token04Input): void {
  if (!Number.isSafeInteger(input.appId) || input.appId <= 0) {
    throw new Token04Error('bad_app_id', 'appId must be a positive integer');
  }
  if (typeof input.userId !== 'string' || input.userId.length === 0 || input.userId.length > 64) {
    throw new Token04Error('bad_user_id', 'userId must be 1 to 64 characters');
  }
  if (typeof input.secret !== 'string' || input.secret.length !== 32) {
    throw new Token04Error('bad_secret', 'secret must be exactly 32 characters');
  }
  if (!Number.isSafeInteger(input.effectiveTimeInSeconds) || input.effectiveTimeInSeconds <= 0) {
    throw new Token04Error('bad_effective_time', 'effectiveTimeInSeconds must be a positive integer');
  }
}

export function generateToken04(input: Token04Input, pins: Token04Pins = {}): string {
  validateToken04Input(input);
  const ctime = pins.ctime ?? Math.floor(Date.now() / 1000);
  const claims: Token04Claims = {
    app_id: input.appId,
    user_id: input.userId,
    nonce: pins.nonce ?? randomInt(-2147483648, 2147483647),
    ctime,
    expire: ctime + input.effectiveTimeInSeconds,
    payload: input.payload ?? '',
  };
  const iv = pins.iv ?? randomBytes(GCM_NONCE_BYTES);
  const cipher = createCipheriv('aes-256-gcm', Buffer.from(input.secret, 'utf8'), iv);
  const ciphertext = Buffer.concat([
    cipher.update(JSON.stringify(claims), 'utf8'),
    cipher.final(),
    cipher.getAuthTag(),
  ]);

  const expire = Buffer.alloc(8);
  expire.writeBigInt64BE(BigInt(claims.expire));
  const u16 = (n: number) => {
    const b = Buffer.alloc(2);
    b.writeUInt16BE(n);
    return b;
  };
  const packed = Buffer.concat([
    expire,
    u16(iv.length),
    iv,
    u16(ciphertext.length),
    ciphertext,
    Buffer.from([GCM_MODE]),
  ]);
  return `04${packed.toString('base64')}`;
}

export interface DecodedToken04 {
  /** The expiry written in clear in the token's header. */
  expire: number;
  plaintext: string;
  claims: Token04Claims;
}

/** Decrypts a Token04 as the ZEGO cloud would; throws Token04Error when it is not one or the secret is wrong. */
export function decodeToken04(token: string, secret: string): DecodedToken04 {
  if (typeof token !== 'string' || !token.startsWith('04')) {
    throw new Token04Error('malformed', 'not a version 04 token');
  }
  const bytes = Buffer.from(token.slice(2), 'base64');
  let offset = 0;
  const need = (n: number) => {
    if (offset + n > bytes.length) throw new Token04Error('malformed', 'token is truncated');
  };
  need(8);
  const expire = Number(bytes.readBigInt64BE(offset));
  offset += 8;
  need(2);
  const ivLength = bytes.readUInt16BE(offset);
  offset += 2;
  need(ivLength);
  const iv = bytes.subarray(offset, offset + ivLength);
  offset += ivLength;
  need(2);
  const cipherLength = bytes.readUInt16BE(offset);
  offset += 2;
  need(cipherLength + 1);
  const sealed = bytes.subarray(offset, offset + cipherLength);
  offset += cipherLength;
  if (bytes[offset] !== GCM_MODE || ivLength !== GCM_NONCE_BYTES || cipherLength < GCM_TAG_BYTES) {
    throw new Token04Error('malformed', 'not an AES-GCM token');
  }
  try {
    const decipher = createDecipheriv('aes-256-gcm', Buffer.from(secret, 'utf8'), iv);
    decipher.setAuthTag(sealed.subarray(sealed.length - GCM_TAG_BYTES));
    const plaintext = Buffer.concat([
      decipher.update(sealed.subarray(0, sealed.length - GCM_TAG_BYTES)),
      decipher.final(),
    ]).toString('utf8');
    return { expire, plaintext, claims: JSON.parse(plaintext) as Token04Claims };
  } catch {
    throw new Token04Error('bad_tag', 'token does not decrypt with this secret');
  }
}
