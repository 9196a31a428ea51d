/**
 * The one ordered outbox. ZIM rejects a client that sends faster than about 10 messages a second
 * (6000004 in the SDK, 6000005 on the server), so the queue, not the user, sets the pace:
 *
 * - strictly first-in first-out, one message in flight at a time (order survives retries);
 * - attempts start ≥ minGapMs apart and never more than maxPerWindow within windowMs;
 * - while offline nothing is attempted; waiting messages go out in order once online again,
 *   or fail visibly when they have waited waitTimeoutMs — never dropped silently;
 * - a rate-limit or connection error puts the message back at the head and tries again later;
 * - enqueueing an ID that is already waiting or sent is a no-op (a double tap sends once);
 * - retry() resends the same item (same ID) after it failed.
 *
 * Pure: the clock and timers are injected.
 */

export interface Timers {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realTimers: Timers = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export type QueueState = 'queued' | 'sending' | 'sent' | 'failed';

export type FailureKind = 'rate_limited' | 'connection' | 'fatal';

export type FailureReason = 'timeout' | 'rejected';

export interface QueuedItem<P> {
  readonly id: string;
  readonly payload: P;
  state: QueueState;
  /** Attempts made so far, user retries included (a later attempt is flagged as a resend). */
  attempts: number;
  /** When the current wait started: enqueue or retry time. */
  waitingSince: number;
  /** Set when the item failed. */
  failure?: { reason: FailureReason; error?: unknown };
}

export interface SendQueueOptions<P> {
  /** Sends one item; resolves when the server accepted it. */
  transport: (item: QueuedItem<P>, isRetry: boolean) => Promise<void>;
  classify: (error: unknown) => FailureKind;
  /** Called after every state change of an item. */
  onChange: (item: QueuedItem<P>) => void;
  timers?: Timers;
  minGapMs?: number;
  maxPerWindow?: number;
  windowMs?: number;
  /** How long a message may wait unsent (offline, backing off) before it fails. */
  waitTimeoutMs?: number;
  /** How long one attempt may take before it counts as failed. */
  attemptTimeoutMs?: number;
  /** Pause after a rate-limit or connection error before trying the head again. */
  backoffMs?: number;
}

export class SendQueue<P> {
  private readonly items = new Map<string, QueuedItem<P>>();
  private readonly waiting: QueuedItem<P>[] = [];
  private inFlight: QueuedItem<P> | null = null;
  private online = false;
  private readonly attemptStarts: number[] = [];
  private notBefore = 0;
  private timer: unknown = null;
  private timerDue = Infinity;
  private disposed = false;
  private readonly timers: Timers;
  private readonly minGapMs: number;
  private readonly maxPerWindow: number;
  private readonly windowMs: number;
  private readonly waitTimeoutMs: number;
  private readonly attemptTimeoutMs: number;
  private readonly backoffMs: number;

  constructor(private readonly options: SendQueueOptions<P>) {
    this.timers = options.timers ?? realTimers;
    this.minGapMs = options.minGapMs ?? 100;
    this.maxPerWindow = options.maxPerWindow ?? 10;
    this.windowMs = options.windowMs ?? 1000;
    this.waitTimeoutMs = options.waitTimeoutMs ?? 30_000;
    this.attemptTimeoutMs = options.attemptTimeoutMs ?? 15_000;
    this.backoffMs = options.backoffMs ?? 1000;
  }

  /** Queues a new message. An ID already queued, sending or sent returns the existing item unchanged. */
  enqueue(id: string, payload: P): QueuedItem<P> {
    const existing = this.items.get(id);
    if (existing !== undefined) return existing;
    const item: QueuedItem<P> = {
      id,
      payload,
      state: 'queued',
      attempts: 0,
      waitingSince: this.timers.now(),
    };
    this.items.set(id, item);
    this.waiting.push(item);
    this.options.onChange(item);
    this.pump();
    return item;
  }

  /** Sends a failed item again, the same message with the same ID. Returns false if it had not failed. */
  retry(id: string): boolean {
    const item = this.items.get(id);
    if (item === undefined || item.state !== 'failed') return false;
    item.state = 'queued';
    item.waitingSince = this.timers.now();
    delete item.failure;
    this.waiting.push(item);
    this.options.onChange(item);
    this.pump();
    return true;
  }

  get(id: string): QueuedItem<P> | undefined {
    return this.items.get(id);
  }

  /** Items not yet sent or failed, in send order (the in-flight one first). */
  pending(): QueuedItem<P>[] {
    return this.inFlight === null ? this.waiting.slice() : [this.inFlight, ...this.waiting];
  }

