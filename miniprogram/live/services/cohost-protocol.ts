/**
 * The co-hosting conversation, as ZIM peer command messages (JSON, see chat/command-codec.ts). Pure:
 * no wx, no SDK. Every message names its room, so a late message from another room is ignored, and a
 * request/invitation carries a requestID, so a repeat or a stale answer is recognised.
 *
 *   audience → host   cohost.request {requestID, userName}      "may I go on camera?"
 *   host → audience   cohost.invite  {requestID, userName}      "come on camera?"
 *   audience → host   cohost.reply   {requestID, answer}        accept | decline | busy (to an invite)
 *   host → audience   cohost.grant   {requestID}                approved at the token service: fetch a cohost token, publish
 *   host → audience   cohost.refuse  {requestID, reason}        declined | full | busy | timeout | host-left | failed
 *   either            cohost.cancel  {requestID}                the asker withdraws
 *   either            cohost.end     {reason}                   left | removed | host-left | room-ended
 *   host → co-host    cohost.mute    {}                         please mute
 */

export type RefuseReason = 'declined' | 'full' | 'busy' | 'timeout' | 'host-left' | 'failed';
export type EndReason = 'left' | 'removed' | 'host-left' | 'room-ended';
export type ReplyAnswer = 'accept' | 'decline' | 'busy';

export type CohostMessage =
  | { type: 'cohost.request'; roomID: string; requestID: string; userName: string }
  | { type: 'cohost.invite'; roomID: string; requestID: string; userName: string }
  | { type: 'cohost.reply'; roomID: string; requestID: string; answer: ReplyAnswer }
  | { type: 'cohost.grant'; roomID: string; requestID: string }
  | { type: 'cohost.refuse'; roomID: string; requestID: string; reason: RefuseReason }
  | { type: 'cohost.cancel'; roomID: string; requestID: string }
  | { type: 'cohost.end'; roomID: string; reason: EndReason }
  | { type: 'cohost.mute'; roomID: string };

const REFUSE: ReadonlySet<string> = new Set(['declined', 'full', 'busy', 'timeout', 'host-left', 'failed']);
const END: ReadonlySet<string> = new Set(['left', 'removed', 'host-left', 'room-ended']);
const ANSWER: ReadonlySet<string> = new Set(['accept', 'decline', 'busy']);
const MAX_NAME_CHARS = 32;

const str = (v: unknown, max = 64): v is string => typeof v === 'string' && v.length > 0 && v.length <= max;

/** A command payload from a peer, checked field by field; anything else is null. */
export function parseCohostMessage(payload: unknown): CohostMessage | null {
  if (typeof payload !== 'object' || payload === null) return null;
  const p = payload as Record<string, unknown>;
  const { type, roomID, requestID } = p;
  if (typeof type !== 'string' || !str(roomID)) return null;
  const withRequest = str(requestID);
  switch (type) {
    case 'cohost.request':
    case 'cohost.invite': {
      if (!withRequest) return null;
      const userName =
        typeof p.userName === 'string' ? Array.from(p.userName).slice(0, MAX_NAME_CHARS).join('') : '';
      return { type, roomID, requestID, userName };
    }
    case 'cohost.reply':
      return withRequest && typeof p.answer === 'string' && ANSWER.has(p.answer)
        ? { type, roomID, requestID, answer: p.answer as ReplyAnswer }
        : null;
    case 'cohost.grant':
    case 'cohost.cancel':
      return withRequest ? { type, roomID, requestID } : null;
    case 'cohost.refuse':
      return withRequest && typeof p.reason === 'string' && REFUSE.has(p.reason)
        ? { type, roomID, requestID, reason: p.reason as RefuseReason }
        : null;
    case 'cohost.end':
      return typeof p.reason === 'string' && END.has(p.reason)
        ? { type, roomID, reason: p.reason as EndReason }
        : null;
    case 'cohost.mute':
      return { type, roomID };
    default:
      return null;
  }
}

/** How signalling reaches the other side; ZIM peer commands in the app, an in-memory bus in tests. */
export interface CohostSignal {
  send(toUserID: string, message: CohostMessage): Promise<void>;
  on(handler: (fromUserID: string, message: CohostMessage) => void): () => void;
}
