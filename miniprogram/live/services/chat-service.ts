/**
 * ChatService owns the app session's one ZIM instance: login on first need, peer and room messages
 * through one rate-limited ordered queue, history, conversations with unread counts, token renewal.
 * Pages listen to its typed events and never touch ZIM; the service never calls setData.
 */
import type { ZIMConversationChangeInfo, ZIMMessage } from 'zego-zim-miniprogram';
import type { Bilingual } from '../../core/i18n';
import { checkId } from '../../core/ids';
import type { TokenProvider } from '../../core/token-provider';
import { ZimMessageQueryMode, ZimMessageType } from '../../core/zim-codes';
import { decodeCommand, encodeCommand, type CommandPayload, type Logger } from './chat/command-codec';
import { SESSION_ENDED_TEXT } from './chat/connection-text';
import { Emitter } from './emitter';
import { ConversationBook } from './chat/conversation-book';
import { ChatInputError } from './chat/chat-input-error';
import { HistoryPager } from './chat/history-pager';
import { Outbox, type QueueTuning } from './chat/outbox';
import { conversationTypeOf, timelineKey, toChatMessage } from './chat/mapping';
import { checkCommandBytes, checkText, clampTextLimit } from './chat/message-validation';
import { realTimers, type Timers } from './chat/send-queue';
import { Timeline } from './chat/timeline';
import type {
  ChatEvents,
  ChatMessage,
  ConnectionInfo,
  ConversationKind,
  ConversationSummary,
  TimelineChange,
} from './chat/types';
import type { ZimClient, ZimModule } from './chat/zim-client';
import { ZimSession } from './chat/zim-session';

export { HISTORY_PAGE_SIZE } from './chat/history-pager';
const CONVERSATION_PAGE_SIZE = 100;

export interface ChatServiceDeps {
  zim: ZimModule;
  appID: number;
  userID: string;
  userName?: string;
  tokens: TokenProvider;
  timers?: Timers;
  /** Text limit in UTF-8 bytes (default 2 KB, at most 32 KB: ZIM's limits). */
  textLimitBytes?: number;
  log?: Logger;
  /** Queue timing overrides (tests, tuning). */
  queue?: QueueTuning;
}

export type SendResult = { ok: true; message: ChatMessage } | { ok: false; error: Bilingual };

export { ChatInputError };

export class ChatService {
  readonly userID: string;
  readonly textLimitBytes: number;
  private readonly events = new Emitter<ChatEvents>('chat');
  private readonly timers: Timers;
  private readonly log: Logger;
  private readonly session: ZimSession;
  private readonly timelines = new Map<string, Timeline>();
  private readonly history = new HistoryPager();
  private readonly book = new ConversationBook();
  private readonly seenCommands = new Set<string>();
  private readonly outbox: Outbox;
  private roomID: string | null = null;
  private localSeq = 0;

  constructor(private readonly deps: ChatServiceDeps) {
    this.userID = deps.userID;
    this.timers = deps.timers ?? realTimers;
    this.textLimitBytes = clampTextLimit(deps.textLimitBytes);
    this.log = deps.log ?? ((message, detail) => console.warn(`[chat] ${message}`, detail ?? ''));
    this.session = new ZimSession({
      zim: deps.zim,
      appID: deps.appID,
      userID: deps.userID,
      userName: deps.userName,
      tokens: deps.tokens,
      log: this.log,
      handlers: {
        messages: (list, from, kind) => this.onMessages(list, from, kind),
        conversations: (infoList) => this.onConversationsChanged(infoList),
        members: (roomID, members, kind) => this.onMembers(roomID, members, kind),
      },
      onConnection: (info) => {
        this.outbox.setOnline(info.status === 'connected');
        this.events.emit('connection', info);
      },
      onEnded: (info) => {
        this.outbox.failAll();
        this.events.emit('notice', info.message ?? SESSION_ENDED_TEXT);
      },
      onLoggedIn: () =>
        void this.refreshConversations().catch((error: unknown) =>
          this.log('conversation list failed', error),
        ),
      onNotice: (text) => this.events.emit('notice', text),
    });
    this.outbox = new Outbox({
      timers: this.timers,
      tuning: deps.queue,
      send: (message, to, type, config) => this.instance().sendMessage(message, to, type, config),
      onTextChange: (kind, conversationID, key, patch) =>
        this.apply(kind, conversationID, this.timeline(kind, conversationID).update(key, patch)),
      sessionEndedText: () => this.session.info().message ?? SESSION_ENDED_TEXT,
    });
  }

  on<K extends keyof ChatEvents>(event: K, handler: ChatEvents[K]): () => void {
    return this.events.on(event, handler);
  }

  connection(): ConnectionInfo {
    return this.session.info();
  }

  // ---- session ----

  /** Logs in once; concurrent callers share the attempt. Rejects (without retrying) after a kick-out or token expiry. */
  ensureLoggedIn(): Promise<void> {
    return this.session.ensureLoggedIn();
  }

