/**
 * Where each conversation's history paging stands: the oldest message fetched so far (ZIM's cursor
 * for the next older page) and whether the start has been reached. Concurrent requests for the same
 * conversation share one fetch, so a double tap on "load older" asks once.
 */
import type { ZIMMessage } from 'zego-zim-miniprogram';

export const HISTORY_PAGE_SIZE = 20;

interface Cursor {
  oldest?: ZIMMessage;
  exhausted: boolean;
  loading: Promise<ZIMMessage[]> | null;
}

export type FetchPage = (nextMessage: ZIMMessage | undefined, count: number) => Promise<ZIMMessage[]>;

export class HistoryPager {
  private readonly cursors = new Map<string, Cursor>();

  hasOlder(key: string): boolean {
    return !(this.cursors.get(key)?.exhausted ?? false);
  }

  /** Fetches the next older page for `key`; an empty list once the start is reached. */
  next(key: string, fetch: FetchPage): Promise<ZIMMessage[]> {
    let cursor = this.cursors.get(key);
    if (cursor === undefined) {
      cursor = { exhausted: false, loading: null };
      this.cursors.set(key, cursor);
    }
    if (cursor.exhausted) return Promise.resolve([]);
    if (cursor.loading !== null) return cursor.loading;
    const state = cursor;
    state.loading = fetch(state.oldest, HISTORY_PAGE_SIZE)
      .then((page) => {
        if (page.length < HISTORY_PAGE_SIZE) state.exhausted = true;
        state.oldest = page.reduce<ZIMMessage | undefined>(
          (acc, m) => (acc === undefined || (m.timestamp ?? 0) < (acc.timestamp ?? 0) ? m : acc),
          state.oldest,
        );
        return page;
      })
      .finally(() => {
        state.loading = null;
      });
    return state.loading;
  }

  forget(key: string): void {
    this.cursors.delete(key);
  }
}
