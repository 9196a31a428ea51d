import type { RoomChat, RoomChatEvents, RoomComment } from '../../miniprogram/live/services/room-chat';

/** A RoomChat the tests drive: `receive` delivers a comment; sends are recorded. */
export class FakeRoomChat implements RoomChat {
  readonly sent: string[] = [];
  entered: string | null = null;
  left = 0;
  private readonly handlers: { [K in keyof RoomChatEvents]: Set<RoomChatEvents[K]> } = {
    comment: new Set(),
    commentState: new Set(),
    member: new Set(),
  };

  async enter(roomID: string): Promise<void> {
    this.entered = roomID;
  }

  async leave(): Promise<void> {
    this.left += 1;
    for (const set of Object.values(this.handlers)) set.clear();
  }

  send(text: string): RoomComment {
    if (text.trim() === '') throw new Error('empty');
    this.sent.push(text);
    const comment: RoomComment = {
      id: `c${this.sent.length}`,
      fromUserID: 'me',
      fromUserName: 'me',
      text,
      timestamp: 0,
      mine: true,
      state: 'sending',
    };
    queueMicrotask(() => {
      for (const handler of this.handlers.commentState) handler({ ...comment, state: 'sent' });
    });
    return comment;
  }

  retry(): void {}

  on<K extends keyof RoomChatEvents>(event: K, handler: RoomChatEvents[K]): () => void {
    const set = this.handlers[event] as Set<RoomChatEvents[K]>;
    set.add(handler);
    return () => set.delete(handler);
  }

  receive(text: string, fromUserName = 'Ann'): void {
    const comment: RoomComment = {
      id: `r${Math.random()}`,
      fromUserID: fromUserName,
      fromUserName,
      text,
      timestamp: 0,
      mine: false,
      state: 'sent',
    };
    for (const handler of this.handlers.comment) handler(comment);
  }

  listenerCount(): number {
    return Object.values(this.handlers).reduce((sum, set) => sum + set.size, 0);
  }
}
