/**
 * The live room's comment channel over ZIM room messaging (ChatService). Drop-in for the room page's
 * RoomChat: `send` validates and queues through ChatService's rate-limited queue, comments from
 * others arrive once each (replays de-duplicated), my comments report sending → sent | failed.
 */
import type { ChatService } from './chat-service';
import { ChatInputError } from './chat-service';
import { Emitter } from './emitter';
import type { ChatMessage } from './chat/types';
import type { RoomChat, RoomChatEvents, RoomComment } from './room-chat';

export class ZimRoomChat implements RoomChat {
  private readonly events = new Emitter<RoomChatEvents>('room chat');
  private readonly names = new Map<string, string>();
  private roomID: string | null = null;
  private unsubscribe: Array<() => void> = [];

  constructor(
    private readonly chat: ChatService,
    private readonly self: { userID: string; userName: string },
  ) {}

  async enter(roomID: string, roomName?: string): Promise<void> {
    this.stopListening();
    this.roomID = roomID;
    this.unsubscribe = [
      this.chat.on('received', (message) => {
        if (message.kind === 'room' && message.conversationID === this.roomID) {
          this.events.emit('comment', this.toComment(message));
        }
      }),
      this.chat.on('timeline', (conversationID, kind, change) => {
        if (kind !== 'room' || conversationID !== this.roomID || change.type !== 'update') return;
        if (change.message.mine) this.events.emit('commentState', this.toComment(change.message));
      }),
      this.chat.on('roomMember', (event) => {
        if (event.roomID !== this.roomID) return;
        this.names.set(event.userID, event.userName);
        this.events.emit('member', { kind: event.kind, userID: event.userID, userName: event.userName });
      }),
    ];
    await this.chat.enterRoom(roomID, roomName);
  }

  async leave(): Promise<void> {
    this.stopListening();
    this.roomID = null;
    await this.chat.leaveRoom();
  }

  send(text: string): RoomComment {
    if (this.roomID === null) {
      throw new ChatInputError({ zh: '尚未进入房间聊天', en: 'Not in the room chat yet' });
    }
    const result = this.chat.sendText(this.roomID, 'room', text);
    if (!result.ok) throw new ChatInputError(result.error);
    return this.toComment(result.message);
  }

  retry(commentID: string): void {
    this.chat.retry(commentID);
  }

  on<K extends keyof RoomChatEvents>(event: K, handler: RoomChatEvents[K]): () => void {
    return this.events.on(event, handler);
  }

  private stopListening(): void {
    this.unsubscribe.forEach((off) => off());
    this.unsubscribe = [];
  }

  private toComment(message: ChatMessage): RoomComment {
    const name = message.mine ? this.self.userName : this.names.get(message.fromUserID);
    return {
      id: message.key,
      fromUserID: message.fromUserID,
      fromUserName: name || message.fromUserID,
      text: message.text,
      timestamp: message.timestamp,
      mine: message.mine,
      state: message.state,
    };
  }
}
