/**
 * The app session's one ChatService, made on first use and shared by the chat page and the live room.
 * The defaults are the real ones (the ZIM bundle, the HTTP token client, the stored user ID); tests
 * replace any of them with `provideChatSessionDeps` before a page loads. One of the few files that
 * imports an SDK.
 */
import { ZIM } from 'zego-zim-miniprogram';
import { loadAppConfig } from '../../core/app-config';
import type { ConfigResult } from '../../core/config';
import { sharedTokenClient } from '../../core/shared-token-client';
import type { TokenProvider } from '../../core/token-provider';
import { getNickname, getUserID } from '../../core/user';
import { ChatService } from './chat-service';
import type { Timers } from './chat/send-queue';
import type { ZimModule } from './chat/zim-client';

export interface ChatSessionDeps {
  zim: ZimModule;
  config(): ConfigResult;
  userID(): string;
  userName(): string;
  tokens(config: ConfigResult): TokenProvider;
  timers?: Timers;
}

const notConfigured: TokenProvider = {
  getToken: () => Promise.reject({ code: 6000103, message: 'the token service is not configured' }),
};

function defaults(): ChatSessionDeps {
  return {
    zim: ZIM,
    config: loadAppConfig,
    userID: () => getUserID(),
    userName: () => getNickname(),
    // The app's one token client: the room and chat share its cache and the server-bound user ID.
    tokens: (config) => (config.ok ? sharedTokenClient() : notConfigured),
  };
}

let overrides: Partial<ChatSessionDeps> = {};
let current: ChatService | null = null;

export function provideChatSessionDeps(partial: Partial<ChatSessionDeps>): void {
  overrides = { ...partial };
  current = null;
}

export function resetChatSession(): void {
  current?.logout();
  current = null;
  overrides = {};
}

/** The shared service; created (not logged in) on first call. */
export function chatService(): ChatService {
  if (current !== null) return current;
  const deps = { ...defaults(), ...overrides };
  const config = deps.config();
  const userName = deps.userName();
  current = new ChatService({
    zim: deps.zim,
    appID: config.ok ? config.config.appID : 0,
    userID: deps.userID(),
    userName: userName === '' ? undefined : userName,
    tokens: deps.tokens(config),
    timers: deps.timers,
  });
  return current;
}

/** The user leaves chat entirely (or the app asks): log out; the next chatService() starts afresh. */
export function endChatSession(): void {
  current?.logout();
  current = null;
}

/** Pages that keep a ZIM session in use (chat, and the room's comments and co-host signals). */
const CHAT_ROUTES = ['live/pages/chat/index', 'live/pages/room/index'];

/**
 * A chat-using page is going away: when no other open page uses chat, the user has left chat
 * entirely, so log out. `pages` is getCurrentPages(); `leaving` the page being unloaded.
 */
export function releaseChatSessionFor(leaving: object, pages: ReadonlyArray<{ route?: string }>): boolean {
  const stillUsed = pages.some((page) => page !== leaving && CHAT_ROUTES.includes(page.route ?? ''));
  if (stillUsed || current === null) return false;
  endChatSession();
  return true;
}
