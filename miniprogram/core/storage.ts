/**
 * Typed access to wx storage. Every read tolerates a missing or corrupt value (returns the fallback),
 * because a bad cache must never keep the entry page from rendering.
 */

export interface KeyValueStore {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
}

export const wxStore: KeyValueStore = {
  get(key) {
    try {
      return wx.getStorageSync(key) as unknown;
    } catch {
      return undefined;
    }
  },
  set(key, value) {
    try {
      wx.setStorageSync(key, value);
    } catch {
      // Storage full or unavailable: remembering is a convenience, not a requirement.
    }
  },
};
