/** @jest-environment node */
import vectors from '../fixtures/token04-vectors.json';
import { decodeToken04, generateToken04, Token04Error } from '../../server/src/token04';

describe('Token04', () => {
  it.each(vectors.vectors.map((v) => [v.name, v] as const))('matches vector %s', (_name, v) => {
    const token = generateToken04(
      {
        appId: v.input.appId,
        userId: v.input.userId,
        secret: v.input.secret,
        effectiveTimeInSeconds: v.input.effectiveTimeInSeconds,
        payload: v.input.payload,
      },
      { ctime: v.input.ctime, nonce: v.input.nonce, iv: Buffer.from(v.input.iv_hex, 'hex') },
    );
    expect(token).toBe(v.token);
    expect(decodeToken04(v.token, v.input.secret).plaintext).toBe(v.plaintext);
  });

  it('refuses to decode with the wrong secret', () => {
    const v = vectors.vectors[0]!;
    expect(() => decodeToken04(v.token, 'ffffffffffffffffffffffffffffffff')).toThrow(Token04Error);
  });

  it.each([
    [{ appId: 0 }, 'bad_app_id'],
    [{ appId: 1.5 }, 'bad_app_id'],
    [{ userId: '' }, 'bad_user_id'],
    [{ userId: 'u'.repeat(65) }, 'bad_user_id'],
    [{ secret: 'short' }, 'bad_secret'],
    [{ effectiveTimeInSeconds: 0 }, 'bad_effective_time'],
  ])('rejects %j', (override, code) => {
    const input = {
      appId: 1,
      userId: 'u',
      secret: '0123456789abcdef0123456789abcdef',
      effectiveTimeInSeconds: 60,
    };
    expect(() => generateToken04({ ...input, ...override })).toThrow(expect.objectContaining({ code }));
  });
});
