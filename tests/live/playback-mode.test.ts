import {
  BUSY_ROOM,
  CALM_ROOM,
  choosePlaybackMode,
  LIVE_MAX_CACHE,
  LIVE_MIN_CACHE,
  parsePlaybackPreference,
  playerAttributesFor,
  type PlaybackPreference,
} from '../../miniprogram/live/services/playback-mode';

describe('choosePlaybackMode', () => {
  it('host and co-host always play RTC, whatever the room size or preference', () => {
    for (const role of ['host', 'co-host'] as const) {
      for (const preference of ['auto', 'low-latency', 'smooth'] as PlaybackPreference[]) {
        for (const memberCount of [undefined, 1, BUSY_ROOM, 5000]) {
          expect(choosePlaybackMode({ role, memberCount, preference, current: 'live' })).toBe('RTC');
        }
      }
    }
  });

  it('audience on auto: RTC in a small room, live in a busy one', () => {
    expect(choosePlaybackMode({ role: 'audience', memberCount: 3, preference: 'auto' })).toBe('RTC');
    expect(choosePlaybackMode({ role: 'audience', memberCount: BUSY_ROOM - 1, preference: 'auto' })).toBe(
      'RTC',
    );
    expect(choosePlaybackMode({ role: 'audience', memberCount: BUSY_ROOM, preference: 'auto' })).toBe('live');
    expect(choosePlaybackMode({ role: 'audience', memberCount: 800, preference: 'auto' })).toBe('live');
  });

  it('audience on auto keeps the current mode between the two thresholds (no flapping)', () => {
    const between = Math.floor((BUSY_ROOM + CALM_ROOM) / 2);
    expect(
      choosePlaybackMode({ role: 'audience', memberCount: between, preference: 'auto', current: 'live' }),
    ).toBe('live');
    expect(
      choosePlaybackMode({ role: 'audience', memberCount: between, preference: 'auto', current: 'RTC' }),
    ).toBe('RTC');
    expect(
      choosePlaybackMode({
        role: 'audience',
        memberCount: CALM_ROOM - 1,
        preference: 'auto',
        current: 'live',
      }),
    ).toBe('RTC');
  });

  it('audience on auto before any count: RTC (or the current mode)', () => {
    expect(choosePlaybackMode({ role: 'audience', memberCount: undefined, preference: 'auto' })).toBe('RTC');
    expect(
      choosePlaybackMode({ role: 'audience', memberCount: undefined, preference: 'auto', current: 'live' }),
    ).toBe('live');
  });

  it("the audience's own choice wins over the room size", () => {
    expect(choosePlaybackMode({ role: 'audience', memberCount: 5000, preference: 'low-latency' })).toBe(
      'RTC',
    );
    expect(choosePlaybackMode({ role: 'audience', memberCount: 2, preference: 'smooth' })).toBe('live');
  });
});

describe('playerAttributesFor', () => {
  it('live carries the cache the native player needs; RTC leaves it at the native defaults', () => {
    expect(playerAttributesFor('live')).toMatchObject({
      mode: 'live',
      minCache: LIVE_MIN_CACHE,
      maxCache: LIVE_MAX_CACHE,
    });
    expect(playerAttributesFor('RTC')).toEqual({ mode: 'RTC', objectFit: 'contain' });
    expect(LIVE_MIN_CACHE).toBeLessThanOrEqual(LIVE_MAX_CACHE);
  });
});

describe('parsePlaybackPreference', () => {
  it('reads back what the sheet stores and treats anything else as auto', () => {
    expect(parsePlaybackPreference('smooth')).toBe('smooth');
    expect(parsePlaybackPreference('low-latency')).toBe('low-latency');
    for (const junk of [undefined, '', 'live', 42, null, {}])
      expect(parsePlaybackPreference(junk)).toBe('auto');
  });
});
