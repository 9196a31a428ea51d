/**
 * Run by `npm run bench:chat` (scripts/bench-chat.ts) under Jest + jsdom, because the chat page renders
 * through miniprogram-simulate there. For each history size it renders the real chat page with that
 * many messages loaded, appends one message (one received, one sent), and records every setData call
 * with its payload size. Results go to build/bench-chat.json for the runner to print.
 */
import fs from 'fs';
import path from 'path';
import type * as SessionModule from '../../miniprogram/live/services/chat-session';
import { FakeTokenProvider } from '../../tests/fakes/fake-token-provider';
import { FakeZimCloud, TEST_APP_ID } from '../../tests/fakes/fake-zim-cloud';
import { ChatService } from '../../miniprogram/live/services/chat-service';
import { renderPage } from '../../tests/helpers/render-page';

export const BENCH_OUTPUT = path.resolve(__dirname, '../../build/bench-chat.json');
const SIZES = [10, 100, 1000];

interface Measured {
  calls: number;
  bytes: number;
  keys: string[];
}

export interface BenchRow {
  history: number;
  rendered: number;
  afterAppends: number;
  received: Measured;
  sent: Measured;
}

function measure(calls: Record<string, unknown>[]): Measured {
  return {
    calls: calls.length,
    bytes: calls.reduce((sum, patch) => sum + Buffer.byteLength(JSON.stringify(patch), 'utf8'), 0),
    keys: calls.flatMap((patch) => Object.keys(patch)),
  };
}

async function run<T>(promise: Promise<T>): Promise<T> {
  let done = false;
  void promise.finally(() => (done = true)).catch(() => undefined);
  while (!done) await jest.advanceTimersByTimeAsync(10);
  return promise;
}

async function benchOne(history: number): Promise<BenchRow> {
  jest.resetModules();
  jest.useFakeTimers({ now: new Date('2026-03-01T08:00:00Z') });
  const session = require('../../miniprogram/live/services/chat-session') as typeof SessionModule;
  const cloud = new FakeZimCloud();
  // History ends a second ago, so the appended message needs no time separator at any size.
  cloud.seedPeerHistory(
    'bob',
    'alice',
    Array.from({ length: history }, (_, i) => `history message ${i}`),
    Date.now() - history * 1000,
  );
  const bob = new ChatService({
    zim: cloud.device(),
    appID: TEST_APP_ID,
    userID: 'bob',
    tokens: new FakeTokenProvider(),
  });
  await run(bob.ensureLoggedIn());
  session.provideChatSessionDeps({
    zim: cloud.device(),
    config: () => ({
      ok: true,
      config: {
        appID: TEST_APP_ID,
        servers: ['wss://x.example'],
        tokenUrl: 'https://t.example',
        authMode: 'dev',
      },
    }),
    userID: () => 'alice',
    userName: () => 'alice',
    tokens: () => new FakeTokenProvider(),
  });

  const page = renderPage('live/pages/chat/index', { peerID: 'bob' });
  await jest.advanceTimersByTimeAsync(300);
  while (page.instance.data.hasOlder) {
    page.instance.onLoadOlder();
    await jest.advanceTimersByTimeAsync(100);
  }
  const rendered = page.findAll('.bubble').length;

  const calls: Record<string, unknown>[] = [];
  const setData = page.instance.setData.bind(page.instance);
  page.instance.setData = (patch: Record<string, unknown>, callback?: () => void) => {
    calls.push(patch);
    return setData(patch, callback);
  };

  bob.sendText('alice', 'peer', 'one more from bob');
  await jest.advanceTimersByTimeAsync(500);
  const received = measure(calls.splice(0));

  page.instance.onDraftInput({ detail: { value: 'and one from alice' } });
  calls.splice(0); // typing is not the append
  page.instance.onSend();
  await jest.advanceTimersByTimeAsync(500);
  // onSend's own input reset (draft, counter, error) is not part of the list update.
  const inputOnly = (patch: Record<string, unknown>) =>
    Object.keys(patch).every((k) => ['draft', 'counter', 'sendError'].includes(k));
  const sent = measure(calls.splice(0).filter((patch) => !inputOnly(patch)));
  const afterAppends = page.findAll('.bubble').length;

  page.detach();
  session.resetChatSession();
  jest.useRealTimers();
  return { history, rendered, afterAppends, received, sent };
}

it('measures setData per appended message for 10, 100 and 1000 messages of history', async () => {
  const rows: BenchRow[] = [];
  for (const size of SIZES) rows.push(await benchOne(size));
  fs.mkdirSync(path.dirname(BENCH_OUTPUT), { recursive: true });
  fs.writeFileSync(BENCH_OUTPUT, JSON.stringify(rows, null, 2));
  for (const row of rows) {
    expect(row.rendered).toBe(row.history);
    expect(row.afterAppends).toBe(row.history + 2);
  }
}, 300_000);
