/**
 * Prints miniprogram-ci's progress (compile steps, then the upload) one line per change, which
 * reads the same in a terminal and in a CI log where redrawn lines would turn into noise.
 */
import type { CiTaskStatus, ProgressListener } from './ci-options';

export type Write = (line: string) => void;

const MARK: Record<CiTaskStatus['status'], string> = {
  doing: '…',
  done: '✓',
  fail: '✗',
  warn: '!',
  info: '·',
};

export function createProgressPrinter(write: Write, now: () => number = Date.now): ProgressListener {
  const startedAt = new Map<string, number>();
  const printed = new Set<string>();
  return (task) => {
    if (typeof task === 'string') {
      const message = task.trim();
      if (message !== '') write(`  ${MARK.info} ${message}`);
      return;
    }
    const key = `${task.id}\u0000${task.status}\u0000${task.message}`;
    if (printed.has(key)) return;
    printed.add(key);
    if (task.status === 'doing') {
      startedAt.set(task.id, now());
      write(`  ${MARK.doing} ${task.message}`);
      return;
    }
    const started = startedAt.get(task.id);
    const took =
      task.status === 'done' && started !== undefined ? ` (${((now() - started) / 1000).toFixed(1)}s)` : '';
    write(`  ${MARK[task.status]} ${task.message}${took}`);
  };
}
