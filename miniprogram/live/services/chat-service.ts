/**
 * ChatService owns the app session's one ZIM instance: login on first need, peer and room messages
 * through one rate-limited ordered queue, history, conversations with unread counts, token renewal.
 * Pages listen to its typed events and never touch ZIM; the service never calls setData.
 */
import type { ZIMConversationChangeInfo, ZIMMessage } from 'zego-zim-miniprogram';
import type { Bilingual } from '../../core/i18n';
import { checkId } from '../../core/ids';
import type { TokenProvider } from '../../core/token-provider';
import {
  ZimConnectionEvent,
  ZimConnectionState,
  ZimErrorCode,
  ZimMessageQueryMode,
  ZimMessageType,
} from '../../core/zim-codes';
import { describeZimError, zimErrorCode } from '../../core/zim-errors';
import { decodeCommand, encodeCommand, type CommandPayload, type Logger } from './chat/command-codec';
import { connectionInfo, SESSION_ENDED_TEXT } from './chat/connection-text';
import { Emitter } from './chat/emitter';
import { ConversationBook } from './chat/conversation-book';
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
import { ZIM_EVENTS_USED, type ZimClient, type ZimModule } from './chat/zim-client';

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

/** A user-facing refusal; carries zh/en like core/errors' ErrorInfo so pages read `error[lang]` either way. */
export class ChatInputError extends Error implements Bilingual {
  readonly zh: string;
  readonly en: string;
  constructor(readonly text: Bilingual) {
    super(text.en);
    this.name = 'ChatInputError';
    this.zh = text.zh;
    this.en = text.en;
  }
}

function isBilingual(value: unknown): value is Bilingual {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Bilingual).zh === 'string' &&
    typeof (value as Bilingual).en === 'string'
  );
}