  setOnline(online: boolean): void {
    this.online = online;
    if (online) this.notBefore = Math.min(this.notBefore, this.timers.now());
    this.pump();
  }

  /** Fails everything still waiting (the session ended) and stops. */
  failAll(error?: unknown): void {
    const pending = this.waiting.splice(0);
    for (const item of pending) this.fail(item, 'rejected', error);
  }

  dispose(): void {
    this.disposed = true;
    this.clearTimer();
  }

  private fail(item: QueuedItem<P>, reason: FailureReason, error?: unknown): void {
    item.state = 'failed';
    item.failure = error === undefined ? { reason } : { reason, error };
    this.options.onChange(item);
  }

  private clearTimer(): void {
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
    this.timerDue = Infinity;
  }

  private wakeAt(due: number): void {
    if (this.disposed || due >= this.timerDue) return;
    this.clearTimer();
    this.timerDue = due;
    this.timer = this.timers.setTimeout(
      () => {
        this.timer = null;
        this.timerDue = Infinity;
        this.pump();
      },
      Math.max(0, due - this.timers.now()),
    );
  }

  /** Fails waiting items whose wait ran out; returns the earliest deadline still ahead. */
  private expireWaiting(now: number): number {
    let next = Infinity;
    for (let i = 0; i < this.waiting.length;) {
      const item = this.waiting[i] as QueuedItem<P>;
      const deadline = item.waitingSince + this.waitTimeoutMs;
      if (deadline <= now) {
        this.waiting.splice(i, 1);
        this.fail(item, 'timeout');
      } else {
        next = Math.min(next, deadline);
        i += 1;
      }
    }
    return next;
  }

  private earliestAllowedStart(now: number): number {
    while (this.attemptStarts.length > 0 && (this.attemptStarts[0] as number) <= now - this.windowMs) {
      this.attemptStarts.shift();
    }
    let earliest = this.notBefore;
    const last = this.attemptStarts[this.attemptStarts.length - 1];
    if (last !== undefined) earliest = Math.max(earliest, last + this.minGapMs);
    if (this.attemptStarts.length >= this.maxPerWindow) {
      const oldestInWindow = this.attemptStarts[this.attemptStarts.length - this.maxPerWindow] as number;
      earliest = Math.max(earliest, oldestInWindow + this.windowMs);
    }
    return earliest;
  }

  private pump(): void {
    if (this.disposed) return;
    const now = this.timers.now();
    const nextDeadline = this.expireWaiting(now);
    if (this.inFlight !== null || this.waiting.length === 0) return;
    if (!this.online) {
      this.wakeAt(nextDeadline);
      return;
    }
    const allowed = this.earliestAllowedStart(now);
    if (allowed > now) {
      this.wakeAt(Math.min(allowed, nextDeadline));
      return;
    }
    this.start(this.waiting.shift() as QueuedItem<P>, now);
  }

  private start(item: QueuedItem<P>, now: number): void {
    this.inFlight = item;
    this.attemptStarts.push(now);
    const isRetry = item.attempts > 0;
    item.attempts += 1;
    if (item.state !== 'sending') {
      item.state = 'sending';
      this.options.onChange(item);
    }
    let settled = false;
    const attemptTimer = this.timers.setTimeout(() => {
      if (settled) return;
      settled = true;
      this.inFlight = null;
      this.fail(item, 'timeout');
      this.pump();
    }, this.attemptTimeoutMs);

    let sending: Promise<void>;
    try {
      sending = this.options.transport(item, isRetry);
    } catch (error) {
      sending = Promise.reject(error);
    }
    sending.then(
      () => {
        this.timers.clearTimeout(attemptTimer);
        if (settled) {
          // The ack came after we gave up: it was delivered after all, so say so.
          if (item.state === 'failed' && item.failure?.reason === 'timeout') {
            item.state = 'sent';
            delete item.failure;
            this.options.onChange(item);
          }
          return;
        }
        settled = true;
        this.inFlight = null;
        item.state = 'sent';
        this.options.onChange(item);
        this.pump();
      },
      (error: unknown) => {
        this.timers.clearTimeout(attemptTimer);
        if (settled) return;
        settled = true;
        this.inFlight = null;
        const kind = this.options.classify(error);
        if (kind === 'fatal') {
          this.fail(item, 'rejected', error);
        } else {
          // Back to the head, same message; its wait deadline still applies.
          this.waiting.unshift(item);
          this.notBefore = this.timers.now() + this.backoffMs;
        }
        this.pump();
      },
    );
  }
}
