/**
 * Prints miniprogram-ci's progress (compile steps, then the upload) one line per change, which
 * reads the same in a terminal and in a CI log where redrawn lines would turn into noise.
 * WeChat's compiler reports every file twice ("Compiling x.ts", then "x.js"); those are counted
 * and summarised every few seconds instead of filling the log with hundreds of lines.
 */
import type { CiTaskStatus, ProgressListener } from './ci-options';

export type Write = (line: string) => void;

export interface ProgressPrinter {
  update: ProgressListener;
  /** Prints the file count still pending; call when miniprogram-ci returns or throws. */
  finish: () => void;
}

const MARK: Record<CiTaskStatus['status'], string> = {
  doing: '…',
  done: '✓',
  fail: '✗',
  warn: '!',
  info: '·',
};

const FILE_TASK = /^Compiling \S/;
export const FILE_SUMMARY_INTERVAL_MS = 2000;

function fileCount(count: number): string {
  return `${count} file${count === 1 ? '' : 's'}`;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)}s`;
}

export function createProgressPrinter(
  write: Write,
  now: () => number = Date.now,
  intervalMs: number = FILE_SUMMARY_INTERVAL_MS,
): ProgressPrinter {
  const started = new Map<string, { at: number; message: string }>();
  const fileTasks = new Set<string>();
  const printed = new Set<string>();
  let files: { done: number; since: number; lastTick: number } | undefined;

  const finish = () => {
    if (files === undefined) return;
    write(`  ${MARK.done} compiled ${fileCount(files.done)} (${seconds(now() - files.since)})`);
    files = undefined;
  };

  const countFile = (task: CiTaskStatus) => {
    const at = now();
    files ??= { done: 0, since: at, lastTick: at };
    if (task.status === 'done') files.done += 1;
    if (at - files.lastTick >= intervalMs) {
      files.lastTick = at;
      write(`  ${MARK.doing} compiled ${fileCount(files.done)}`);
    }
  };

  const update: ProgressListener = (task) => {
    if (typeof task === 'string') {
      const message = task.trim();
      if (message === '') return;
      finish();
      write(`  ${MARK.info} ${message}`);
      return;
    }
    if (task.status === 'doing' && FILE_TASK.test(task.message)) fileTasks.add(task.id);
    if (fileTasks.has(task.id) && (task.status === 'doing' || task.status === 'done')) {
      countFile(task);
      return;
    }
    // A finished step often comes back without its message; name it after the step that started.
    const begun = started.get(task.id);
    const message = task.message.trim() || begun?.message || '';
    const key = `${task.id}\u0000${task.status}\u0000${message}`;
    if (message === '' || printed.has(key)) return;
    printed.add(key);
    finish();
    if (task.status === 'doing') {
      started.set(task.id, { at: now(), message });
      write(`  ${MARK.doing} ${message}`);
      return;
    }
    const took = task.status === 'done' && begun !== undefined ? ` (${seconds(now() - begun.at)})` : '';
    write(`  ${MARK[task.status]} ${message}${took}`);
  };

  return { update, finish };
}
