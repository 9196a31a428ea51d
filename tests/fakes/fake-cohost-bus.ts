/**
 * ZIM peer command delivery between phones, for co-host signalling tests: what one side sends reaches
 * the other asynchronously (as ZIM does), only while the receiver is connected; everything sent is logged.
 */
import type { CohostMessage, CohostSignal } from '../../miniprogram/live/services/cohost-protocol';
import { parseCohostMessage } from '../../miniprogram/live/services/cohost-protocol';

type Handler = (fromUserID: string, message: CohostMessage) => void;

export class FakeCohostBus {
  readonly log: Array<{ from: string; to: string; message: CohostMessage }> = [];
  private readonly handlers = new Map<string, Set<Handler>>();
  /** Users whose messages are lost (e.g. offline). */
  readonly unreachable = new Set<string>();

  signal(userID: string): CohostSignal {
    return {
      send: async (to, message) => {
        // Over the wire it is JSON bytes: the receiver parses, as ZimCohostSignal does.
        const wire = JSON.parse(JSON.stringify(message)) as unknown;
        this.log.push({ from: userID, to, message });
        if (this.unreachable.has(to)) return;
        queueMicrotask(() => {
          const parsed = parseCohostMessage(wire);
          if (parsed === null) return;
          for (const handler of Array.from(this.handlers.get(to) ?? [])) handler(userID, parsed);
        });
      },
      on: (handler) => {
        const set = this.handlers.get(userID) ?? new Set<Handler>();
        set.add(handler);
        this.handlers.set(userID, set);
        return () => set.delete(handler);
      },
    };
  }

  types(from?: string, to?: string): string[] {
    return this.log
      .filter((e) => (from === undefined || e.from === from) && (to === undefined || e.to === to))
      .map((e) => e.message.type);
  }

  listenerCount(): number {
    let n = 0;
    for (const set of this.handlers.values()) n += set.size;
    return n;
  }
}