  /** The user asked to sign in again after the session ended (banner button): one attempt, no loop. */
  signInAgain(): Promise<void> {
    return this.session.signInAgain();
  }

  /** The app is back in front or the network returned: log in again if ZIM had given up reconnecting. */
  resume(): void {
    this.session.resume();
  }

  /** Leaves chat entirely: pending messages fail visibly, the instance stays for a later login. */
  logout(): void {
    this.outbox.failAll();
    this.roomID = null;
    this.session.logout();
  }

  private instance(): ZimClient {
    return this.session.instance();
  }

  // ---- sending ----

  /**
   * Validates and queues a text message. Nothing is sent when the text is empty, too long or the
   * receiver is not a valid user ID. `clientKey` makes a repeated call (double tap) return the same message.
   */
  sendText(conversationID: string, kind: ConversationKind, text: string, clientKey?: string): SendResult {
    const target = checkId(conversationID);
    if (!target.ok)
      return { ok: false, error: { zh: '对方的用户 ID 不正确', en: 'The receiver ID is not valid' } };
    if (kind === 'peer' && target.value === this.userID) {
      return { ok: false, error: { zh: '不能给自己发消息', en: 'You cannot message yourself' } };
    }
    const checked = checkText(text, this.textLimitBytes);
    if (!checked.ok) return { ok: false, error: checked.message };
    if (this.session.info().stopped)
      return { ok: false, error: this.session.info().message ?? SESSION_ENDED_TEXT };

    const key = clientKey !== undefined ? `c:${clientKey}` : this.nextLocalKey();
    const existing = this.timeline(kind, target.value).get(key);
    if (existing !== undefined) return { ok: true, message: existing };
    const message: ChatMessage = {
      key,
      messageID: '',
      conversationID: target.value,
      kind,
      fromUserID: this.userID,
      mine: true,
      text: checked.text,
      timestamp: this.timers.now(),
      state: 'sending',
    };
    this.apply(kind, target.value, this.timeline(kind, target.value).add([message]));
    this.outbox.text(key, target.value, kind, checked.text);
    void this.ensureLoggedIn().catch((error: unknown) => this.log('login for sending failed', error));
    return { ok: true, message: this.timeline(kind, target.value).get(key) ?? message };
  }

  /** Resends a failed message of mine, the same message. */
  retry(key: string): boolean {
    if (this.session.info().stopped) return false;
    const retried = this.outbox.retry(key);
    if (retried)
      void this.ensureLoggedIn().catch((error: unknown) => this.log('login for retry failed', error));
    return retried;
  }

  /** App signalling to one user (JSON → bytes). Resolves when ZIM accepted it. */
  sendCommand(toUserID: string, payload: CommandPayload): Promise<void> {
    const target = checkId(toUserID);
    if (!target.ok)
      return Promise.reject(new ChatInputError({ zh: '用户 ID 不正确', en: 'The user ID is not valid' }));
    const bytes = encodeCommand(payload);
    const checked = checkCommandBytes(bytes);
    if (!checked.ok) return Promise.reject(new ChatInputError(checked.message));
    const done = this.outbox.command(this.nextLocalKey(), target.value, bytes);
    void this.ensureLoggedIn().catch((error: unknown) => this.log('login for command failed', error));
    return done;
  }

  private nextLocalKey(): string {
    this.localSeq += 1;
    return `l:${this.timers.now().toString(36)}:${this.localSeq}`;
  }

  // ---- receiving ----

  private onMessages(list: ZIMMessage[] | undefined, conversationID: string, kind: ConversationKind): void {
    if (!Array.isArray(list) || typeof conversationID !== 'string') return;
    const texts: ChatMessage[] = [];
    for (const raw of list) {
      if (raw?.type === ZimMessageType.Command) {
        this.onCommand(raw);
        continue;
      }
      const message = toChatMessage(raw, conversationID, kind, this.userID, this.timers.now());
      if (message === null) this.log('ignored a message that is not text', raw?.type);
      else texts.push(message);
    }
    if (texts.length === 0) return;
    const timeline = this.timeline(kind, conversationID);
    const fresh = texts.filter((m) => !timeline.has(m));
    this.apply(kind, conversationID, timeline.add(texts));
    for (const message of fresh) if (!message.mine) this.events.emit('received', message);
    if (kind === 'peer' && this.book.isOpen(conversationID) && fresh.length > 0) {
      if (this.book.markRead(conversationID)) this.events.emit('conversations', this.book.list());
      this.clearUnreadOnServer(conversationID);
    }
  }

