/**
 * ChatService's sending half: turns validated texts and commands into ZIM messages, pushes them
 * through the one rate-limited SendQueue, and reports each text's state (sending → sent with the
 * server's ID and time, or failed with the reason in words). Commands resolve or reject a promise.
 */
import type { ZIMMessage, ZIMMessageSendConfig, ZIMMessageSentResult } from 'zego-zim-miniprogram';
import type { Bilingual } from '../../../core/i18n';
import { ZimMessagePriority, ZimMessageType } from '../../../core/zim-codes';
import { describeZimError, isConnectionProblem, isRateLimited, zimErrorCode } from '../../../core/zim-errors';
import { ChatInputError } from './chat-input-error';
import { SEND_TIMEOUT_TEXT } from './connection-text';
import { conversationTypeOf } from './mapping';
import { SendQueue, type QueuedItem, type SendQueueOptions, type Timers } from './send-queue';
import type { ChatMessage, ConversationKind } from './types';

type Outgoing =
  | { type: 'text'; conversationID: string; kind: ConversationKind; message: ZIMMessage }
  | { type: 'command'; conversationID: string; message: ZIMMessage };

export type QueueTuning = Pick<
  SendQueueOptions<unknown>,
  'waitTimeoutMs' | 'attemptTimeoutMs' | 'backoffMs' | 'minGapMs'
>;

export interface OutboxDeps {
  timers: Timers;
  tuning?: QueueTuning;
  /** ZIM's sendMessage on the current instance. */
  send(
    message: ZIMMessage,
    toConversationID: string,
    conversationType: 0 | 1,
    config: ZIMMessageSendConfig,
  ): Promise<ZIMMessageSentResult>;
  /** A text of mine changed state; `patch` holds what the timeline should change. */
  onTextChange(
    kind: ConversationKind,
    conversationID: string,
    key: string,
    patch: Partial<ChatMessage>,
  ): void;
  /** What to say when a message fails because the session ended. */
  sessionEndedText(): Bilingual;
}

export class Outbox {
  private readonly queue: SendQueue<Outgoing>;
  private readonly acks = new Map<string, ZIMMessage>();
  private readonly commandWaiters = new Map<string, { resolve: () => void; reject: (e: Error) => void }>();

  constructor(private readonly deps: OutboxDeps) {
    this.queue = new SendQueue<Outgoing>({
      ...deps.tuning,
      timers: deps.timers,
      transport: (item, isRetry) => this.transmit(item, isRetry),
      classify: (error) => {
        const code = zimErrorCode(error);
        if (isRateLimited(code)) return 'rate_limited';
        if (isConnectionProblem(code)) return 'connection';
        return 'fatal';
      },
      onChange: (item) => this.onQueueChange(item),
    });
  }

  /** Queues a text under `key`; a key already queued or sent is not queued again (double tap). */
  text(key: string, conversationID: string, kind: ConversationKind, text: string): void {
    this.queue.enqueue(key, {
      type: 'text',
      conversationID,
      kind,
      message: { type: ZimMessageType.Text, message: text } as ZIMMessage,
    });
  }

  /** Queues a command; resolves when ZIM accepted it, rejects with words when it failed. */
  command(key: string, toUserID: string, bytes: Uint8Array): Promise<void> {
    const done = new Promise<void>((resolve, reject) => this.commandWaiters.set(key, { resolve, reject }));
    this.queue.enqueue(key, {
      type: 'command',
      conversationID: toUserID,
      message: { type: ZimMessageType.Command, message: bytes } as ZIMMessage,
    });
    return done;
  }

  retry(key: string): boolean {
    return this.queue.retry(key);
  }

  setOnline(online: boolean): void {
    this.queue.setOnline(online);
  }

  failAll(): void {
    this.queue.failAll();
  }

  private async transmit(item: QueuedItem<Outgoing>, isRetry: boolean): Promise<void> {
    const { payload } = item;
    const type = conversationTypeOf(payload.type === 'text' ? payload.kind : 'peer');
    const config: ZIMMessageSendConfig = { priority: ZimMessagePriority.Medium, isRetrySend: isRetry };
    // The same message object on every attempt: ZIM keeps its local ID on it, so a retry is the same message.
    const result = await this.deps.send(payload.message, payload.conversationID, type, config);
    this.acks.set(item.id, result.message);
  }

  private onQueueChange(item: QueuedItem<Outgoing>): void {
    const { payload } = item;
    if (payload.type === 'command') {
      const waiter = this.commandWaiters.get(item.id);
      if (waiter === undefined) return;
      if (item.state === 'sent') waiter.resolve();
      else if (item.state === 'failed') waiter.reject(new ChatInputError(this.failureText(item)));
      else return;
      this.commandWaiters.delete(item.id);
      return;
    }
    const patch: Partial<ChatMessage> = { state: item.state === 'queued' ? 'sending' : item.state };
    if (item.state === 'sent') {
      const ack = this.acks.get(item.id);
      this.acks.delete(item.id);
      if (ack?.messageID !== undefined) patch.messageID = String(ack.messageID);
      if (typeof ack?.timestamp === 'number') patch.timestamp = ack.timestamp;
      patch.error = undefined;
    } else if (item.state === 'failed') {
      patch.error = this.failureText(item);
    } else {
      patch.error = undefined;
    }
    this.deps.onTextChange(payload.kind, payload.conversationID, item.id, patch);
  }

  private failureText(item: QueuedItem<Outgoing>): Bilingual {
    if (item.failure?.reason === 'timeout') return SEND_TIMEOUT_TEXT;
    if (item.failure?.error === undefined) return this.deps.sessionEndedText();
    const info = describeZimError(zimErrorCode(item.failure.error));
    return { zh: info.zh, en: info.en };
  }
}
