/**
 * The part of the ZIM instance ChatService uses, typed with the SDK's own types (type-only import:
 * nothing from the bundle is evaluated here). The real `ZIM` satisfies it, and so does the fake in
 * tests/fakes/. tests/contract/zim.test.ts checks every method and event name against the real bundle.
 */
import type {
  ZIMConversationListQueriedResult,
  ZIMConversationQueryConfig,
  ZIMConversationType,
  ZIMConversationUnreadMessageCountClearedResult,
  ZIMEventHandler,
  ZIMLoginConfig,
  ZIMMessage,
  ZIMMessageQueriedResult,
  ZIMMessageQueryConfig,
  ZIMMessageSendConfig,
  ZIMMessageSentResult,
  ZIMRoomEnteredResult,
  ZIMRoomInfo,
  ZIMRoomLeftResult,
  ZIMTokenRenewedResult,
} from 'zego-zim-miniprogram';

export interface ZimClient {
  on<K extends keyof ZIMEventHandler>(type: K, listener: ZIMEventHandler[K]): void;
  off<K extends keyof ZIMEventHandler>(type: K): void;
  login(userID: string, config: ZIMLoginConfig): Promise<void>;
  logout(): void;
  renewToken(token: string): Promise<ZIMTokenRenewedResult>;
  sendMessage(
    message: ZIMMessage,
    toConversationID: string,
    conversationType: ZIMConversationType,
    config: ZIMMessageSendConfig,
  ): Promise<ZIMMessageSentResult>;
  queryHistoryMessage(
    conversationID: string,
    conversationType: ZIMConversationType,
    config: ZIMMessageQueryConfig,
  ): Promise<ZIMMessageQueriedResult>;
  queryConversationList(config: ZIMConversationQueryConfig): Promise<ZIMConversationListQueriedResult>;
  clearConversationUnreadMessageCount(
    conversationID: string,
    conversationType: ZIMConversationType,
  ): Promise<ZIMConversationUnreadMessageCountClearedResult>;
  enterRoom(roomInfo: ZIMRoomInfo): Promise<ZIMRoomEnteredResult>;
  leaveRoom(roomID: string): Promise<ZIMRoomLeftResult>;
}

/** The static side: `ZIM.create` once per app session, `ZIM.getInstance()` afterwards. */
export interface ZimModule {
  create(appConfig: { appID: number }): ZimClient | null;
  getInstance(): ZimClient | null;
}

/** Every method of ZimClient ChatService calls; the contract test checks each on the real bundle. */
export const ZIM_METHODS_USED = [
  'on',
  'off',
  'login',
  'logout',
  'renewToken',
  'sendMessage',
  'queryHistoryMessage',
  'queryConversationList',
  'clearConversationUnreadMessageCount',
  'enterRoom',
  'leaveRoom',
] as const satisfies readonly (keyof ZimClient)[];

/** Every event ChatService registers, in registration order. */
export const ZIM_EVENTS_USED = [
  'error',
  'connectionStateChanged',
  'tokenWillExpire',
  'peerMessageReceived',
  'roomMessageReceived',
  'conversationChanged',
  'roomMemberJoined',
  'roomMemberLeft',
  'roomStateChanged',
] as const satisfies readonly (keyof ZIMEventHandler)[];
