/**
 * One conversation's messages: de-duplicated by ID (reconnects and history pages replay messages),
 * ordered by timestamp. Every change is reported as the smallest TimelineChange so the page can
 * `setData` one path when a message is appended, not the whole list.
 */
import type { ChatMessage, TimelineChange } from './types';

/** Sort key: timestamp, then a stable tiebreak so equal times keep a deterministic order. */
function compare(a: ChatMessage, b: ChatMessage): number {
  if (a.timestamp !== b.timestamp) return a.timestamp - b.timestamp;
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

/** Pure merge for history pages: union by messageID (or key), sorted by timestamp. Existing entries win. */
export function mergeMessages(
  existing: readonly ChatMessage[],
  incoming: readonly ChatMessage[],
): ChatMessage[] {
  const seen = new Set<string>();
  const out: ChatMessage[] = [];
  for (const message of [...existing, ...incoming]) {
    const ids = identities(message);
    if (ids.some((id) => seen.has(id))) continue;
    ids.forEach((id) => seen.add(id));
    out.push(message);
  }
  return out.sort(compare);
}

function identities(message: ChatMessage): string[] {
  const ids = [`k:${message.key}`];
  if (message.messageID !== '') ids.push(`m:${message.messageID}`);
  return ids;
}

export class Timeline {
  private messages: ChatMessage[] = [];
  private readonly byIdentity = new Map<string, ChatMessage>();

  list(): readonly ChatMessage[] {
    return this.messages;
  }

  get size(): number {
    return this.messages.length;
  }

  oldest(): ChatMessage | undefined {
    return this.messages[0];
  }

  has(message: Pick<ChatMessage, 'key' | 'messageID'>): boolean {
    return this.find(message) !== undefined;
  }

  private find(message: Pick<ChatMessage, 'key' | 'messageID'>): ChatMessage | undefined {
    return (
      this.byIdentity.get(`k:${message.key}`) ??
      (message.messageID !== '' ? this.byIdentity.get(`m:${message.messageID}`) : undefined)
    );
  }

  private index(message: ChatMessage): void {
    for (const id of identities(message)) this.byIdentity.set(id, message);
  }

  /** Adds messages not seen before. Returns null when nothing changed. */
  add(incoming: readonly ChatMessage[]): TimelineChange | null {
    const fresh: ChatMessage[] = [];
    for (const message of incoming) {
      if (
        this.find(message) !== undefined ||
        fresh.some((m) => identities(m).some((id) => identities(message).includes(id)))
      ) {
        continue;
      }
      fresh.push(message);
    }
    if (fresh.length === 0) return null;
    fresh.sort(compare);
    const last = this.messages[this.messages.length - 1];
    const first = fresh[0] as ChatMessage;
    fresh.forEach((m) => this.index(m));
    if (last === undefined || compare(last, first) <= 0) {
      const from = this.messages.length;
      this.messages.push(...fresh);
      return { type: 'append', from, messages: fresh };
    }
    // Older or interleaved messages (history page, late delivery): the order changes, so send the list.
    this.messages = [...this.messages, ...fresh].sort(compare);
    return { type: 'reset', messages: this.messages.slice() };
  }

  /**
   * Replaces a message found by key (my message's state or server ID changing). Its timestamp may move
   * (the server's time replaces the local one), so the list is re-sorted only when the order breaks.
   */
  update(key: string, patch: Partial<ChatMessage>): TimelineChange | null {
    const current = this.byIdentity.get(`k:${key}`);
    if (current === undefined) return null;
    const keys = Object.keys(patch) as (keyof ChatMessage)[];
    if (keys.every((k) => current[k] === patch[k])) return null; // nothing the user could see changed
    const at = this.messages.indexOf(current);
    const next: ChatMessage = { ...current, ...patch, key: current.key };
    if (next.messageID !== '' && next.messageID !== current.messageID) {
      const clash = this.byIdentity.get(`m:${next.messageID}`);
      if (clash !== undefined && clash !== current) {
        // The server's copy already arrived (e.g. a replay): keep mine, drop the duplicate.
        this.messages = this.messages.filter((m) => m !== clash);
      }
    }
    this.messages = this.messages.map((m) => (m === current ? next : m));
    this.index(next);
    const newAt = this.messages.indexOf(next);
    const prev = this.messages[newAt - 1];
    const after = this.messages[newAt + 1];
    const inOrder =
      (prev === undefined || compare(prev, next) <= 0) && (after === undefined || compare(next, after) <= 0);
    if (inOrder && newAt === at) return { type: 'update', index: newAt, message: next };
    this.messages.sort(compare);
    return { type: 'reset', messages: this.messages.slice() };
  }

  get(key: string): ChatMessage | undefined {
    return this.byIdentity.get(`k:${key}`);
  }
}
