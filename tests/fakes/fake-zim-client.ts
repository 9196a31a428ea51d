/**
 * One phone's ZIM instance against FakeZimCloud. Same method signatures and event callback shapes as
 * the real `ZIM` (zego-zim-miniprogram 2.29.0): on(name, (zim, data) => …), promises that reject with
 * {code, message}.
 */
import type {
  ZIMConversation,
  ZIMConversationType,
  ZIMEventHandler,
  ZIMLoginConfig,
  ZIMMessage,
  ZIMMessageQueryConfig,
  ZIMMessageSendConfig,
  ZIMRoomInfo,
} from 'zego-zim-miniprogram';
import type { FakeZimCloud, StoredMessage, ZimError } from './fake-zim-cloud';

const err = (code: number, message: string): ZimError => ({ code, message });

function utf8Bytes(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Listener = (...args: any[]) => void;

export class FakeZimClient {
  userID = '';
  userName = '';
  loggedIn = false;
  connected = false;
  /** Every method call, by name, for assertions. */
  readonly calls: string[] = [];
  private readonly listeners = new Map<string, Listener[]>();
  private tokenExpire = 0;
  private expiryTimers: ReturnType<typeof setTimeout>[] = [];
  private readonly sendTimes: number[] = [];
  private lastServerSend = -Infinity;
  private missed: {
    event: 'peerMessageReceived' | 'roomMessageReceived';
    from: string;
    list: StoredMessage[];
  }[] = [];
  private lastDelivered: {
    event: 'peerMessageReceived' | 'roomMessageReceived';
    from: string;
    list: StoredMessage[];
  } | null = null;
  private readonly rooms = new Set<string>();
  private localSeq = 0;

  constructor(
    private readonly cloud: FakeZimCloud,
    readonly appID: number,
  ) {}

  // ---- events ----

  on<K extends keyof ZIMEventHandler>(type: K, listener: ZIMEventHandler[K]): void {
    this.calls.push('on');
    if (typeof listener !== 'function') return;
    const list = this.listeners.get(type) ?? [];
    list.push(listener as Listener);
    this.listeners.set(type, list);
  }

  off<K extends keyof ZIMEventHandler>(type: K): void {
    this.calls.push('off');
    this.listeners.delete(type);
  }

  listenerCount(type: string): number {
    return this.listeners.get(type)?.length ?? 0;
  }

  private emit(type: keyof ZIMEventHandler, data: unknown): void {
    for (const listener of this.listeners.get(type) ?? []) listener(this, data);
  }

  private later<T>(fn: () => T): Promise<T> {
    return new Promise((resolve, reject) =>
      setTimeout(() => {
        try {
          resolve(fn());
        } catch (error) {
          reject(error as Error);
        }
      }, this.cloud.latencyMs),
    );
  }

  private requireSession(): void {
    if (!this.loggedIn) throw err(6000121, 'Not logged with call.');
  }

  private requireConnection(): void {
    this.requireSession();
    if (!this.connected) throw err(6000104, 'Network error.');
  }

  // ---- session ----

  login(userID: string, config: ZIMLoginConfig): Promise<void> {
    this.calls.push('login');
    this.cloud.countLogin(userID);
    const complete =
      typeof config?.token === 'string' &&
      typeof config.userName === 'string' &&
      typeof config.isOfflineLogin === 'boolean' &&
      typeof config.customStatus === 'string' &&
      typeof config.customStatusDuration === 'number';
    if (!complete) return Promise.reject(err(6000001, 'login config is incomplete'));
    if (this.loggedIn) return Promise.reject(err(6000111, 'User has already logged in.'));
    this.emit('connectionStateChanged', { state: 1, event: 1, extendedData: '' });
    return this.later(() => {
      const checked = this.cloud.checkToken(this.appID, userID, config.token);
      if ('code' in checked) {
        this.emit('connectionStateChanged', { state: 0, event: 0, extendedData: '' });
        throw checked;
      }
      this.userID = userID;
      this.userName = config.userName || userID;
      this.loggedIn = true;
      this.connected = true;
      this.cloud.attach(userID, this);
      this.scheduleExpiry(checked.expire);
      this.emit('connectionStateChanged', { state: 2, event: 0, extendedData: '' });
    });
  }

  logout(): void {
    this.calls.push('logout');
    if (!this.loggedIn) return;
    this.endSession(0);
  }

  renewToken(token: string): Promise<{ token: string }> {
    this.calls.push('renewToken');
    return this.later(() => {
      this.requireConnection();
      const checked = this.cloud.checkToken(this.appID, this.userID, token);
      if ('code' in checked) throw checked;
      this.scheduleExpiry(checked.expire);
      return { token };
    });
  }

  private scheduleExpiry(expire: number): void {
    this.expiryTimers.forEach(clearTimeout);
    this.tokenExpire = expire;
    const untilExpiry = expire * 1000 - Date.now();
    this.expiryTimers = [
      setTimeout(() => this.emit('tokenWillExpire', { second: 30 }), Math.max(0, untilExpiry - 30_000)),
      setTimeout(() => {
        if (this.loggedIn && this.tokenExpire === expire) this.endSession(5);
      }, untilExpiry),
    ];
  }

  /** Ends the session the way ZIM reports it: Disconnected with the given event (0 logout, 4 kicked, 5 token). */
  private endSession(event: number): void {
    this.expiryTimers.forEach(clearTimeout);
    this.loggedIn = false;
    this.connected = false;
    this.cloud.detach(this.userID, this);
    this.rooms.clear();
    this.emit('connectionStateChanged', { state: 0, event, extendedData: '' });
  }

  kick(): void {
    if (this.loggedIn) this.endSession(4);
  }

  /** ZIM gave up reconnecting: Disconnected with LoginInterrupted; the app must log in again. */
  giveUp(): void {
    if (this.loggedIn) this.endSession(3);
  }

  drop(): void {
    if (!this.connected) return;
    this.connected = false;
    this.emit('connectionStateChanged', { state: 3, event: 3, extendedData: '' });
  }

  restore(): void {
    if (!this.loggedIn || this.connected) return;
    this.connected = true;
    this.emit('connectionStateChanged', { state: 2, event: 0, extendedData: '' });
    // Reconnects replay: the last batch seen before the drop comes again, then what was missed.
    const replay = this.lastDelivered === null ? [] : [this.lastDelivered];
    const missed = this.missed.splice(0);
    for (const batch of [...replay, ...missed]) this.deliver(batch.event, batch.from, batch.list);
  }

  // ---- messages ----

  sendMessage(
    message: ZIMMessage,
    toConversationID: string,
    conversationType: ZIMConversationType,
    config: ZIMMessageSendConfig,
  ): Promise<{ message: ZIMMessage }> {
    this.calls.push('sendMessage');
    const now = Date.now();
    // SDK-side frequency check, before anything goes out.
    while (this.sendTimes.length > 0 && (this.sendTimes[0] as number) <= now - 1000) this.sendTimes.shift();
    if (this.loggedIn && this.sendTimes.length >= 10) {
      this.cloud.rateLimitErrors.push({ userID: this.userID, code: 6000004 });
      return Promise.reject(err(6000004, 'SDK frequency limit.'));
    }
    if (typeof config?.priority !== 'number') return Promise.reject(err(6000001, 'priority is required'));
    const body = (message as { message?: unknown }).message;
    const target = toConversationID;
    const m = message as ZIMMessage & { localMessageID?: string };
    // ZIM writes the local ID onto the message object: sending the same object again is the same message.
    if (m.localMessageID === undefined) {
      this.localSeq += 1;
      m.localMessageID = `${this.appID}-${this.localSeq}`;
    }
    if (this.loggedIn) this.sendTimes.push(now);
    return this.later(() => {
      this.requireConnection();
      if (now - this.lastServerSend < 100) {
        this.cloud.rateLimitErrors.push({ userID: this.userID, code: 6000005 });
        throw err(6000005, 'Server frequency limit.');
      }
      this.lastServerSend = now;
      if (message.type === 1) {
        if (typeof body !== 'string' || body.length === 0) throw err(6000001, 'empty text');
        if (utf8Bytes(body) > this.cloud.textLimitBytes) throw err(6000001, 'text too long');
      } else if (message.type === 2) {
        if (!(body instanceof Uint8Array) || body.length > this.cloud.commandLimitBytes) {
          throw err(6000001, 'bad command');
        }
      } else throw err(6000001, 'unsupported message type');
      if (conversationType === 0 && target === this.userID) throw err(6000001, 'message to self');
      if (conversationType === 1 && !this.rooms.has(target)) throw err(6000321, 'not in the room');
      if (conversationType !== 0 && conversationType !== 1) throw err(6000001, 'bad conversation type');

      const existing = this.findSent(target, m.localMessageID as string);
      const stored =
        existing ??
        this.store({
          localMessageID: m.localMessageID as string,
          to: target,
          conversationType,
          type: message.type,
          message: body as string | Uint8Array,
        });
      Object.assign(message, this.view(stored));
      return { message };
    });
  }

  private readonly sent = new Map<string, StoredMessage>();

  private findSent(target: string, localMessageID: string): StoredMessage | undefined {
    return this.sent.get(`${target}/${localMessageID}`);
  }

  private store(
    partial: Pick<StoredMessage, 'localMessageID' | 'to' | 'conversationType' | 'type' | 'message'>,
  ): StoredMessage {
    const seq = this.cloud.nextSeq();
    const stored: StoredMessage = {
      ...partial,
      messageID: `${seq}${String(Date.now()).slice(-4)}`,
      messageSeq: seq,
      senderUserID: this.userID,
      timestamp: Date.now(),
    };
    this.sent.set(`${partial.to}/${partial.localMessageID}`, stored);
    if (partial.conversationType === 0) {
      this.cloud.storePeer(stored);
      setTimeout(() => this.cloud.deliverPeer(stored), this.cloud.latencyMs);
    } else {
      setTimeout(() => this.cloud.deliverRoom(stored), this.cloud.latencyMs);
    }
    return stored;
  }

  /** A stored message as the SDK shows it to this user. */
  view(stored: StoredMessage): ZIMMessage {
    const mine = stored.senderUserID === this.userID;
    const conversationID = stored.conversationType === 1 ? stored.to : mine ? stored.to : stored.senderUserID;
    return {
      type: stored.type,
      message: stored.message,
      messageID: stored.messageID,
      localMessageID: stored.localMessageID,
      messageSeq: stored.messageSeq,
      senderUserID: stored.senderUserID,
      conversationID,
      conversationType: stored.conversationType,
      direction: mine ? 0 : 1,
      sentStatus: 1,
      timestamp: stored.timestamp,
      orderKey: stored.messageSeq,
    } as ZIMMessage;
  }

  receive(event: 'peerMessageReceived' | 'roomMessageReceived', from: string, list: StoredMessage[]): void {
    if (!this.connected) {
      this.missed.push({ event, from, list });
      return;
    }
    this.lastDelivered = { event, from, list };
    this.deliver(event, from, list);
  }

  private deliver(
    event: 'peerMessageReceived' | 'roomMessageReceived',
    from: string,
    list: StoredMessage[],
  ): void {
    this.emit(event, {
      messageList: list.map((m) => this.view(m)),
      fromConversationID: from,
      info: { isOfflineMessage: false },
    });
  }

  queryHistoryMessage(
    conversationID: string,
    conversationType: ZIMConversationType,
    config: ZIMMessageQueryConfig,
  ): Promise<{ conversationID: string; conversationType: ZIMConversationType; messageList: ZIMMessage[] }> {
    this.calls.push('queryHistoryMessage');
    return this.later(() => {
      this.requireConnection();
      if (!(config.count > 0 && config.count <= 100)) throw err(6000001, 'count must be 1…100');
      if (conversationType !== 0) return { conversationID, conversationType, messageList: [] };
      const all = this.cloud.peerMessages(this.userID, conversationID).filter((m) => m.type !== 2);
      const before = config.nextMessage?.messageSeq;
      let page: StoredMessage[];
      // As ZIM documents it: reverse = true pages from the newest back in time (the next page is the
      // one before nextMessage); false pages forward from the oldest. Either way the list is oldest first.
      if (config.reverse) {
        const older = all.filter((m) => before === undefined || m.messageSeq < before);
        page = older.slice(Math.max(0, older.length - config.count));
      } else {
        const newer = all.filter((m) => before === undefined || m.messageSeq > before);
        page = newer.slice(0, config.count);
      }
      return { conversationID, conversationType, messageList: page.map((m) => this.view(m)) };
    });
  }

  // ---- conversations ----

  private conversationView(conversationID: string): ZIMConversation {
    const entry = this.cloud.conversationOf(this.userID, conversationID);
    return {
      conversationID,
      type: 0,
      conversationName: '',
      conversationAvatarUrl: '',
      conversationAlias: '',
      notificationStatus: 1,
      unreadMessageCount: entry.unread,
      readMessageSeq: 0,
      lastMessage: entry.last === null ? undefined : this.view(entry.last),
      orderKey: entry.orderKey,
      isPinned: false,
      pinnedTime: 0,
      mentionedInfoList: [],
      draft: '',
      marks: [],
    } as ZIMConversation;
  }

  conversationChanged(conversationID: string): void {
    if (!this.connected) return;
    setTimeout(
      () =>
        this.emit('conversationChanged', {
          infoList: [{ event: 1, conversation: this.conversationView(conversationID) }],
        }),
      0,
    );
  }

  queryConversationList(config: { count: number }): Promise<{ conversationList: ZIMConversation[] }> {
    this.calls.push('queryConversationList');
    return this.later(() => {
      this.requireConnection();
      const mine = this.cloud.conversations.get(this.userID) ?? new Map();
      const list = Array.from(mine.keys())
        .map((id) => this.conversationView(id))
        .sort((a, b) => b.orderKey - a.orderKey)
        .slice(0, config.count);
      return { conversationList: list };
    });
  }

  clearConversationUnreadMessageCount(
    conversationID: string,
    conversationType: ZIMConversationType,
  ): Promise<{ conversationID: string; conversationType: ZIMConversationType }> {
    this.calls.push('clearConversationUnreadMessageCount');
    return this.later(() => {
      this.requireConnection();
      const entry = this.cloud.conversationOf(this.userID, conversationID);
      if (entry.unread > 0) {
        entry.unread = 0;
        this.conversationChanged(conversationID);
      }
      return { conversationID, conversationType };
    });
  }

  // ---- rooms ----

  enterRoom(roomInfo: ZIMRoomInfo): Promise<{ roomInfo: { baseInfo: ZIMRoomInfo } }> {
    this.calls.push('enterRoom');
    return this.later(() => {
      this.requireConnection();
      if (!this.rooms.has(roomInfo.roomID) && this.rooms.size >= 5) throw err(6000325, 'joined rooms limit');
      let members = this.cloud.rooms.get(roomInfo.roomID);
      if (members === undefined) {
        members = new Map();
        this.cloud.rooms.set(roomInfo.roomID, members);
      }
      members.set(this.userID, this.userName);
      this.rooms.add(roomInfo.roomID);
      this.cloud.broadcastMembers(roomInfo.roomID, this.userID, this.userName, 'roomMemberJoined');
      return { roomInfo: { baseInfo: roomInfo } };
    });
  }

  leaveRoom(roomID: string): Promise<{ roomID: string }> {
    this.calls.push('leaveRoom');
    return this.later(() => {
      this.requireConnection();
      if (!this.rooms.delete(roomID)) throw err(6000321, 'not in the room');
      this.cloud.rooms.get(roomID)?.delete(this.userID);
      this.cloud.broadcastMembers(roomID, this.userID, this.userName, 'roomMemberLeft');
      return { roomID };
    });
  }

  memberEvent(
    event: 'roomMemberJoined' | 'roomMemberLeft',
    roomID: string,
    userID: string,
    userName: string,
  ): void {
    if (!this.connected) return;
    this.emit(event, {
      roomID,
      memberList: [{ userID, userName, userAvatarUrl: '', userExtendedData: '' }],
    });
  }

  /** Test control: a peer sends raw bytes as a command (e.g. a malformed payload). */
  rawCommand(toUserID: string, bytes: Uint8Array): void {
    this.requireConnection();
    this.localSeq += 1;
    this.store({
      localMessageID: `raw-${this.localSeq}`,
      to: toUserID,
      conversationType: 0,
      type: 2,
      message: bytes,
    });
  }
}
