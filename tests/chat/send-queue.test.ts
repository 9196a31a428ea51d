import { SendQueue, type QueuedItem, type Timers } from '../../miniprogram/live/services/chat/send-queue';

/** Timers on Jest's fake clock. */
const timers: Timers = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

interface Harness {
  queue: SendQueue<string>;
  starts: { id: string; at: number; isRetry: boolean }[];
  states: string[];
  /** How each attempt ends; default: succeeds after 10 ms. */
  answer: (id: string) => Promise<void>;
}

function harness(options: Partial<ConstructorParameters<typeof SendQueue<string>>[0]> = {}): Harness {
  const h: Harness = {
    starts: [],
    states: [],
    answer: () => new Promise((resolve) => setTimeout(resolve, 10)),
    queue: undefined as unknown as SendQueue<string>,
  };
  h.queue = new SendQueue<string>({
    timers,
    transport: (item: QueuedItem<string>, isRetry: boolean) => {
      h.starts.push({ id: item.id, at: Date.now(), isRetry });
      return h.answer(item.id);
    },
    classify: (error) => {
      const code = (error as { code?: number }).code;
      return code === 6000004 ? 'rate_limited' : code === 6000104 ? 'connection' : 'fatal';
    },
    onChange: (item) => h.states.push(`${item.id}:${item.state}`),
    ...options,
  });
  return h;
}

beforeEach(() => jest.useFakeTimers({ now: 1_000_000 }));
afterEach(() => jest.useRealTimers());

describe('SendQueue', () => {
  it('sends in order, ≥100 ms apart and never more than 10 in any second', async () => {
    const h = harness({ minGapMs: 100, maxPerWindow: 10, windowMs: 1000 });
    h.answer = () => Promise.resolve(); // instant acks: only the pacing limits the rate
    h.queue.setOnline(true);
    for (let i = 0; i < 30; i += 1) h.queue.enqueue(`m${i}`, `text ${i}`);
    await jest.advanceTimersByTimeAsync(5000);
    expect(h.starts.map((s) => s.id)).toEqual(Array.from({ length: 30 }, (_, i) => `m${i}`));
    for (let i = 1; i < h.starts.length; i += 1) {
      expect(
        (h.starts[i] as { at: number }).at - (h.starts[i - 1] as { at: number }).at,
      ).toBeGreaterThanOrEqual(100);
    }
    for (const s of h.starts) {
      expect(h.starts.filter((o) => o.at > s.at - 1000 && o.at <= s.at).length).toBeLessThanOrEqual(10);
    }
  });

  it('honours a 10-per-second window tighter than the gap alone would give', async () => {
    const h = harness({ minGapMs: 10, maxPerWindow: 10, windowMs: 1000 });
    h.answer = () => Promise.resolve();
    h.queue.setOnline(true);
    for (let i = 0; i < 25; i += 1) h.queue.enqueue(`m${i}`, 'x');
    await jest.advanceTimersByTimeAsync(1500);
    expect(h.starts.length).toBe(20);
    expect((h.starts[10] as { at: number }).at - (h.starts[0] as { at: number }).at).toBeGreaterThanOrEqual(
      1000,
    );
  });

  it('waits while offline and sends everything in order once online', async () => {
    const h = harness();
    for (let i = 0; i < 5; i += 1) h.queue.enqueue(`m${i}`, 'x');
    await jest.advanceTimersByTimeAsync(3000);
    expect(h.starts).toEqual([]);
    h.queue.setOnline(true);
    await jest.advanceTimersByTimeAsync(3000);
    expect(h.starts.map((s) => s.id)).toEqual(['m0', 'm1', 'm2', 'm3', 'm4']);
    expect(h.queue.pending()).toEqual([]);
  });

  it('fails a message that waited past the timeout, never drops it silently', async () => {
    const h = harness({ waitTimeoutMs: 5000 });
    h.queue.enqueue('m0', 'x');
    await jest.advanceTimersByTimeAsync(5001);
    expect(h.queue.get('m0')).toMatchObject({ state: 'failed', failure: { reason: 'timeout' } });
    h.queue.setOnline(true);
    await jest.advanceTimersByTimeAsync(1000);
    expect(h.starts).toEqual([]);
  });

  it('an attempt that hangs fails after the attempt timeout; a late ack turns it into sent', async () => {
    const h = harness({ attemptTimeoutMs: 1000 });
    h.answer = () => new Promise((resolve) => setTimeout(resolve, 3000));
    h.queue.setOnline(true);
    h.queue.enqueue('m0', 'x');
    await jest.advanceTimersByTimeAsync(1001);
    expect(h.queue.get('m0')?.state).toBe('failed');
    await jest.advanceTimersByTimeAsync(2000);
    expect(h.queue.get('m0')?.state).toBe('sent');
  });

  it('retry resends the same item, flagged as a resend; retry of a non-failed item does nothing', async () => {
    const h = harness();
    let first = true;
    h.answer = () => {
      if (first) {
        first = false;
        return Promise.reject({ code: 6000203 });
      }
      return Promise.resolve();
    };
    h.queue.setOnline(true);
    h.queue.enqueue('m0', 'payload');
    await jest.advanceTimersByTimeAsync(100);
    expect(h.queue.get('m0')?.state).toBe('failed');
    expect(h.queue.retry('m0')).toBe(true);
    expect(h.queue.retry('m0')).toBe(false);
    await jest.advanceTimersByTimeAsync(200);
    expect(h.starts).toEqual([
      { id: 'm0', at: expect.any(Number), isRetry: false },
      { id: 'm0', at: expect.any(Number), isRetry: true },
    ]);
    expect(h.queue.get('m0')).toMatchObject({ state: 'sent', payload: 'payload' });
  });

  it('enqueueing the same ID twice (double tap) sends once', async () => {
    const h = harness();
    h.queue.setOnline(true);
    const a = h.queue.enqueue('tap', 'x');
    const b = h.queue.enqueue('tap', 'x');
    expect(a).toBe(b);
    await jest.advanceTimersByTimeAsync(1000);
    expect(h.starts).toHaveLength(1);
  });

  it('a rate-limit or connection error keeps the message at the head and tries again after a pause', async () => {
    const h = harness({ backoffMs: 1000 });
    const errors = [{ code: 6000004 }, { code: 6000104 }];
    h.answer = (id) =>
      id === 'm0' && errors.length > 0 ? Promise.reject(errors.shift()) : Promise.resolve();
    h.queue.setOnline(true);
    h.queue.enqueue('m0', 'x');
    h.queue.enqueue('m1', 'x');
    await jest.advanceTimersByTimeAsync(5000);
    expect(h.starts.map((s) => s.id)).toEqual(['m0', 'm0', 'm0', 'm1']);
    expect(h.starts[1]!.at - h.starts[0]!.at).toBeGreaterThanOrEqual(1000);
    expect(h.queue.get('m0')?.state).toBe('sent');
  });

  it('failAll fails what is waiting (the session ended)', () => {
    const h = harness();
    h.queue.enqueue('m0', 'x');
    h.queue.enqueue('m1', 'x');
    h.queue.failAll();
    expect(h.states).toEqual(['m0:queued', 'm1:queued', 'm0:failed', 'm1:failed']);
  });
});
