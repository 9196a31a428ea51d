/** The last rooms the user joined, newest first, for one-tap rejoin. */
import { checkId, parseRole, type Role } from './ids';
import { wxStore, type KeyValueStore } from './storage';

export interface RecentRoom {
  roomID: string;
  role: Role;
  /** Unix milliseconds. */
  joinedAt: number;
}

export const RECENT_ROOMS_LIMIT = 5;
const KEY = 'recentRooms';

function isRecentRoom(value: unknown): value is RecentRoom {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return checkId(v.roomID).ok && parseRole(v.role) !== null && typeof v.joinedAt === 'number';
}

export function readRecentRooms(store: KeyValueStore = wxStore): RecentRoom[] {
  const raw = store.get(KEY);
  return Array.isArray(raw) ? raw.filter(isRecentRoom).slice(0, RECENT_ROOMS_LIMIT) : [];
}

export function addRecentRoom(entry: RecentRoom, store: KeyValueStore = wxStore): RecentRoom[] {
  const rest = readRecentRooms(store).filter((r) => r.roomID !== entry.roomID);
  const next = [entry, ...rest].slice(0, RECENT_ROOMS_LIMIT);
  store.set(KEY, next);
  return next;
}
