/** A small typed event emitter; a throwing handler is logged and does not stop the others. */

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Handlers<E> = { [K in keyof E]: (...args: any[]) => void };

export class Emitter<E extends Handlers<E>> {
  private readonly handlers = new Map<keyof E, Set<E[keyof E]>>();

  on<K extends keyof E>(event: K, handler: E[K]): () => void {
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

  emit<K extends keyof E>(event: K, ...args: Parameters<E[K]>): void {
    const set = this.handlers.get(event);
    if (set === undefined) return;
    for (const handler of Array.from(set)) {
      try {
        handler(...args);
      } catch (error) {
        console.error(`[chat] ${String(event)} handler threw`, error);
      }
    }
  }

  clear(): void {
    this.handlers.clear();
  }
}
