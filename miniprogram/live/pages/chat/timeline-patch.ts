/**
 * A timeline change → the smallest setData patch. Pure (no wx, no page), so the rule "appending one
 * message writes one path" is tested here directly and measured by `npm run bench:chat`.
 */
import type { Lang } from '../../../core/i18n';
import type { ChatMessage, TimelineChange } from '../../services/chat/types';
import { stateText, toMessageView, toMessageViews, type MessageView } from './view-model';

export interface ListState {
  messages: readonly MessageView[];
  newCount: number;
  historyLoading: boolean;
}

export interface PatchContext {
  lang: Lang;
  now: number;
  /** The reader is at the newest message: follow new ones instead of counting them in the pill. */
  atBottom: boolean;
}

export type Patch = Record<string, unknown>;

/** `list` is the conversation's full timeline after the change. Returns null when nothing visible changed. */
export function patchForChange(
  change: TimelineChange,
  list: readonly ChatMessage[],
  state: ListState,
  ctx: PatchContext,
): Patch | null {
  if (change.type === 'append') {
    const patch: Patch = {};
    let fromOthers = 0;
    change.messages.forEach((message, i) => {
      const index = change.from + i;
      patch[`messages[${index}]`] = toMessageView(message, index, list[index - 1], ctx.lang, ctx.now);
      if (!message.mine) fromOthers += 1;
    });
    const last = change.from + change.messages.length - 1;
    if (ctx.atBottom || fromOthers === 0) {
      // My own message always brings the view down; so does anything while the reader is there.
      patch.scrollInto = `msg${last}`;
      if (state.newCount !== 0) patch.newCount = 0;
    } else {
      patch.newCount = state.newCount + fromOthers;
    }
    if (state.historyLoading) patch.historyLoading = false;
    return patch;
  }

  if (change.type === 'update') {
    const current = state.messages[change.index];
    if (current === undefined || current.key !== change.message.key) {
      return { messages: toMessageViews(list, ctx.lang, ctx.now) }; // out of step: resync once
    }
    const patch: Patch = {};
    const prefix = `messages[${change.index}]`;
    const text = stateText(change.message, ctx.lang);
    if (current.state !== change.message.state) patch[`${prefix}.state`] = change.message.state;
    if (current.stateText !== text) patch[`${prefix}.stateText`] = text;
    if (current.text !== change.message.text) patch[`${prefix}.text`] = change.message.text;
    return Object.keys(patch).length > 0 ? patch : null;
  }

  // Reset: older history merged in, or the order changed. The reader stays where they were: at the
  // bottom, or on the message that was first on screen before the older page arrived.
  const views = toMessageViews(change.messages, ctx.lang, ctx.now);
  const patch: Patch = { messages: views };
  if (state.historyLoading) patch.historyLoading = false;
  if (ctx.atBottom) {
    if (views.length > 0) patch.scrollInto = `msg${views.length - 1}`;
  } else {
    const previousFirst = state.messages[0]?.key;
    const at = views.findIndex((v) => v.key === previousFirst);
    if (at > 0) patch.scrollInto = `msg${at}`;
  }
  return patch;
}
