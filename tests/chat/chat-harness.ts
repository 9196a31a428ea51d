/** Wires ChatServices (one per phone) to one FakeZimCloud, on Jest's fake clock. */
import { ChatService, type ChatServiceDeps } from '../../miniprogram/live/services/chat-service';
import type { ChatMessage, ConnectionInfo, TimelineChange } from '../../miniprogram/live/services/chat/types';
import { FakeZimCloud, TEST_APP_ID } from '../fakes/fake-zim-cloud';
import { FakeTokenProvider } from '../fakes/fake-token-provider';

export const START = new Date('2026-03-01T08:00:00Z');

export function useChatClock(): void {
  jest.useFakeTimers({ now: START });
}

export async function advance(ms: number): Promise<void> {
  await jest.advanceTimersByTimeAsync(ms);
}

/** Awaits a promise while the fake clock runs (the fake cloud answers on timers). */
export async function run<T>(promise: Promise<T>, limitMs = 120_000): Promise<T> {
  let done = false;
  const tracked = promise.finally(() => {
    done = true;
  });
  tracked.catch(() => undefined);
  for (let waited = 0; !done && waited < limitMs; waited += 10) await jest.advanceTimersByTimeAsync(10);
  return tracked;
}

export interface Phone {
  service: ChatService;
  tokens: FakeTokenProvider;
  device: ReturnType<FakeZimCloud['device']>;
  logs: string[];
  connections: ConnectionInfo[];
  notices: string[];
  changes: TimelineChange[];
  received: ChatMessage[];
}

export function phone(cloud: FakeZimCloud, userID: string, extra: Partial<ChatServiceDeps> = {}): Phone {
  const device = cloud.device();
  const tokens = new FakeTokenProvider();
  const logs: string[] = [];
  const service = new ChatService({
    zim: device,
    appID: TEST_APP_ID,
    userID,
    userName: userID,
    tokens,
    log: (message) => logs.push(message),
    ...extra,
  });
  const p: Phone = { service, tokens, device, logs, connections: [], notices: [], changes: [], received: [] };
  service.on('connection', (info) => p.connections.push(info));
  service.on('notice', (text) => p.notices.push(text.en));
  service.on('timeline', (_id, _kind, change) => p.changes.push(change));
  service.on('received', (message) => p.received.push(message));
  return p;
}

export function texts(messages: readonly ChatMessage[]): string[] {
  return messages.map((m) => m.text);
}

export { FakeZimCloud };