  private onCommand(raw: ZIMMessage): void {
    const id = raw.messageID === undefined ? '' : String(raw.messageID);
    if (id !== '' && this.seenCommands.has(id)) return;
    if (id !== '') this.seenCommands.add(id);
    const payload = decodeCommand((raw as { message?: unknown }).message, this.log);
    if (payload === null || typeof raw.senderUserID !== 'string') return;
    this.events.emit('command', {
      fromUserID: raw.senderUserID,
      payload,
      timestamp: typeof raw.timestamp === 'number' ? raw.timestamp : this.timers.now(),
    });
  }

  private onMembers(
    roomID: string,
    members: { userID: string; userName: string }[] | undefined,
    kind: 'joined' | 'left',
  ): void {
    if (roomID !== this.roomID || !Array.isArray(members)) return;
    for (const member of members) {
      if (member.userID === this.userID) continue;
      this.events.emit('roomMember', {
        roomID,
        kind,
        userID: member.userID,
        userName: member.userName || member.userID,
      });
    }
  }

  // ---- timelines and history ----

  private timeline(kind: ConversationKind, conversationID: string): Timeline {
    const key = timelineKey(kind, conversationID);
    let timeline = this.timelines.get(key);
    if (timeline === undefined) {
      timeline = new Timeline();
      this.timelines.set(key, timeline);
    }
    return timeline;
  }

  private apply(kind: ConversationKind, conversationID: string, change: TimelineChange | null): void {
    if (change !== null) this.events.emit('timeline', conversationID, kind, change);
  }

  messages(conversationID: string, kind: ConversationKind = 'peer'): readonly ChatMessage[] {
    return this.timeline(kind, conversationID).list();
  }

  hasOlder(conversationID: string, kind: ConversationKind = 'peer'): boolean {
    return this.history.hasOlder(timelineKey(kind, conversationID));
  }

  /** Loads the next older page (20). Resolves with how many new messages it added. */
  async loadOlder(conversationID: string, kind: ConversationKind = 'peer'): Promise<number> {
    const page = await this.history.next(timelineKey(kind, conversationID), async (nextMessage, count) => {
      await this.ensureLoggedIn();
      const result = await this.instance().queryHistoryMessage(conversationID, conversationTypeOf(kind), {
        nextMessage,
        count,
        // ZIM: reverse = from the newest back in time; the page comes oldest first, [0] is the next cursor.
        reverse: true,
        mode: ZimMessageQueryMode.General,
      });
      return Array.isArray(result.messageList) ? result.messageList : [];
    });
    const mapped = page
      .map((m) => toChatMessage(m, conversationID, kind, this.userID))
      .filter((m): m is ChatMessage => m !== null);
    const timeline = this.timeline(kind, conversationID);
    const before = timeline.size;
    this.apply(kind, conversationID, timeline.add(mapped));
    return timeline.size - before;
  }

  // ---- conversations ----

  conversations(): ConversationSummary[] {
    return this.book.list();
  }

  async refreshConversations(): Promise<ConversationSummary[]> {
    await this.ensureLoggedIn();
    const result = await this.instance().queryConversationList({ count: CONVERSATION_PAGE_SIZE });
    this.book.replaceAll(result.conversationList);
    this.events.emit('conversations', this.book.list());
    return this.book.list();
  }

  private onConversationsChanged(infoList: ZIMConversationChangeInfo[] | undefined): void {
    if (this.book.applyChanges(infoList)) this.events.emit('conversations', this.book.list());
  }

  /** The user is looking at this 1:1 conversation: its unread count clears now and stays clear while open. */
  openConversation(peerID: string): void {
    if (this.book.open(peerID)) this.events.emit('conversations', this.book.list());
    this.clearUnreadOnServer(peerID);
  }

  closeConversation(peerID: string): void {
    this.book.close(peerID);
  }

  private clearUnreadOnServer(peerID: string): void {
    void this.ensureLoggedIn()
      .then(() => this.instance().clearConversationUnreadMessageCount(peerID, conversationTypeOf('peer')))
      .catch((error: unknown) => this.log('clearing the unread count failed', error));
  }

  // ---- room ----

  /** Joins a room's message channel (ZIM creates the room if missing). One room at a time. */
  async enterRoom(roomID: string, roomName?: string): Promise<void> {
    const checked = checkId(roomID);
    if (!checked.ok) throw new ChatInputError({ zh: '房间 ID 不正确', en: 'The room ID is not valid' });
    if (this.roomID !== null && this.roomID !== checked.value) await this.leaveRoom();
    await this.ensureLoggedIn();
    await this.instance().enterRoom({ roomID: checked.value, roomName: roomName ?? checked.value });
    this.roomID = checked.value;
  }

  async leaveRoom(): Promise<void> {
    const roomID = this.roomID;
    if (roomID === null) return;
    this.roomID = null;
    this.timelines.delete(timelineKey('room', roomID));
    this.history.forget(timelineKey('room', roomID));
    if (this.session.info().status === 'connected') await this.instance().leaveRoom(roomID);
  }

  currentRoom(): string | null {
    return this.roomID;
  }
}
