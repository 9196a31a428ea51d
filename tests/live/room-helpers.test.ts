import {
  backoffDelay,
  clampLevel,
  decodeMediaState,
  encodeMediaState,
  utf8Length,
} from '../../miniprogram/live/services/media-info';
import { Emitter } from '../../miniprogram/live/services/emitter';
import { Timers } from '../../miniprogram/live/services/timers';
import {
  checkRoomLink,
  isSafeKey,
  overlayFor,
  shareCard,
} from '../../miniprogram/live/pages/room/view-model';
import { ManualClock } from '../fakes/manual-clock';

describe('stream extra info (camera/mic state)', () => {
  it('round-trips and stays within 128 bytes', () => {
    for (const cameraOn of [true, false]) {
      for (const micOn of [true, false]) {
        const json = encodeMediaState({ cameraOn, micOn });
        expect(utf8Length(json)).toBeLessThanOrEqual(128);
        expect(decodeMediaState(json)).toEqual({ cameraOn, micOn });
      }
    }
  });

  it('reads anything unknown as "on" rather than hiding a working stream', () => {
    expect(decodeMediaState('')).toEqual({ cameraOn: true, micOn: true });
    expect(decodeMediaState('not json')).toEqual({ cameraOn: true, micOn: true });
    expect(decodeMediaState('null')).toEqual({ cameraOn: true, micOn: true });
    expect(decodeMediaState('{"cam":0}')).toEqual({ cameraOn: false, micOn: true });
  });

  it('counts UTF-8 bytes, not characters', () => {
    expect(utf8Length('abc')).toBe(3);
    expect(utf8Length('直播')).toBe(6);
    expect(utf8Length('😀')).toBe(4);
  });
});

describe('backoff and levels', () => {
  it('doubles from the base and stops at the cap', () => {
    expect([1, 2, 3, 4, 5, 6].map((n) => backoffDelay(n, 1000, 16000))).toEqual([
      1000, 2000, 4000, 8000, 16000, 16000,
    ]);
  });

  it('clamps beauty/whiteness to whole steps 0–9', () => {
    expect([-3, 0, 4.4, 9, 12, Number.NaN].map(clampLevel)).toEqual([0, 0, 4, 9, 9, 0]);
  });
});

describe('Timers and Emitter', () => {
  it('a named timer restarts instead of stacking; cancelAll leaves nothing pending', () => {
    const clock = new ManualClock();
    const timers = new Timers(clock);
    const fired: string[] = [];
    timers.after(100, () => fired.push('a'), 'k');
    timers.after(200, () => fired.push('b'), 'k');
    timers.after(50, () => fired.push('c'));
    expect(timers.size).toBe(2);
    clock.advance(150);
    expect(fired).toEqual(['c']);
    clock.advance(100);
    expect(fired).toEqual(['c', 'b']);
    timers.after(10, () => fired.push('d'));
    timers.cancelAll();
    clock.advance(100);
    expect(fired).toEqual(['c', 'b']);
    expect(clock.pending).toBe(0);
  });

  it('emitter: unsubscribe works and one failing handler does not stop the others', () => {
    const emitter = new Emitter<{ ping: (n: number) => void }>();
    const got: number[] = [];
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
    emitter.on('ping', () => {
      throw new Error('view broke');
    });
    const off = emitter.on('ping', (n) => got.push(n));
    emitter.emit('ping', 1);
    off();
    emitter.emit('ping', 2);
    expect(got).toEqual([1]);
    expect(emitter.listenerCount()).toBe(1);
    emitter.clear();
    expect(emitter.listenerCount()).toBe(0);
  });
});

describe('room page view model', () => {
  it('accepts valid links (URL-encoded too) and defaults the role to audience', () => {
    expect(checkRoomLink('room_1', 'host', 'zh')).toEqual({ ok: true, roomID: 'room_1', role: 'host' });
    expect(checkRoomLink('room%2D1', undefined, 'en')).toEqual({
      ok: true,
      roomID: 'room-1',
      role: 'audience',
    });
  });

  it('says what is wrong with a bad link, in the user language', () => {
    expect(checkRoomLink('x'.repeat(33), 'host', 'en')).toMatchObject({
      ok: false,
      message: expect.stringContaining('32'),
    });
    expect(checkRoomLink('a b', 'host', 'zh')).toMatchObject({
      ok: false,
      message: expect.stringContaining('字母'),
    });
    expect(checkRoomLink(undefined, 'host', 'en')).toMatchObject({
      ok: false,
      message: expect.stringContaining('missing'),
    });
    expect(checkRoomLink('r1', 'admin', 'en')).toMatchObject({
      ok: false,
      message: expect.stringContaining('host or audience'),
    });
  });

  it('overlay per phase: words for each, retry only where it can help', () => {
    expect(overlayFor('live', 'zh').message).toBe('');
    expect(overlayFor('reconnecting', 'en', { attempt: 2 })).toMatchObject({
      message: expect.stringContaining('attempt 2'),
      blocking: false,
    });
    expect(overlayFor('kicked', 'en')).toMatchObject({ canRetry: false, canGoBack: true });
    expect(overlayFor('permission-refused', 'en')).toMatchObject({ canOpenSettings: true, canRetry: false });
    const failed = overlayFor('failed', 'en', {
      error: {
        source: 'express',
        code: 1002034,
        zh: '房间人数已满',
        en: 'The room is full',
        action: 'leave',
        known: true,
      },
    });
    expect(failed).toMatchObject({
      message: expect.stringContaining('The room is full'),
      canRetry: false,
      canGoBack: true,
    });
    for (const phase of [
      'idle',
      'checking',
      'joining',
      'host-left',
      'update-wechat',
      'not-configured',
      'left',
    ] as const) {
      expect(overlayFor(phase, 'zh').message).not.toBe('');
    }
  });

  it('share card: audience link with the host name', () => {
    expect(shareCard('r1', 'Alice', 'en')).toEqual({
      title: "Alice's live room",
      path: '/live/pages/room/index?roomID=r1&role=audience',
      query: 'roomID=r1&role=audience',
    });
    expect(shareCard('r1', '', 'zh').title).toContain('r1');
  });

  it('only IDs without path characters become data keys', () => {
    expect(isSafeKey('room1_u-1_main')).toBe(true);
    expect(isSafeKey('a.b')).toBe(false);
    expect(isSafeKey('a[0]')).toBe(false);
  });
});
