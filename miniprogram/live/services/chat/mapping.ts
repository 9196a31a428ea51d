/**
 * ZIM's shapes → the plain data pages see. Type-only SDK import; every field is read defensively
 * because received objects come from the network.
 */
import type { ZIMConversation, ZIMMessage } from 'zego-zim-miniprogram';
import { ZimConversationType, ZimMessageType } from '../../../core/zim-codes';
import type { ChatMessage, ConversationKind, ConversationSummary } from './types';

export function kindOf(conversationType: unknown): ConversationKind | null {
  if (conversationType === ZimConversationType.Peer) return 'peer';
  if (conversationType === ZimConversationType.Room) return 'room';
  return null;
}

export function conversationTypeOf(kind: ConversationKind): 0 | 1 {
  return kind === 'peer' ? ZimConversationType.Peer : ZimConversationType.Room;
}

export function timelineKey(kind: ConversationKind, conversationID: string): string {
  return `${kind}:${conversationID}`;
}

function textOf(message: ZIMMessage): string | null {
  const body = (message as { message?: unknown }).message;
  return message.type === ZimMessageType.Text && typeof body === 'string' ? body : null;
}

/**
 * The ID a message is de-duplicated by: ZIM's messageID. Should one ever arrive without it, a stand-in
 * from what identifies it on the sender's side, so it is shown (once) rather than dropped.
 */
function identityOf(message: ZIMMessage, text: string, timestamp: number): string {
  if (message.messageID !== undefined && String(message.messageID) !== '') return String(message.messageID);
  const local = message.localMessageID ?? message.messageSeq ?? '';
  return `x:${message.senderUserID ?? ''}:${String(local)}:${timestamp}:${text.length}:${text.slice(0, 16)}`;
}

/** A received or queried text message; null for other types or broken ones. */
export function toChatMessage(
  message: ZIMMessage,
  conversationID: string,
  kind: ConversationKind,
  myUserID: string,
  /** Used when the message carries no timestamp (arrival time). */
  fallbackTime = 0,
): ChatMessage | null {
  const text = textOf(message);
  if (text === null || typeof message.senderUserID !== 'string') return null;
  const timestamp = typeof message.timestamp === 'number' ? message.timestamp : fallbackTime;
  const messageID = identityOf(message, text, timestamp);
  return {
    key: `m:${messageID}`,
    messageID,
    conversationID,
    kind,
    fromUserID: message.senderUserID,
    mine: message.senderUserID === myUserID,
    text,
    timestamp,
    state: 'sent',
  };
}

export function previewOf(message: ZIMMessage | undefined): string {
  if (message === undefined) return '';
  const text = textOf(message);
  if (text !== null) return text.length > 60 ? `${text.slice(0, 60)}…` : text;
  return message.type === ZimMessageType.Command ? '' : '[…]';
}

export function toSummary(conversation: ZIMConversation): ConversationSummary | null {
  const kind = kindOf(conversation.type);
  if (kind !== 'peer' || typeof conversation.conversationID !== 'string') return null;
  const last = conversation.lastMessage;
  return {
    conversationID: conversation.conversationID,
    kind,
    name: conversation.conversationName || conversation.conversationID,
    lastText: previewOf(last),
    lastTime: typeof last?.timestamp === 'number' ? last.timestamp : 0,
    unread: Math.max(0, Number(conversation.unreadMessageCount) || 0),
  };
}
