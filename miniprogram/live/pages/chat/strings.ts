/** The chat page's words, zh and en side by side so a missing translation is a type error. */
import type { Lang } from '../../../core/i18n';
import type { IdProblem } from '../../../core/ids';

const LABELS = {
  zh: {
    title: '消息',
    allChats: '会话列表',
    newChatPlaceholder: '输入对方的用户 ID',
    startChat: '发起聊天',
    emptyList: '还没有会话。输入用户 ID 开始聊天。',
    loading: '加载中…',
    loadOlder: '查看更早的消息',
    noOlder: '没有更早的消息了',
    emptyConversation: '还没有消息，打个招呼吧',
    inputPlaceholder: '输入消息',
    send: '发送',
    sending: '发送中',
    failed: '发送失败，点击重试',
    newMessages: '条新消息 ↓',
    signInAgain: '重新连接',
    badPeerTitle: '无法打开这个聊天',
  },
  en: {
    title: 'Messages',
    allChats: 'All chats',
    newChatPlaceholder: 'Enter a user ID',
    startChat: 'Start chat',
    emptyList: 'No conversations yet. Enter a user ID to start one.',
    loading: 'Loading…',
    loadOlder: 'Load older messages',
    noOlder: 'No older messages',
    emptyConversation: 'No messages yet. Say hello!',
    inputPlaceholder: 'Type a message',
    send: 'Send',
    sending: 'Sending',
    failed: 'Not sent. Tap to retry',
    newMessages: 'new messages ↓',
    signInAgain: 'Sign in again',
    badPeerTitle: 'This chat cannot be opened',
  },
} as const;

export type ChatLabels = { [K in keyof (typeof LABELS)['zh']]: string };

export function labelsFor(lang: Lang): ChatLabels {
  return LABELS[lang];
}

const ID_PROBLEMS: Record<IdProblem, { zh: string; en: string }> = {
  empty: { zh: '请输入用户 ID', en: 'Enter a user ID' },
  too_long: { zh: '用户 ID 最多 32 个字符', en: 'A user ID has at most 32 characters' },
  bad_chars: {
    zh: '用户 ID 只能包含字母、数字、下划线和连字符',
    en: 'A user ID may only contain letters, digits, _ and -',
  },
};

export function idProblemText(problem: IdProblem, lang: Lang): string {
  return ID_PROBLEMS[problem][lang];
}
