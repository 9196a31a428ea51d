/**
 * ZIM's numeric constants as plain literals. The SDK's typings declare these as enums, but several
 * (ZIMErrorCode, ZIMMessageQueryMode) are undefined at runtime, so code must never read them from the
 * bundle. Values copied from zego-zim-miniprogram 2.29.0 entity/*.d.ts; tests/contract/zim.test.ts
 * compares them with the enums the runtime does export.
 */

export const ZimConnectionState = { Disconnected: 0, Connecting: 1, Connected: 2, Reconnecting: 3 } as const;

export const ZimConnectionEvent = {
  Success: 0,
  ActiveLogin: 1,
  LoginTimeout: 2,
  LoginInterrupted: 3,
  KickedOut: 4,
  TokenExpired: 5,
  Unregistered: 6,
} as const;

export const ZimConversationType = { Peer: 0, Room: 1, Group: 2 } as const;

export const ZimConversationEvent = { Added: 0, Updated: 1, Disabled: 2, Deleted: 3 } as const;

export const ZimMessageType = { Text: 1, Command: 2, Barrage: 20, Custom: 200 } as const;

export const ZimMessageDirection = { Send: 0, Receive: 1 } as const;

export const ZimMessagePriority = { Low: 1, Medium: 2, High: 3 } as const;

/** Undefined at runtime in the SDK. */
export const ZimMessageQueryMode = { General: 0, PreferServer: 1, OnlyLocal: 2 } as const;

/** The subset of ZIMErrorCode (undefined at runtime) this app reacts to. */
export const ZimErrorCode = {
  Failed: 1,
  ParamsInvalid: 6000001,
  NotInit: 6000002,
  InvalidAppID: 6000003,
  SdkFrequencyLimit: 6000004,
  ServerFrequencyLimit: 6000005,
  ServerDisconnect: 6000009,
  NetworkCommonError: 6000101,
  NetworkServerError: 6000102,
  TokenInvalid: 6000103,
  NetworkError: 6000104,
  RequestTimeout: 6000105,
  TokenExpired: 6000106,
  TokenVersionError: 6000107,
  UserAlreadyLoggedIn: 6000111,
  NotLoggedIn: 6000121,
  AlreadyLoggedOut: 6000122,
  UserOffline: 6000123,
  UserIDError: 6000124,
  SendMessageFailed: 6000203,
  TargetDoesNotExist: 6000204,
  AuditRejected: 6000221,
  SenderInBlacklist: 6000284,
  RoomJoinError: 6000304,
  UserNotInRoom: 6000321,
  RoomDoesNotExist: 6000322,
  JoinedRoomsLimit: 6000325,
} as const;

export type ZimErrorCodeValue = (typeof ZimErrorCode)[keyof typeof ZimErrorCode];
