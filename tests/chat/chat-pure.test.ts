import {
  describeZimError,
  isConnectionProblem,
  isRateLimited,
  zimErrorCode,
} from '../../miniprogram/core/zim-errors';
import { decodeCommand, encodeCommand } from '../../miniprogram/live/services/chat/command-codec';
import {
  checkCommandBytes,
  checkText,
  clampTextLimit,
  counterFor,
} from '../../miniprogram/live/services/chat/message-validation';
import { toChatMessage } from '../../miniprogram/live/services/chat/mapping';
import { mergeMessages, Timeline } from '../../miniprogram/live/services/chat/timeline';
import type { ChatMessage } from '../../miniprogram/live/services/chat/types';
import { decodeUtf8, encodeUtf8, utf8ByteLength } from '../../miniprogram/live/services/chat/utf8';

function msg(id: string, timestamp: number, extra: Partial<ChatMessage> = {}): ChatMessage {
  return {
    key: `m:${id}`,
    messageID: id,
    conversationID: 'bob',
    kind: 'peer',
    fromUserID: 'bob',
    mine: false,
    text: id,
    timestamp,
    state: 'sent',
    ...extra,
  };
}

describe('utf8', () => {
  it('counts and round-trips bytes like Node does', () => {
    for (const text of ['', 'abc', 'héllo', '你好', '😀 emoji', 'a\u{10ffff}b']) {
      expect(utf8ByteLength(text)).toBe(Buffer.byteLength(text, 'utf8'));
      expect(Array.from(encodeUtf8(text))).toEqual(Array.from(Buffer.from(text, 'utf8')));
      expect(decodeUtf8(encodeUtf8(text))).toBe(text);
    }
  });
  it('rejects invalid UTF-8', () => {
    expect(decodeUtf8([0xff])).toBeNull();
    expect(decodeUtf8([0xe4, 0xbd])).toBeNull(); // truncated
    expect(decodeUtf8([0xc0, 0x80])).toBeNull(); // overlong
    expect(decodeUtf8([0xed, 0xa0, 0x80])).toBeNull(); // surrogate
  });
});

describe('message validation', () => {
  it('trims, rejects empty, counts UTF-8 bytes against 2 KB by default', () => {
    expect(checkText('  hi  ')).toEqual({ ok: true, text: 'hi', bytes: 2 });
    expect(checkText(' \n\t ')).toMatchObject({ ok: false, problem: 'empty' });
    expect(checkText('a'.repeat(2048))).toMatchObject({ ok: true });
    expect(checkText('a'.repeat(2049))).toMatchObject({
      ok: false,
      problem: 'too_long',
      bytes: 2049,
      limit: 2048,
    });
    expect(checkText('你'.repeat(683))).toMatchObject({ ok: false, bytes: 2049 });
  });
  it('takes a configured limit up to 32 KB and no further', () => {
    expect(checkText('a'.repeat(10_000), 16 * 1024)).toMatchObject({ ok: true });
    expect(clampTextLimit(64 * 1024)).toBe(32 * 1024);
    expect(checkText('a'.repeat(32 * 1024 + 1), 64 * 1024)).toMatchObject({ ok: false, limit: 32 * 1024 });
  });
  it('limits commands to 5 KB', () => {
    expect(checkCommandBytes(new Uint8Array(5 * 1024))).toEqual({ ok: true, bytes: 5120 });
    expect(checkCommandBytes(new Uint8Array(5 * 1024 + 1))).toMatchObject({ ok: false, problem: 'too_long' });
    expect(checkCommandBytes(new Uint8Array(0))).toMatchObject({ ok: false, problem: 'empty' });
  });
  it('shows the counter only near the limit', () => {
    expect(counterFor('a'.repeat(100))).toMatchObject({ show: false });
    expect(counterFor('a'.repeat(1700))).toEqual({ show: true, text: '1700/2048', over: false });
    expect(counterFor('a'.repeat(2100))).toMatchObject({ show: true, over: true });
  });
});

