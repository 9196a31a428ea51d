/**
 * RoomChat over Express barrage messages (sendBarrageMessage / IMRecvBarrageMessage): the comment
 * overlay works before the ZIM room messaging lands, and is swapped out in room-deps.ts then.
 */
import { describeError } from '../../core/errors';
import { Emitter } from './emitter';
import { utf8Length } from './media-info';
import type { RoomChat, RoomChatEvents, RoomComment } from './room-chat';
import type { RoomService } from './room-service';

/** Express barrage messages are at most 1 KB (1009002 beyond). */
const MAX_BYTES = 1024;

export class BarrageRoomChat implements RoomChat {
  private readonly events = new Emitter<RoomChatEvents>();
  private readonly mine = new Map<string, RoomComment>();
  private unsubscribe: (() => void) | null = null;
  private seq = 0;

  constructor(
    private readonly service: RoomService,
    private readonly self: { userID: string; userName: string },
  ) {}

  async enter(): Promise<void> {
    if (this.unsubscribe !== null) return;
    this.unsubscribe = this.service.on('barrage', (m) => {
      if (m.userID === this.self.userID) return;
      this.events.emit('comment', {
        id: m.id,
        fromUserID: m.userID,
        fromUserName: m.userName,
        text: m.text,
        timestamp: m.sentAt,
        mine: false,
        state: 'sent',
      });
    });
  }

  async leave(): Promise<void> {
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.events.clear();
    this.mine.clear();
  }

  send(text: string): RoomComment {
    const trimmed = text.trim();
    if (trimmed === '') throw new Error('empty comment');
    if (utf8Length(trimmed) > MAX_BYTES) throw describeError('express', 1009002);
    this.seq += 1;
    const comment: RoomComment = {
      id: `local-${this.seq}`,
      fromUserID: this.self.userID,
      fromUserName: this.self.userName,
      text: trimmed,
      timestamp: Date.now(),
      mine: true,
      state: 'sending',
    };
    this.mine.set(comment.id, comment);
    this.deliver(comment);
    return { ...comment };
  }

  retry(commentID: string): void {
    const comment = this.mine.get(commentID);
    if (comment === undefined || comment.state !== 'failed') return;
    comment.state = 'sending';
    this.events.emit('commentState', { ...comment });
    this.deliver(comment);
  }

  on<K extends keyof RoomChatEvents>(event: K, handler: RoomChatEvents[K]): () => void {
    return this.events.on(event, handler);
  }

  private deliver(comment: RoomComment): void {
    this.service.sendBarrage(comment.text).then(
      () => this.settle(comment, 'sent'),
      () => this.settle(comment, 'failed'),
    );
  }

  private settle(comment: RoomComment, state: 'sent' | 'failed'): void {
    if (!this.mine.has(comment.id)) return;
    comment.state = state;
    this.events.emit('commentState', { ...comment });
  }
}
