/**
 * `npm run bench:chat`: how much setData one new message costs on the chat page, with 10, 100 and
 * 1000 messages already on screen. The page renders under Jest (jsdom + miniprogram-simulate), so this
 * runs scripts/bench/chat-append.bench.ts there and prints what it recorded. It fails when the cost
 * grows with the history (beyond the few bytes of a longer index such as `messages[1000]`).
 */
import { spawnSync } from 'child_process';
import fs from 'fs';
import path from 'path';

const ROOT = path.resolve(__dirname, '..');
const OUTPUT = path.join(ROOT, 'build', 'bench-chat.json');
/** A longer index (`messages[1000]`, `msg1000`) adds a few bytes; anything more is the list leaking in. */
const ALLOWED_GROWTH_BYTES = 16;

interface Measured {
  calls: number;
  bytes: number;
  keys: string[];
}
interface Row {
  history: number;
  rendered: number;
  received: Measured;
  sent: Measured;
}

function runBench(): boolean {
  const jestBin = path.join(ROOT, 'node_modules', 'jest', 'bin', 'jest.js');
  const config = {
    rootDir: ROOT,
    testEnvironment: 'jsdom',
    roots: ['<rootDir>/scripts/bench'],
    testMatch: ['**/chat-append.bench.ts'],
    transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json', diagnostics: false }] },
    moduleFileExtensions: ['ts', 'js', 'json'],
    modulePathIgnorePatterns: ['<rootDir>/miniprogram/live/miniprogram_npm', '<rootDir>/build'],
    setupFiles: ['<rootDir>/tests/helpers/setup-globals.ts'],
  };
  fs.rmSync(OUTPUT, { force: true });
  const result = spawnSync(
    process.execPath,
    [jestBin, '--config', JSON.stringify(config), '--runInBand', '--silent'],
    {
      cwd: ROOT,
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  );
  return result.status === 0;
}

function main(): number {
  console.log(
    'Rendering the chat page with 10, 100 and 1000 messages of history (Jest + miniprogram-simulate) …',
  );
  const ok = runBench();
  if (!fs.existsSync(OUTPUT)) {
    console.error('The bench wrote no results; see the Jest output above.');
    return 1;
  }
  const rows = JSON.parse(fs.readFileSync(OUTPUT, 'utf8')) as Row[];
  console.log('');
  console.log('history | on screen | received: setData calls | bytes | sent (append + sent): calls | bytes');
  console.log('------- | --------- | ----------------------- | ----- | -------------------------- | -----');
  for (const r of rows) {
    console.log(
      `${String(r.history).padStart(7)} | ${String(r.rendered).padStart(9)} | ${String(r.received.calls).padStart(23)} | ${String(r.received.bytes).padStart(5)} | ${String(r.sent.calls).padStart(26)} | ${String(r.sent.bytes).padStart(5)}`,
    );
  }
  const last = rows[rows.length - 1];
  if (last !== undefined) {
    console.log('');
    console.log(
      `paths written for one received message at ${last.history}: ${last.received.keys.join(', ')}`,
    );
    console.log(`paths written for one sent message at ${last.history}: ${last.sent.keys.join(', ')}`);
  }
  const first = rows[0];
  if (first !== undefined && last !== undefined) {
    const growth = Math.max(last.received.bytes - first.received.bytes, last.sent.bytes - first.sent.bytes);
    const callGrowth = Math.max(
      last.received.calls - first.received.calls,
      last.sent.calls - first.sent.calls,
    );
    if (growth > ALLOWED_GROWTH_BYTES || callGrowth > 0) {
      console.error(
        `FAIL: the cost of one message grows with the history (+${growth} bytes, +${callGrowth} calls).`,
      );
      return 1;
    }
    console.log(
      `OK: one message costs the same at ${first.history} and ${last.history} messages (±${growth} bytes).`,
    );
  }
  return ok ? 0 : 1;
}

process.exit(main());
