/**
 * What ChatService hands to pages: plain data, no SDK types, so pages never see ZIM.
 */
import type { Bilingual } from '../../../core/i18n';
import type { CommandPayload } from './command-codec';

export type ConversationKind = 'peer' | 'room';

export type SendState = 'sending' | 'sent' | 'failed';

export interface ChatMessage {
  /** Stable for the message's whole life (local ID for mine, server ID for others'): the list's wx:key. */
  key: string;
  /** The server's ID once known; de-duplication runs on it. */
  messageID: string;
  conversationID: string;
  kind: ConversationKind;
  fromUserID: string;
  mine: boolean;
  text: string;
  /** Unix milliseconds. */
  timestamp: number;
  state: SendState;
  /** Why it failed, in words, when state is 'failed'. */
  error?: Bilingual;
}

export interface ConversationSummary {
  conversationID: string;
  kind: ConversationKind;
  name: string;
  lastText: string;
  /** Unix milliseconds of the last message; 0 when there is none. */
  lastTime: number;
  unread: number;
}

export type ConnectionStatus = 'disconnected' | 'connecting' | 'connected' | 'reconnecting';

/**
 * Why the connection is what it is. kicked_out and token_expired end the session: the service
 * will not log in again by itself, the user has to ask.
 */
export type ConnectionReason =
  'none' | 'network' | 'kicked_out' | 'token_expired' | 'login_failed' | 'logged_out' | 'not_configured';

export interface ConnectionInfo {
  status: ConnectionStatus;
  reason: ConnectionReason;
  /** True when the session has ended and only the user can start it again. */
  stopped: boolean;
  message?: Bilingual;
}

/** How one conversation's message list changed: pages turn each into the smallest setData. */
export type TimelineChange =
  | { type: 'append'; from: number; messages: ChatMessage[] }
  | { type: 'update'; index: number; message: ChatMessage }
  | { type: 'reset'; messages: ChatMessage[] };

export interface ReceivedCommand {
  fromUserID: string;
  payload: CommandPayload;
  timestamp: number;
}

export interface RoomMemberEvent {
  roomID: string;
  kind: 'joined' | 'left';
  userID: string;
  userName: string;
}

export interface ChatEvents {
  connection: (info: ConnectionInfo) => void;
  conversations: (list: ConversationSummary[]) => void;
  /** A conversation's timeline changed (new, updated or merged messages). */
  timeline: (conversationID: string, kind: ConversationKind, change: TimelineChange) => void;
  /** A message arrived from someone else (for notifications / pills). */
  received: (message: ChatMessage) => void;
  command: (command: ReceivedCommand) => void;
  roomMember: (event: RoomMemberEvent) => void;
  /** Something the user should read (a failed send's reason, a session that ended). */
  notice: (message: Bilingual) => void;
}