export class ChatService {
  readonly userID: string;
  readonly textLimitBytes: number;
  private readonly events = new Emitter<ChatEvents>();
  private readonly timers: Timers;
  private readonly log: Logger;
  private client: ZimClient | null = null;
  private info: ConnectionInfo = connectionInfo('disconnected', 'none');
  private loginPromise: Promise<void> | null = null;
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
    this.outbox = new Outbox({
      timers: this.timers,
      tuning: deps.queue,
      send: (message, to, type, config) => this.instance().sendMessage(message, to, type, config),
      onTextChange: (kind, conversationID, key, patch) =>
        this.apply(kind, conversationID, this.timeline(kind, conversationID).update(key, patch)),
      sessionEndedText: () => this.info.message ?? SESSION_ENDED_TEXT,
    });
  }

  on<K extends keyof ChatEvents>(event: K, handler: ChatEvents[K]): () => void {
    return this.events.on(event, handler);
  }

  connection(): ConnectionInfo {
    return this.info;
  }

  // ---- session ----

  /** Logs in once; concurrent callers share the attempt. Rejects (without retrying) after a kick-out or token expiry. */
  ensureLoggedIn(): Promise<void> {
    if (this.info.stopped) return Promise.reject(new ChatInputError(this.info.message ?? SESSION_ENDED_TEXT));
    if (this.info.status === 'connected' || this.info.status === 'reconnecting') return Promise.resolve();
    if (this.loginPromise !== null) return this.loginPromise;
    this.loginPromise = this.login().finally(() => {
      this.loginPromise = null;
    });
    return this.loginPromise;
  }

  /** The user asked to sign in again after the session ended (banner button): one attempt, no loop. */
  signInAgain(): Promise<void> {
    if (this.info.reason === 'not_configured')
      return Promise.reject(new ChatInputError(this.info.message ?? SESSION_ENDED_TEXT));
    this.setConnection('disconnected', 'none');
    return this.ensureLoggedIn();
  }

  /**
   * The app is back in front or the network returned. If ZIM had given up reconnecting (disconnected
   * by the network, not ended by a kick-out or expired token), log in once more so waiting messages
   * go out. Event-driven, so it cannot loop.
   */
  resume(): void {
    if (this.info.stopped || this.info.status !== 'disconnected' || this.info.reason !== 'network') return;
    void this.ensureLoggedIn().catch((error: unknown) => this.log('login on resume failed', error));
  }

  private instance(): ZimClient {
    if (this.client !== null) return this.client;
    // ZIM.create works once per app session; later calls return null, so the instance is reused.
    const client = this.deps.zim.getInstance() ?? this.deps.zim.create({ appID: this.deps.appID });
    if (client === null)
      throw new ChatInputError({ zh: '无法创建聊天实例', en: 'Could not create the chat instance' });
    this.client = client;
    this.register(client);
    return client;
  }

  private async login(): Promise<void> {
    if (!Number.isSafeInteger(this.deps.appID) || this.deps.appID <= 0) {
      this.setConnection('disconnected', 'not_configured');
      throw new ChatInputError(this.info.message ?? SESSION_ENDED_TEXT);
    }
    const client = this.instance();
    this.setConnection('connecting', 'none');
    let token: string;
    try {
      ({ token } = await this.deps.tokens.getToken({ userID: this.userID, userName: this.deps.userName }));
    } catch (error) {
      // The token client's errors already say what went wrong in both languages.
      const detail = isBilingual(error)
        ? { zh: error.zh, en: error.en }
        : describeZimError(zimErrorCode(error));
      this.setConnection('disconnected', 'login_failed', detail);
      throw new ChatInputError(detail);
    }
    try {
      await client.login(this.userID, {
        userName: this.deps.userName ?? this.userID,
        token,
        isOfflineLogin: false,
        customStatus: '',
        customStatusDuration: 0,
      });
    } catch (error) {
      const code = zimErrorCode(error);
      if (code !== ZimErrorCode.UserAlreadyLoggedIn) {
        const detail = describeZimError(code);
        this.setConnection('disconnected', 'login_failed', detail);
        throw new ChatInputError(detail);
      }
    }
    this.setConnection('connected', 'none');
    void this.refreshConversations().catch((error: unknown) => this.log('conversation list failed', error));
  }

  /** Leaves chat entirely: pending messages fail visibly, the instance stays for a later login. */
  logout(): void {
    this.outbox.failAll();
    this.roomID = null;
    if (this.client !== null && this.info.status !== 'disconnected') this.client.logout();
    this.setConnection('disconnected', 'logged_out');
  }

  private setConnection(
    status: ConnectionInfo['status'],
    reason: ConnectionInfo['reason'],
    detail?: Bilingual,
  ): void {
    this.info = connectionInfo(status, reason, detail);
    this.outbox.setOnline(status === 'connected');
    this.events.emit('connection', this.info);
  }

  private register(client: ZimClient): void {
    // off() first: ZIM keeps listeners per instance, and the instance outlives any one service object.
    for (const name of ZIM_EVENTS_USED) client.off(name);
    client.on('error', (_zim, error) => this.log('ZIM error', error));
    client.on('connectionStateChanged', (_zim, data) => this.onConnectionState(data.state, data.event));
    client.on('tokenWillExpire', () => void this.renewToken());
    client.on('peerMessageReceived', (_zim, data) =>
      this.onMessages(data.messageList, data.fromConversationID, 'peer'),
    );
    client.on('roomMessageReceived', (_zim, data) =>
      this.onMessages(data.messageList, data.fromConversationID, 'room'),
    );
    client.on('conversationChanged', (_zim, data) => this.onConversationsChanged(data.infoList));
    client.on('roomMemberJoined', (_zim, data) => this.onMembers(data.roomID, data.memberList, 'joined'));
    client.on('roomMemberLeft', (_zim, data) => this.onMembers(data.roomID, data.memberList, 'left'));
    client.on('roomStateChanged', (_zim, data) => this.log('room state', data));
  }

  private onConnectionState(state: number, event: number): void {
    if (this.info.stopped) return;
    if (state === ZimConnectionState.Connected) this.setConnection('connected', 'none');
    else if (state === ZimConnectionState.Connecting) this.setConnection('connecting', 'none');
    else if (state === ZimConnectionState.Reconnecting) this.setConnection('reconnecting', 'network');
    else if (event === ZimConnectionEvent.KickedOut) this.endSession('kicked_out');
    else if (event === ZimConnectionEvent.TokenExpired) this.endSession('token_expired');
    else if (this.info.reason !== 'logged_out') this.setConnection('disconnected', 'network');
  }

  /** Kicked out or token expired: say so, fail what is waiting, and do not log in again by ourselves. */
  private endSession(reason: 'kicked_out' | 'token_expired'): void {
    this.setConnection('disconnected', reason);
    this.outbox.failAll();
    this.events.emit('notice', this.info.message ?? SESSION_ENDED_TEXT);
  }

  private async renewToken(): Promise<void> {
    try {
      const { token } = await this.deps.tokens.getToken(
        { userID: this.userID, userName: this.deps.userName },
        { forceRefresh: true },
      );
      await this.instance().renewToken(token);
    } catch (error) {
      this.log('token renewal failed', error);
      this.events.emit('notice', { zh: '聊天登录凭证续期失败', en: 'Could not renew the chat sign-in' });
    }
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
    if (this.info.stopped) return { ok: false, error: this.info.message ?? SESSION_ENDED_TEXT };

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
    if (this.info.stopped) return false;
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
      const message = toChatMessage(raw, conversationID, kind, this.userID);
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
    if (this.info.status === 'connected') await this.instance().leaveRoom(roomID);
  }

  currentRoom(): string | null {
    return this.roomID;
  }
}
