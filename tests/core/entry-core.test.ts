import { validateConfig } from '../../miniprogram/core/config';
import { decodeQueryValue, parseRoomLink, roomPagePath } from '../../miniprogram/core/deep-link';
import { format, labelsIn, pickLang, say } from '../../miniprogram/core/i18n';
import { characterCount, checkId, checkNickname, streamIdFor } from '../../miniprogram/core/ids';
import { ensurePermissions, scopesForRole, type PermissionApi } from '../../miniprogram/core/permissions';
import { addRecentRoom, readRecentRooms } from '../../miniprogram/core/recent-rooms';
import type { KeyValueStore } from '../../miniprogram/core/storage';
import { getUserID, rememberServerUserID } from '../../miniprogram/core/user';
import { compareVersions, isBaseLibrarySupported } from '../../miniprogram/core/version';

function memoryStore(
  initial: Record<string, unknown> = {},
): KeyValueStore & { data: Record<string, unknown> } {
  const data = { ...initial };
  return { data, get: (k) => data[k], set: (k, v) => void (data[k] = v) };
}

describe('ids', () => {
  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['a'.repeat(33), 'too_long'],
    ['has space', 'bad_chars'],
    ['中文', 'bad_chars'],
    ['a/b', 'bad_chars'],
  ])('rejects %j as %s', (raw, problem) => {
    expect(checkId(raw)).toEqual({ ok: false, problem });
  });
  it('accepts the shared Express/ZIM alphabet up to 32 characters, trimmed', () => {
    expect(checkId(' Room_1-x ')).toEqual({ ok: true, value: 'Room_1-x' });
    expect(checkId('a'.repeat(32)).ok).toBe(true);
    expect(checkId(42).ok).toBe(false);
  });
  it('counts nickname length in characters the user sees', () => {
    expect(characterCount('😀😀')).toBe(2);
    expect(checkNickname('😀'.repeat(32)).ok).toBe(true);
    expect(checkNickname('😀'.repeat(33))).toEqual({ ok: false, problem: 'too_long' });
  });
  it('derives the main stream ID', () => {
    expect(streamIdFor('r1', 'u1')).toBe('r1_u1_main');
  });
});

describe('deep links', () => {
  it('reads roomID and role, defaulting to audience', () => {
    expect(parseRoomLink({ roomID: 'abc' })).toEqual({
      kind: 'room',
      link: { roomID: 'abc', role: 'audience' },
    });
    expect(parseRoomLink({ roomID: 'abc', role: 'host' })).toEqual({
      kind: 'room',
      link: { roomID: 'abc', role: 'host' },
    });
    expect(parseRoomLink({})).toEqual({ kind: 'none' });
    expect(parseRoomLink(undefined)).toEqual({ kind: 'none' });
  });
  it('decodes scenes: a bare room ID or r=…&ro=a|h', () => {
    expect(parseRoomLink({ scene: 'room42' })).toEqual({
      kind: 'room',
      link: { roomID: 'room42', role: 'audience' },
    });
    expect(parseRoomLink({ scene: encodeURIComponent('r=x1&ro=h') })).toEqual({
      kind: 'room',
      link: { roomID: 'x1', role: 'host' },
    });
  });
  it('reports what is wrong with a bad link', () => {
    expect(parseRoomLink({ roomID: 'a b' })).toMatchObject({ kind: 'invalid', reason: 'bad_room_id' });
    expect(parseRoomLink({ roomID: 'ab', role: 'root' })).toMatchObject({
      kind: 'invalid',
      reason: 'bad_role',
    });
    expect(parseRoomLink({ scene: '%E0%A4%A' })).toMatchObject({ kind: 'invalid', reason: 'bad_scene' });
  });
  it('round-trips through the room page path', () => {
    const path = roomPagePath({ roomID: 'r-1', role: 'host' }, '小 明');
    const query = Object.fromEntries(new URLSearchParams(path.split('?')[1]));
    expect(parseRoomLink(query)).toEqual({ kind: 'room', link: { roomID: 'r-1', role: 'host' } });
    expect(query.userName).toBe('小 明');
  });
});

