import { checkRelayUrl, MAX_RELAY_URL_LENGTH } from '../../miniprogram/live/services/relay-url';

describe('checkRelayUrl', () => {
  it('accepts rtmp:// addresses with a server and a path (trimmed)', () => {
    expect(checkRelayUrl('rtmp://push.example.com/live/room1')).toEqual({
      ok: true,
      url: 'rtmp://push.example.com/live/room1',
    });
    expect(checkRelayUrl('  rtmp://10.0.0.2:1935/app/s?txSecret=ab&txTime=65  ')).toEqual({
      ok: true,
      url: 'rtmp://10.0.0.2:1935/app/s?txSecret=ab&txTime=65',
    });
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    [undefined, 'empty'],
    ['http://example.com/live/s', 'scheme'],
    ['rtmps://example.com/live/s', 'scheme'],
    ['rtsp://example.com/live/s', 'scheme'],
    ['example.com/live/s', 'scheme'],
    ['rtmp://', 'host'],
    ['rtmp://example.com', 'host'],
    ['rtmp://example.com/', 'host'],
    ['rtmp://exa mple.com/live/s', 'spaces'],
  ])('refuses %j (%s) with words in both languages', (raw, reason) => {
    const result = checkRelayUrl(raw);
    expect(result).toMatchObject({ ok: false, reason });
    if (!result.ok) {
      expect(result.zh).not.toBe('');
      expect(result.en).not.toBe('');
    }
  });

  it('has a length limit, exactly at MAX_RELAY_URL_LENGTH', () => {
    const base = 'rtmp://push.example.com/live/';
    const longest = base + 'a'.repeat(MAX_RELAY_URL_LENGTH - base.length);
    expect(checkRelayUrl(longest).ok).toBe(true);
    expect(checkRelayUrl(longest + 'a')).toMatchObject({ ok: false, reason: 'too-long' });
  });
});
