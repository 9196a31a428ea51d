import { patchForChange, type ListState } from '../../miniprogram/live/pages/chat/timeline-patch';
import { toMessageViews } from '../../miniprogram/live/pages/chat/view-model';
import type { ChatMessage } from '../../miniprogram/live/services/chat/types';

const NOW = Date.UTC(2026, 2, 1, 8);

function msg(n: number, extra: Partial<ChatMessage> = {}): ChatMessage {
  return {
    key: `m:${n}`,
    messageID: String(n),
    conversationID: 'bob',
    kind: 'peer',
    fromUserID: 'bob',
    mine: false,
    text: `t${n}`,
    timestamp: NOW - 100_000 + n * 1000,
    state: 'sent',
    ...extra,
  };
}

function stateOf(list: ChatMessage[], extra: Partial<ListState> = {}): ListState {
  return { messages: toMessageViews(list, 'en', NOW), newCount: 0, historyLoading: false, ...extra };
}

describe('patchForChange', () => {
  const history = Array.from({ length: 50 }, (_, i) => msg(i));

  it('an appended message at the bottom is one path plus the scroll target, whatever the list length', () => {
    const next = msg(50);
    const patch = patchForChange(
      { type: 'append', from: 50, messages: [next] },
      [...history, next],
      stateOf(history),
      {
        lang: 'en',
        now: NOW,
        atBottom: true,
      },
    );
    expect(Object.keys(patch ?? {})).toEqual(['messages[50]', 'scrollInto']);
    expect(patch?.['messages[50]']).toMatchObject({ key: 'm:50', domID: 'msg50', timeLabel: '' });
  });

  it('while the reader is scrolled up, messages from others count in the pill; my own still scroll down', () => {
    const theirs = msg(50);
    const up = { lang: 'en' as const, now: NOW, atBottom: false };
    expect(
      patchForChange(
        { type: 'append', from: 50, messages: [theirs] },
        [...history, theirs],
        stateOf(history, { newCount: 2 }),
        up,
      ),
    ).toEqual({
      'messages[50]': expect.any(Object),
      newCount: 3,
    });
    const mine = msg(50, { mine: true, state: 'sending' });
    expect(
      patchForChange(
        { type: 'append', from: 50, messages: [mine] },
        [...history, mine],
        stateOf(history, { newCount: 2 }),
        up,
      ),
    ).toEqual({ 'messages[50]': expect.any(Object), scrollInto: 'msg50', newCount: 0 });
  });

  it('a state change writes only that message’s changed fields; no change writes nothing', () => {
    const sending = [...history, msg(50, { mine: true, state: 'sending' })];
    const sent = { ...sending[50], state: 'sent' } as ChatMessage;
    const ctx = { lang: 'en' as const, now: NOW, atBottom: true };
    expect(
      patchForChange({ type: 'update', index: 50, message: sent }, [...history, sent], stateOf(sending), ctx),
    ).toEqual({
      'messages[50].state': 'sent',
      'messages[50].stateText': '',
    });
    expect(
      patchForChange(
        { type: 'update', index: 50, message: sent },
        [...history, sent],
        stateOf([...history, sent]),
        ctx,
      ),
    ).toBeNull();
  });

  it('older history merged in keeps the reader on the message that was first on screen', () => {
    const older = [msg(-2), msg(-1)];
    const patch = patchForChange(
      { type: 'reset', messages: [...older, ...history] },
      [...older, ...history],
      stateOf(history),
      {
        lang: 'en',
        now: NOW,
        atBottom: false,
      },
    );
    expect((patch?.messages as unknown[]).length).toBe(52);
    expect(patch?.scrollInto).toBe('msg2');
  });
});
