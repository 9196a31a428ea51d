import {
  codeOf,
  describeError,
  describeFirstKnown,
  knownCodes,
  type ErrorSource,
} from '../../miniprogram/core/errors';

describe('describeError', () => {
  it('maps every code sdk-notes names to words and an action', () => {
    const expected: Array<[ErrorSource, number, string]> = [
      ['express', 1002001, 'retry'],
      ['express', 1002033, 'relogin'],
      ['express', 1002034, 'leave'],
      ['express', 1002050, 'leave'],
      ['express', 1002053, 'retry'],
      ['express', 1002067, 'relogin'],
      ['express', 1002078, 'relogin'],
      ['express', 1002079, 'none'],
      ['express', 1002082, 'relogin'],
      ['express', 1003051, 'none'],
      ['express', 1003072, 'relogin'],
      ['express', 1000016, 'none'],
      ['express', 1109001, 'retry'],
      ['express', 1009002, 'none'],
      ['express', 1009013, 'none'],
      ['express', 1009015, 'retry'],
      ['system', 10001, 'update-wechat'],
      ['system', 10002, 'open-settings'],
      ['pusher', -1301, 'open-settings'],
      ['pusher', -1302, 'open-settings'],
      ['pusher', -1307, 'retry'],
      ['pusher', 3005, 'none'],
      ['pusher', 5000, 'retry'],
      ['pusher', 5001, 'retry'],
      ['pusher', 10001, 'open-settings'],
      ['pusher', 10002, 'open-settings'],
      ['player', -2301, 'retry'],
      ['player', 2101, 'none'],
      ['player', 2102, 'none'],
      ['player', 2008, 'none'],
    ];
    for (const [source, code, action] of expected) {
      const info = describeError(source, code);
      expect({ source, code, action: info.action, known: info.known }).toEqual({
        source,
        code,
        action,
        known: true,
      });
      expect(info.zh).not.toMatch(/\d{4}/);
      expect(info.en.length).toBeGreaterThan(3);
    }
  });

  it('covers the whole -1301…-1311 pusher range', () => {
    for (let code = -1311; code <= -1301; code += 1) expect(describeError('pusher', code).known).toBe(true);
  });

  it('keeps colliding namespaces apart: 10001 is "update WeChat" from the SDK, "camera refused" from the pusher', () => {
    expect(describeError('system', 10001).action).toBe('update-wechat');
    expect(describeError('pusher', 10001).action).toBe('open-settings');
    expect(describeError('express', 10001).known).toBe(false);
  });

  it('shows the code itself for an unknown code, in both languages', () => {
    const info = describeError('express', 1234567);
    expect(info.known).toBe(false);
    expect(info.zh).toContain('1234567');
    expect(info.en).toContain('1234567');
    expect(describeError('player', undefined).en).toContain('?');
    expect(describeError('express', '1002050').known).toBe(true);
  });

  it('every table entry has both languages', () => {
    for (const source of ['express', 'system', 'pusher', 'player'] as const) {
      for (const code of knownCodes(source)) {
        const info = describeError(source, code);
        expect(info.zh).not.toBe('');
        expect(info.en).not.toBe('');
      }
    }
  });

  it('describeFirstKnown tries each source in turn', () => {
    expect(describeFirstKnown(['express', 'pusher'], -1301).en).toBe('Could not open the camera');
    expect(describeFirstKnown(['express', 'pusher'], 1003072).source).toBe('express');
    expect(describeFirstKnown(['express', 'player'], 42)).toMatchObject({ source: 'express', known: false });
  });

  it('codeOf reads codes from SDK rejections', () => {
    expect(codeOf({ code: 1002078, msg: 'x' })).toBe(1002078);
    expect(codeOf({ code: '1002033' })).toBe(1002033);
    expect(codeOf(5001)).toBe(5001);
    expect(codeOf(new Error('x'))).toBeUndefined();
    expect(codeOf(null)).toBeUndefined();
  });
});

describe('CDN relay codes', () => {
  it('names the console setting for a relay the AppID does not have, and knows the SDK relay codes', () => {
    expect(describeError('relay', 1100999).en).toContain('enabled for this AppID');
    expect(describeError('relay', 1103055).zh).toContain('开播');
    expect(describeError('relay', 1000055).known).toBe(true);
    expect(describeError('relay', -1).known).toBe(true);
    // the same number means something else for the room itself
    expect(describeError('express', 1103055).known).toBe(false);
    for (const code of knownCodes('relay')) {
      expect(describeError('relay', code).zh).not.toBe('');
      expect(describeError('relay', code).en).not.toBe('');
    }
  });
});
