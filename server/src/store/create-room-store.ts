/** Picks the room store from the configuration: Redis when REDIS_URL is set, else this process's memory. */
import type { ServerConfig } from '../config';
import { MemoryRoomStore } from './memory-room-store';
import { connectRedisRoomStore } from './redis-room-store';
import type { RoomStore, RoomStoreOptions } from './room-store';

export interface RoomStoreDeps {
  now: () => number;
  onConnectionError: (error: Error) => void;
}

export function roomStoreOptions(config: ServerConfig): RoomStoreOptions {
  return { leaseMs: config.roomOwnerTtlSeconds * 1000, cohostLimit: config.cohostLimit };
}

export async function createRoomStore(config: ServerConfig, deps: RoomStoreDeps): Promise<RoomStore> {
  const options = roomStoreOptions(config);
  if (config.redisUrl === null) return new MemoryRoomStore(options, deps.now);
  // Redis keeps its own time for TTLs; the injected clock only dates the leases we report.
  return connectRedisRoomStore({
    ...options,
    url: config.redisUrl,
    now: deps.now,
    onConnectionError: deps.onConnectionError,
  });
}
