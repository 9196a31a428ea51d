/**
 * ChatService data → what the WXML renders. Pure, so the page's setData payloads are easy to reason
 * about: one message view depends only on the message and the one before it (for the time separator).
 */
import type { Lang } from '../../../core/i18n';
import type { ChatMessage, ConnectionInfo, ConversationSummary } from '../../services/chat/types';
import { labelsFor } from './strings';

/** A separator is shown above a message that comes ≥ 5 minutes after the previous one. */
export const TIME_GAP_MS = 5 * 60 * 1000;

export interface MessageView {
  key: string;
  /** Element id for scroll-into-view (letters and digits only). */
  domID: string;
  text: string;
  mine: boolean;
  state: ChatMessage['state'];
  stateText: string;
  timeLabel: string;
}

export interface ConversationView {
  conversationID: string;
  name: string;
  lastText: string;
  time: string;
  unread: number;
  unreadText: string;
}

export interface BannerView {
  show: boolean;
  text: string;
  tone: 'info' | 'error';
  canSignIn: boolean;
}

const pad = (n: number) => (n < 10 ? `0${n}` : String(n));

export function clockTime(timestamp: number, now: number): string {
  const date = new Date(timestamp);
  const today = new Date(now);
  const hm = `${pad(date.getHours())}:${pad(date.getMinutes())}`;
  const sameDay =
    date.getFullYear() === today.getFullYear() &&
    date.getMonth() === today.getMonth() &&
    date.getDate() === today.getDate();
  if (sameDay) return hm;
  const md = `${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
  return date.getFullYear() === today.getFullYear() ? `${md} ${hm}` : `${date.getFullYear()}-${md} ${hm}`;
}

export function stateText(message: Pick<ChatMessage, 'state' | 'error'>, lang: Lang): string {
  if (message.state === 'sending') return labelsFor(lang).sending;
  if (message.state === 'failed')
    return message.error !== undefined ? message.error[lang] : labelsFor(lang).failed;
  return '';
}

export function toMessageView(
  message: ChatMessage,
  index: number,
  previous: ChatMessage | undefined,
  lang: Lang,
  now: number,
): MessageView {
  const showTime = previous === undefined || message.timestamp - previous.timestamp >= TIME_GAP_MS;
  return {
    key: message.key,
    domID: `msg${index}`,
    text: message.text,
    mine: message.mine,
    state: message.state,
    stateText: stateText(message, lang),
    timeLabel: showTime ? clockTime(message.timestamp, now) : '',
  };
}

export function toMessageViews(messages: readonly ChatMessage[], lang: Lang, now: number): MessageView[] {
  return messages.map((m, i) => toMessageView(m, i, messages[i - 1], lang, now));
}

export function toConversationView(summary: ConversationSummary, now: number): ConversationView {
  return {
    conversationID: summary.conversationID,
    name: summary.name,
    lastText: summary.lastText,
    time: summary.lastTime > 0 ? clockTime(summary.lastTime, now) : '',
    unread: summary.unread,
    unreadText: summary.unread > 99 ? '99+' : String(summary.unread),
  };
}

export function bannerFor(info: ConnectionInfo, lang: Lang): BannerView {
  if (info.status === 'connected') return { show: false, text: '', tone: 'info', canSignIn: false };
  const failed = info.stopped || info.reason === 'login_failed';
  const text = info.message?.[lang] ?? '';
  return {
    show: text !== '' && !(info.status === 'disconnected' && info.reason === 'none'),
    text,
    tone: failed ? 'error' : 'info',
    canSignIn: failed && info.reason !== 'not_configured',
  };
}
