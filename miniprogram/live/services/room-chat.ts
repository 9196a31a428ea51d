/**
 * The live room's comment channel. The room page only knows this interface; ChatService (ZIM room
 * messaging) implements it. Pure types: no SDK import.
 */

export interface RoomComment {
  /** Unique per message; used to de-duplicate replays after a reconnect. */
  id: string;
  fromUserID: string;
  fromUserName: string;
  text: string;
  /** Unix milliseconds. */
  timestamp: number;
  mine: boolean;
  state: 'sending' | 'sent' | 'failed';
}

export interface RoomMemberNotice {
  kind: 'joined' | 'left';
  userID: string;
  userName: string;
}

export interface RoomChatEvents {
  comment: (comment: RoomComment) => void;
  /** A comment of mine changed state (sending → sent | failed). */
  commentState: (comment: RoomComment) => void;
  member: (notice: RoomMemberNotice) => void;
}

export interface RoomChat {
  /** Joins the room's comment channel (creates it if missing). */
  enter(roomID: string, roomName?: string): Promise<void>;
  leave(): Promise<void>;
  /** Validates, queues and sends; the returned comment starts in 'sending'. Throws a user-facing error for bad input. */
  send(text: string): RoomComment;
  retry(commentID: string): void;
  on<K extends keyof RoomChatEvents>(event: K, handler: RoomChatEvents[K]): () => void;
}
