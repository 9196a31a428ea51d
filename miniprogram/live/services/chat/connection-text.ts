/** What the connection banner says for each state. */
import type { Bilingual } from '../../../core/i18n';
import type { ConnectionInfo, ConnectionReason, ConnectionStatus } from './types';

const TEXT: Partial<Record<ConnectionReason, Bilingual>> = {
  kicked_out: {
    zh: '你的账号已在其他设备登录聊天，本机已下线',
    en: 'Your account signed in to chat on another device; this one is signed out',
  },
  token_expired: { zh: '登录已过期，请重新进入聊天', en: 'Your chat sign-in has expired; open chat again' },
  logged_out: { zh: '已退出聊天', en: 'Signed out of chat' },
  not_configured: { zh: '聊天未配置（缺少 ZEGO AppID）', en: 'Chat is not configured (no ZEGO AppID)' },
};

const STATUS_TEXT: Record<ConnectionStatus, Bilingual> = {
  connecting: { zh: '正在连接聊天…', en: 'Connecting to chat…' },
  reconnecting: { zh: '网络不稳定，正在重新连接…', en: 'Connection lost; reconnecting…' },
  disconnected: { zh: '未连接聊天', en: 'Not connected to chat' },
  connected: { zh: '已连接', en: 'Connected' },
};

export function connectionInfo(
  status: ConnectionStatus,
  reason: ConnectionReason,
  detail?: Bilingual,
): ConnectionInfo {
  const stopped = reason === 'kicked_out' || reason === 'token_expired' || reason === 'not_configured';
  const message = detail ?? TEXT[reason] ?? STATUS_TEXT[status];
  return { status, reason, stopped, message };
}

export const SEND_TIMEOUT_TEXT: Bilingual = {
  zh: '发送超时，点击重试',
  en: 'Not sent (timed out); tap to retry',
};

export const SESSION_ENDED_TEXT: Bilingual = {
  zh: '聊天已断开，消息未发送，点击重试',
  en: 'Chat is disconnected; not sent, tap to retry',
};