describe('command codec', () => {
  it('round-trips a JSON command', () => {
    const bytes = encodeCommand({ type: 'cohost.invite', roomID: 'r1', n: 2 });
    expect(decodeCommand(bytes)).toEqual({ type: 'cohost.invite', roomID: 'r1', n: 2 });
    expect(decodeCommand(Array.from(bytes))).toEqual({ type: 'cohost.invite', roomID: 'r1', n: 2 });
  });
  it('ignores and logs malformed input instead of throwing', () => {
    const logged: string[] = [];
    const log = (m: string) => logged.push(m);
    for (const raw of [
      encodeUtf8('{nope'),
      encodeUtf8('"text"'),
      encodeUtf8('{"no":"type"}'),
      new Uint8Array([0xff]),
      'a string',
      null,
      [300],
    ]) {
      expect(decodeCommand(raw, log)).toBeNull();
    }
    expect(logged).toHaveLength(7);
  });
});

describe('history merge', () => {
  it('dedupes by ID and orders by timestamp', () => {
    const merged = mergeMessages([msg('b', 20), msg('c', 30)], [msg('a', 10), msg('b', 20), msg('d', 25)]);
    expect(merged.map((m) => m.messageID)).toEqual(['a', 'b', 'd', 'c']);
  });

  it('Timeline reports an append for newer messages and a reset for older ones', () => {
    const t = new Timeline();
    expect(t.add([msg('a', 10), msg('b', 20)])).toMatchObject({ type: 'append', from: 0 });
    expect(t.add([msg('c', 30)])).toEqual({ type: 'append', from: 2, messages: [msg('c', 30)] });
    expect(t.add([msg('c', 30), msg('b', 20)])).toBeNull();
    const older = t.add([msg('z', 5)]);
    expect(older?.type).toBe('reset');
    expect(t.list().map((m) => m.messageID)).toEqual(['z', 'a', 'b', 'c']);
  });

  it('an update of my message in place is one index; the server copy arriving first is not duplicated', () => {
    const t = new Timeline();
    t.add([msg('a', 10)]);
    t.add([msg('', 20, { key: 'l:1', mine: true, state: 'sending' })]);
    expect(t.update('l:1', { state: 'sent', messageID: 'srv1', timestamp: 21 })).toMatchObject({
      type: 'update',
      index: 1,
    });
    expect(t.add([msg('srv1', 21)])).toBeNull();
    expect(t.size).toBe(2);
  });
});

describe('ZIM error table', () => {
  it('maps codes to words and actions', () => {
    expect(describeZimError(6000106)).toMatchObject({ action: 'relogin', known: true });
    expect(describeZimError(6000106).en).toMatch(/expired/);
    expect(describeZimError(123)).toMatchObject({ known: false, en: 'Chat error (code 123)' });
    expect(isRateLimited(6000004) && isRateLimited(6000005)).toBe(true);
    expect(isRateLimited(6000001)).toBe(false);
    expect(isConnectionProblem(6000104)).toBe(true);
    expect(isConnectionProblem(6000001)).toBe(false);
    expect(zimErrorCode({ code: 6000121, message: 'x' })).toBe(6000121);
    expect(zimErrorCode({ code: '6000121' })).toBe(6000121);
    expect(zimErrorCode(new Error('x'))).toBe(1);
  });
});

describe('mapping received messages', () => {
  it('keeps a text message that arrives without a messageID (once) and dates it on arrival', () => {
    const raw = { type: 1, message: 'hi', senderUserID: 'bob', localMessageID: '7' } as never;
    const a = toChatMessage(raw, 'bob', 'peer', 'alice', 5000);
    const b = toChatMessage(raw, 'bob', 'peer', 'alice', 5000);
    expect(a).toMatchObject({ text: 'hi', timestamp: 5000, mine: false });
    expect(a?.messageID).toBe(b?.messageID);
    expect(toChatMessage({ type: 2, message: new Uint8Array() } as never, 'bob', 'peer', 'alice')).toBeNull();
  });
});
