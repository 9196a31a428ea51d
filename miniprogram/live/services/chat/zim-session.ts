/**
 * The login half of ChatService: the one ZIM instance (ZIM.create once, getInstance after), login on
 * first need with a token from the TokenProvider, connection state as ConnectionInfo, token renewal on
 * tokenWillExpire, and the hard stop after KickedOut or TokenExpired (no automatic login after those).
 * SDK events it does not handle itself go to `handlers`.
 */
import type { ZIMConversationChangeInfo, ZIMMessage, ZIMUserInfo } from 'zego-zim-miniprogram';
import type { Bilingual } from '../../../core/i18n';
import type { TokenProvider } from '../../../core/token-provider';
import { ZimConnectionEvent, ZimConnectionState, ZimErrorCode } from '../../../core/zim-codes';
import { describeZimError, zimErrorCode } from '../../../core/zim-errors';
import { ChatInputError, isBilingual } from './chat-input-error';
import type { Logger } from './command-codec';
import { connectionInfo, SESSION_ENDED_TEXT } from './connection-text';
import type { ConnectionInfo, ConversationKind } from './types';
import { ZIM_EVENTS_USED, type ZimClient, type ZimModule } from './zim-client';

export interface SessionHandlers {
  messages(list: ZIMMessage[] | undefined, fromConversationID: string, kind: ConversationKind): void;
  conversations(infoList: ZIMConversationChangeInfo[] | undefined): void;
  members(roomID: string, members: ZIMUserInfo[] | undefined, kind: 'joined' | 'left'): void;
}

export interface ZimSessionDeps {
  zim: ZimModule;
  appID: number;
  userID: string;
  userName?: string;
  tokens: TokenProvider;
  log: Logger;
  handlers: SessionHandlers;
  /** Every change of the connection (pages show it as a banner). */
  onConnection(info: ConnectionInfo): void;
  /** Kicked out or token expired: the session is over until the user signs in again. */
  onEnded(info: ConnectionInfo): void;
  onLoggedIn(): void;
  onNotice(text: Bilingual): void;
}

export class ZimSession {
  private client: ZimClient | null = null;
  private state: ConnectionInfo = connectionInfo('disconnected', 'none');
  private loginPromise: Promise<void> | null = null;

  constructor(private readonly deps: ZimSessionDeps) {}

  info(): ConnectionInfo {
    return this.state;
  }

  /** The ZIM instance, created on first use. */
  instance(): ZimClient {
    if (this.client !== null) return this.client;
    // ZIM.create works once per app session; later calls return null, so the instance is reused.
    const client = this.deps.zim.getInstance() ?? this.deps.zim.create({ appID: this.deps.appID });
    if (client === null) {
      throw new ChatInputError({ zh: '无法创建聊天实例', en: 'Could not create the chat instance' });
    }
    this.client = client;
    this.register(client);
    return client;
  }

  /** Logs in once; concurrent callers share the attempt. Rejects (without retrying) after a kick-out or token expiry. */
  ensureLoggedIn(): Promise<void> {
    if (this.state.stopped)
      return Promise.reject(new ChatInputError(this.state.message ?? SESSION_ENDED_TEXT));
    if (this.state.status === 'connected' || this.state.status === 'reconnecting') return Promise.resolve();
    if (this.loginPromise !== null) return this.loginPromise;
    this.loginPromise = this.login().finally(() => {
      this.loginPromise = null;
    });
    return this.loginPromise;
  }

  /** The user asked to sign in again after the session ended (banner button): one attempt, no loop. */
  signInAgain(): Promise<void> {
    if (this.state.reason === 'not_configured') {
      return Promise.reject(new ChatInputError(this.state.message ?? SESSION_ENDED_TEXT));
    }
    this.set('disconnected', 'none');
    return this.ensureLoggedIn();
  }

  /**
   * The app is back in front or the network returned. If ZIM had given up reconnecting (disconnected
   * by the network, not ended by a kick-out or expired token), log in once more. Event-driven, so it
   * cannot loop.
   */
  resume(): void {
    if (this.state.stopped || this.state.status !== 'disconnected' || this.state.reason !== 'network') return;
    void this.ensureLoggedIn().catch((error: unknown) => this.deps.log('login on resume failed', error));
  }

