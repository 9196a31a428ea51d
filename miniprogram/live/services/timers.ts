import type { Clock } from './room-types';

/** Every timer the room starts goes through here, so leaving can cancel them all and tests can count them. */
export class Timers {
  private readonly pending = new Map<string, unknown>();
  private seq = 0;

  constructor(private readonly clock: Clock) {}

  /** Starts (or restarts) the timer named `key`; an unnamed one gets a fresh key. */
  after(ms: number, callback: () => void, key = `t${(this.seq += 1)}`): string {
    this.cancel(key);
    const handle = this.clock.setTimeout(() => {
      this.pending.delete(key);
      callback();
    }, ms);
    this.pending.set(key, handle);
    return key;
  }

  cancel(key: string): void {
    const handle = this.pending.get(key);
    if (handle === undefined) return;
    this.clock.clearTimeout(handle);
    this.pending.delete(key);
  }

  has(key: string): boolean {
    return this.pending.has(key);
  }

  cancelAll(): void {
    for (const key of Array.from(this.pending.keys())) this.cancel(key);
  }

  get size(): number {
    return this.pending.size;
  }
}
