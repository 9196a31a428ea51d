import {
  checkRoomInfo,
  decodeRoomInfo,
  defaultRoomInfo,
  encodeRoomInfo,
  ROOM_INFO_KEY,
  ROOM_INFO_MAX_BYTES,
} from '../../miniprogram/live/services/room-info';

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

describe('room info (Express room extra info, one key)', () => {
  it('uses a key within the 10-byte limit', () => {
    expect(bytes(ROOM_INFO_KEY)).toBeLessThanOrEqual(10);
  });

  it('round-trips title, host, notice, link and the two flags', () => {
    const info = {
      title: '周末吉他课',
      hostUserID: 'host_1',
      notice: '今晚 8 点抽奖',
      link: 'https://example.com/a',
      mixing: true,
      ended: false,
    };
    expect(decodeRoomInfo(encodeRoomInfo(info))).toEqual(info);
    expect(decodeRoomInfo(encodeRoomInfo({ ...info, mixing: false, ended: true }))).toMatchObject({
      mixing: false,
      ended: true,
    });
  });

  it('decodes garbage as null, never throws', () => {
    for (const value of ['', 'x', '{}', '[1,2]', '["a"]', 42, null]) expect(decodeRoomInfo(value)).toBeNull();
  });

  it('accepts a value of exactly the limit and refuses one byte more, saying how big it is', () => {
    // Titles are limited to 30 characters; fill the rest with notice text.
    const fits = checkRoomInfo({ title: 'T', notice: 'n'.repeat(ROOM_INFO_MAX_BYTES), link: '' }, 'h');
    expect(fits.ok).toBe(false);
    if (fits.ok) return;
    expect(fits.problem).toBe('too_large');
    expect(fits.message.en).toMatch(/over the 128-byte limit/);
    let notice = '';
    for (;;) {
      const next = checkRoomInfo({ title: 'T', notice: notice + 'n', link: '' }, 'h');
      if (!next.ok) break;
      notice += 'n';
    }
    const exact = checkRoomInfo({ title: 'T', notice, link: '' }, 'h');
    expect(exact.ok && bytes(exact.value)).toBe(ROOM_INFO_MAX_BYTES);
  });

  it('counts Chinese characters as 3 bytes', () => {
    const result = checkRoomInfo({ title: '标题', notice: '公'.repeat(35), link: '' }, 'host_1');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message.zh).toContain('一个汉字占 3 字节');
  });

  it.each([
    [{ title: '  ', notice: '', link: '' }, 'title_empty'],
    [{ title: 'x'.repeat(31), notice: '', link: '' }, 'title_too_long'],
    [{ title: 't', notice: '', link: 'https://a.b' }, 'link_without_notice'],
    [{ title: 't', notice: 'n', link: 'http://a.b' }, 'link_invalid'],
    [{ title: 't', notice: 'n', link: 'javascript:alert(1)' }, 'link_invalid'],
  ])('refuses %j: %s', (draft, problem) => {
    const result = checkRoomInfo(draft, 'host_1');
    expect(result).toMatchObject({ ok: false, problem });
  });

  it('accepts an https link and a mini-program path', () => {
    expect(checkRoomInfo({ title: 't', notice: 'n', link: 'https://shop.example.com/x?y=1' }, 'h').ok).toBe(
      true,
    );
    expect(checkRoomInfo({ title: 't', notice: 'n', link: '/pages/entry/index' }, 'h').ok).toBe(true);
  });

  it('a default title from a long Chinese name is shortened until it fits', () => {
    const info = defaultRoomInfo('a'.repeat(32), '很'.repeat(40));
    expect(bytes(encodeRoomInfo(info))).toBeLessThanOrEqual(ROOM_INFO_MAX_BYTES);
    expect(info.title.length).toBeGreaterThan(10);
    expect(checkRoomInfo({ title: info.title, notice: '', link: '' }, info.hostUserID).ok).toBe(true);
  });
});