  logout(): void {
    if (this.client !== null && this.state.status !== 'disconnected') this.client.logout();
    this.set('disconnected', 'logged_out');
  }

  private async login(): Promise<void> {
    const { appID, userID, userName } = this.deps;
    if (!Number.isSafeInteger(appID) || appID <= 0) {
      this.set('disconnected', 'not_configured');
      throw new ChatInputError(this.state.message ?? SESSION_ENDED_TEXT);
    }
    const client = this.instance();
    this.set('connecting', 'none');
    let token: string;
    try {
      ({ token } = await this.deps.tokens.getToken({ userID, userName }));
    } catch (error) {
      // The token client's errors already say what went wrong in both languages.
      this.fail(isBilingual(error) ? { zh: error.zh, en: error.en } : describeZimError(zimErrorCode(error)));
    }
    try {
      await client.login(userID, {
        userName: userName ?? userID,
        token,
        isOfflineLogin: false,
        customStatus: '',
        customStatusDuration: 0,
      });
    } catch (error) {
      const code = zimErrorCode(error);
      if (code !== ZimErrorCode.UserAlreadyLoggedIn) this.fail(describeZimError(code));
    }
    this.set('connected', 'none');
    this.deps.onLoggedIn();
  }

  private fail(detail: Bilingual): never {
    this.set('disconnected', 'login_failed', { zh: detail.zh, en: detail.en });
    throw new ChatInputError(detail);
  }

  private set(status: ConnectionInfo['status'], reason: ConnectionInfo['reason'], detail?: Bilingual): void {
    this.state = connectionInfo(status, reason, detail);
    this.deps.onConnection(this.state);
  }

  private register(client: ZimClient): void {
    const { handlers, log } = this.deps;
    // off() first: ZIM keeps listeners per instance, and the instance outlives any one service object.
    if (typeof client.off === 'function') for (const name of ZIM_EVENTS_USED) client.off(name);
    client.on('error', (_zim, error) => log('ZIM error', error));
    client.on('connectionStateChanged', (_zim, data) => this.onConnectionState(data.state, data.event));
    client.on('tokenWillExpire', () => void this.renewToken());
    client.on('peerMessageReceived', (_zim, data) =>
      handlers.messages(data.messageList, data.fromConversationID, 'peer'),
    );
    client.on('roomMessageReceived', (_zim, data) =>
      handlers.messages(data.messageList, data.fromConversationID, 'room'),
    );
    client.on('conversationChanged', (_zim, data) => handlers.conversations(data.infoList));
    client.on('roomMemberJoined', (_zim, data) => handlers.members(data.roomID, data.memberList, 'joined'));
    client.on('roomMemberLeft', (_zim, data) => handlers.members(data.roomID, data.memberList, 'left'));
    client.on('roomStateChanged', (_zim, data) => log('room state', data));
  }

  private onConnectionState(state: number, event: number): void {
    if (this.state.stopped) return;
    if (state === ZimConnectionState.Connected) this.set('connected', 'none');
    else if (state === ZimConnectionState.Connecting) this.set('connecting', 'none');
    else if (state === ZimConnectionState.Reconnecting) this.set('reconnecting', 'network');
    else if (event === ZimConnectionEvent.KickedOut) this.end('kicked_out');
    else if (event === ZimConnectionEvent.TokenExpired) this.end('token_expired');
    else if (this.state.reason !== 'logged_out') this.set('disconnected', 'network');
  }

  /** Kicked out or token expired: say so and do not log in again by ourselves. */
  private end(reason: 'kicked_out' | 'token_expired'): void {
    this.set('disconnected', reason);
    this.deps.onEnded(this.state);
  }

  private async renewToken(): Promise<void> {
    try {
      const { token } = await this.deps.tokens.getToken(
        { userID: this.deps.userID, userName: this.deps.userName },
        { forceRefresh: true },
      );
      await this.instance().renewToken(token);
    } catch (error) {
      this.deps.log('token renewal failed', error);
      this.deps.onNotice({ zh: '聊天登录凭证续期失败', en: 'Could not renew the chat sign-in' });
    }
  }
}