describe('config', () => {
  it('accepts a complete config and splits several servers', () => {
    expect(
      validateConfig({
        appID: '42',
        server: 'wss://a.zego.im/ws, wss://b.zego.im/ws',
        tokenUrl: 'https://t/v1/token',
      }),
    ).toEqual({
      ok: true,
      config: {
        appID: 42,
        servers: ['wss://a.zego.im/ws', 'wss://b.zego.im/ws'],
        tokenUrl: 'https://t/v1/token',
        authMode: 'dev',
      },
    });
  });
  it('names every missing value with its variable', () => {
    const result = validateConfig({ appID: 0, server: 'http://x', tokenUrl: '', authMode: 'root' });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.problems.map((p) => p.variable)).toEqual([
        'ZEGO_APP_ID',
        'ZEGO_SERVER',
        'TOKEN_URL',
        'AUTH_MODE',
      ]);
    }
  });
});

describe('permissions', () => {
  function api(setting: Record<string, boolean | undefined>, answers: Record<string, boolean>) {
    const asked: string[] = [];
    const permissionApi: PermissionApi = {
      getSetting: async () => setting,
      authorize: async (scope) => {
        asked.push(scope);
        return answers[scope] ?? false;
      },
    };
    return { asked, permissionApi };
  }
  it('never asks an audience member', async () => {
    const { asked, permissionApi } = api({}, {});
    expect(await ensurePermissions(scopesForRole('audience'), permissionApi)).toEqual({ granted: true });
    expect(asked).toEqual([]);
  });
  it('asks only for what was never asked, and reports earlier refusals', async () => {
    const { asked, permissionApi } = api({ 'scope.camera': false }, { 'scope.record': true });
    expect(await ensurePermissions(scopesForRole('host'), permissionApi)).toEqual({
      granted: false,
      denied: ['scope.camera'],
    });
    expect(asked).toEqual(['scope.record']);
  });
});

describe('recent rooms', () => {
  it('keeps five, newest first, without duplicates, and ignores a corrupt cache', () => {
    const store = memoryStore({ recentRooms: [{ roomID: 'bad id', role: 'host', joinedAt: 1 }, 'junk'] });
    expect(readRecentRooms(store)).toEqual([]);
    for (let i = 1; i <= 6; i += 1) addRecentRoom({ roomID: `r${i}`, role: 'audience', joinedAt: i }, store);
    addRecentRoom({ roomID: 'r3', role: 'host', joinedAt: 7 }, store);
    expect(readRecentRooms(store).map((r) => `${r.roomID}:${r.role}`)).toEqual([
      'r3:host',
      'r6:audience',
      'r5:audience',
      'r4:audience',
      'r2:audience',
    ]);
  });
});

describe('user ID', () => {
  it('is generated once per device, valid for both SDKs, and replaced by the server-bound one', () => {
    const store = memoryStore();
    const first = getUserID(store, () => 0.5);
    expect(checkId(first).ok).toBe(true);
    expect(getUserID(store, () => 0.1)).toBe(first);
    rememberServerUserID('wx_abc', store);
    expect(getUserID(store)).toBe('wx_abc');
    rememberServerUserID('not valid!', store);
    expect(getUserID(store)).toBe('wx_abc');
  });
});

describe('version and language', () => {
  it('compares base library versions numerically', () => {
    expect(compareVersions('2.10.0', '2.9.9')).toBe(1);
    expect(compareVersions('2.10', '2.10.0')).toBe(0);
    expect(isBaseLibrarySupported('2.9.4')).toBe(false);
    expect(isBaseLibrarySupported('3.6.0')).toBe(true);
    expect(isBaseLibrarySupported(undefined)).toBe(false);
  });
  it('picks English only for an English phone and fills placeholders', () => {
    expect(pickLang('en_US')).toBe('en');
    expect(pickLang('zh_CN')).toBe('zh');
    expect(pickLang(undefined)).toBe('zh');
    expect(format('{a}-{b}', { a: 1 })).toBe('1-{b}');
    expect(say({ zh: '你好 {n}', en: 'hi {n}' }, { n: 'x' }, 'en')).toBe('hi x');
    const table = { ok: { zh: '好', en: 'OK' }, no: { zh: '不', en: 'No' } };
    expect(labelsIn(table, 'en')).toEqual({ ok: 'OK', no: 'No' });
    expect(labelsIn(table, 'zh')).toEqual({ ok: '好', no: '不' });
  });
});

describe('query values', () => {
  it('decodes what was URL-encoded and keeps what cannot be decoded', () => {
    expect(decodeQueryValue('%E5%B0%8F%20%E6%98%8E')).toBe('小 明');
    expect(decodeQueryValue('100%')).toBe('100%');
    expect(decodeQueryValue(undefined)).toBe('');
  });
});
