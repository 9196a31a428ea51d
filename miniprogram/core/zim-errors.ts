/**
 * ZIM error code → words (zh/en) and what the user (or the send queue) can do about it.
 * Pure: no wx or SDK import.
 */
import type { Bilingual } from './i18n';
import { ZimErrorCode } from './zim-codes';

/**
 * retry: try again (the queue may do it itself); wait: the connection is down, it will come back;
 * relogin: the session ended (token, kick-out), only the user can start it again;
 * fix-input: the message itself is wrong; none: nothing to do.
 */
export type ZimErrorAction = 'retry' | 'wait' | 'relogin' | 'fix-input' | 'none';

export interface ZimErrorInfo extends Bilingual {
  code: number;
  action: ZimErrorAction;
  known: boolean;
}

type Entry = [zh: string, en: string, action: ZimErrorAction];

const TABLE: Record<number, Entry> = {
  [ZimErrorCode.ParamsInvalid]: [
    '消息内容不合法（为空、过长或发给自己）',
    'The message is not valid (empty, too long or to yourself)',
    'fix-input',
  ],
  [ZimErrorCode.NotInit]: ['聊天尚未初始化', 'Chat is not initialised yet', 'retry'],
  [ZimErrorCode.InvalidAppID]: [
    'ZEGO AppID 不正确，请检查配置',
    'The ZEGO AppID is wrong; check the configuration',
    'none',
  ],
  [ZimErrorCode.SdkFrequencyLimit]: [
    '发送太频繁，稍后自动重发',
    'Sending too fast; it will be retried shortly',
    'retry',
  ],
  [ZimErrorCode.ServerFrequencyLimit]: [
    '发送太频繁，稍后自动重发',
    'Sending too fast; it will be retried shortly',
    'retry',
  ],
  [ZimErrorCode.ServerDisconnect]: [
    '与聊天服务器的连接已断开',
    'Lost the connection to the chat server',
    'wait',
  ],
  [ZimErrorCode.NetworkCommonError]: ['网络异常，请稍后重试', 'Network problem; please try again', 'wait'],
  [ZimErrorCode.NetworkServerError]: [
    '聊天服务器异常，请稍后重试',
    'The chat server had a problem; please try again',
    'retry',
  ],
  [ZimErrorCode.TokenInvalid]: [
    '登录凭证无效，请重新进入聊天',
    'The login token is not valid; open chat again',
    'relogin',
  ],
  [ZimErrorCode.NetworkError]: [
    '网络不可用，恢复后自动发送',
    'No network; messages go out when it is back',
    'wait',
  ],
  [ZimErrorCode.RequestTimeout]: ['请求超时，请重试', 'The request timed out; please try again', 'retry'],
  [ZimErrorCode.TokenExpired]: [
    '登录凭证已过期，请重新进入聊天',
    'Your login token has expired; open chat again',
    'relogin',
  ],
  [ZimErrorCode.TokenVersionError]: ['登录凭证版本不对', 'The login token has the wrong version', 'relogin'],
  [ZimErrorCode.UserAlreadyLoggedIn]: ['已经登录', 'Already signed in', 'none'],
  [ZimErrorCode.NotLoggedIn]: ['尚未连接聊天服务器', 'Not connected to chat yet', 'wait'],
  [ZimErrorCode.AlreadyLoggedOut]: ['已退出聊天', 'You have left chat', 'relogin'],
  [ZimErrorCode.UserOffline]: ['当前离线', 'You are offline', 'wait'],
  [ZimErrorCode.UserIDError]: ['用户 ID 不合法', 'The user ID is not valid', 'fix-input'],
  [ZimErrorCode.SendMessageFailed]: ['发送失败，请重试', 'Could not send; please try again', 'retry'],
  [ZimErrorCode.TargetDoesNotExist]: ['对方不存在', 'That user does not exist', 'none'],
  [ZimErrorCode.AuditRejected]: ['消息未通过审核', 'The message was rejected by moderation', 'fix-input'],
  [ZimErrorCode.SenderInBlacklist]: ['对方已将你拉黑', 'This user has blocked you', 'none'],
  [ZimErrorCode.RoomJoinError]: [
    '进入聊天室失败，请重试',
    'Could not join the room chat; please try again',
    'retry',
  ],
  [ZimErrorCode.UserNotInRoom]: ['你不在这个聊天室中', 'You are not in this room chat', 'retry'],
  [ZimErrorCode.RoomDoesNotExist]: ['聊天室不存在', 'This room chat does not exist', 'none'],
  [ZimErrorCode.JoinedRoomsLimit]: ['同时进入的聊天室太多', 'You are in too many room chats at once', 'none'],
};

export function describeZimError(code: number): ZimErrorInfo {
  const entry = TABLE[code];
  if (entry === undefined) {
    return {
      code,
      zh: `聊天出错（错误码 ${code}）`,
      en: `Chat error (code ${code})`,
      action: 'retry',
      known: false,
    };
  }
  const [zh, en, action] = entry;
  return { code, zh, en, action, known: true };
}

export function isRateLimited(code: number): boolean {
  return code === ZimErrorCode.SdkFrequencyLimit || code === ZimErrorCode.ServerFrequencyLimit;
}

/** Failures that mean "not connected right now": a queued message waits for the connection instead of failing. */
export function isConnectionProblem(code: number): boolean {
  return describeZimError(code).action === 'wait';
}

/** Pulls the numeric code out of whatever the SDK rejected with ({code, message} normally). */
export function zimErrorCode(error: unknown): number {
  if (typeof error === 'object' && error !== null && 'code' in error) {
    const code = (error as { code: unknown }).code;
    if (typeof code === 'number') return code;
    if (typeof code === 'string' && /^\d+$/.test(code)) return Number(code);
  }
  return ZimErrorCode.Failed;
}
