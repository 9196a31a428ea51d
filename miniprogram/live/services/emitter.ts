/** A tiny typed event emitter; `on` returns the unsubscribe function so pages cannot leak handlers. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export class Emitter<Events extends { [K in keyof Events]: (...args: any[]) => void }> {
  private readonly handlers = new Map<keyof Events, Set<Events[keyof Events]>>();

  /** `owner` names the service in the log line when one of its handlers throws. */
  constructor(private readonly owner = 'room') {}

  on<K extends keyof Events>(event: K, handler: Events[K]): () => void {
    let set = this.handlers.get(event);
    if (set === undefined) {
      set = new Set();
      this.handlers.set(event, set);
    }
    set.add(handler);
    return () => {
      set.delete(handler);
    };
  }

  emit<K extends keyof Events>(event: K, ...args: Parameters<Events[K]>): void {
    const set = this.handlers.get(event);
    if (set === undefined) return;
    for (const handler of Array.from(set)) {
      try {
        (handler as (...a: Parameters<Events[K]>) => void)(...args);
      } catch (error) {
        // A broken view handler must not stop the service's own bookkeeping.
        console.error(`[${this.owner}] ${String(event)} handler failed`, error);
      }
    }
  }

  listenerCount(): number {
    let count = 0;
    for (const set of this.handlers.values()) count += set.size;
    return count;
  }

  clear(): void {
    this.handlers.clear();
  }
}
