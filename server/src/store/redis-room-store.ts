/**
 * The shared store for several instances (REDIS_URL). Keys carry TTLs, so a room whose host went
 * quiet disappears from Redis by itself; the room ID sits in a hash tag so both of a room's keys
 * land on the same Redis Cluster slot, as a script touching both requires.
 */
import Redis from 'ioredis';
import { CLAIM_HOST, HOST_ACTION, PUBLISH_RIGHT } from './redis-room-scripts';
import type {
  ClaimResult,
  EndResult,
  HostActionResult,
  PublishRight,
  RoomState,
  RoomStore,
  RoomStoreOptions,
} from './room-store';

export const DEFAULT_KEY_PREFIX = 'zego-token:';

export interface RedisRoomStoreOptions extends RoomStoreOptions {
  url: string;
  /** Namespace of this service's keys, so it can share a Redis with other users. */
  keyPrefix?: string;
  /** Told about connection problems (ioredis keeps reconnecting on its own). */
  onConnectionError?: (error: Error) => void;
  now?: () => number;
}

type ScriptName = 'roomClaimHost' | 'roomHostAction' | 'roomPublishRight';
type ScriptCall = (...keysAndArgs: string[]) => Promise<unknown>;

/** Lets start-up fail when Redis cannot be reached, rather than every request later on. */
export async function connectRedisRoomStore(options: RedisRoomStoreOptions): Promise<RedisRoomStore> {
  let connectedOnce = false;
  const redis = new Redis(options.url, {
    lazyConnect: true,
    // No retries until the first connection works, so a failed start-up leaves nothing running;
    // after that, keep reconnecting with a capped back-off.
    retryStrategy: (attempt) => (connectedOnce ? Math.min(attempt * 200, 2000) : null),
    // Fail a command at once while disconnected instead of queueing it until a request times out.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    commandTimeout: 2000,
    connectionName: 'zego-token-service',
    // How long close() waits for a socket to end; ioredis also waits this long for one already gone.
    disconnectTimeout: 200,
  });
  redis.on('error', (error: Error) => options.onConnectionError?.(error));
  // defineCommand runs each script by its SHA (EVALSHA), sending the source only when Redis lacks it.
  redis.defineCommand('roomClaimHost', { numberOfKeys: 2, lua: CLAIM_HOST });
  redis.defineCommand('roomHostAction', { numberOfKeys: 2, lua: HOST_ACTION });
  redis.defineCommand('roomPublishRight', { numberOfKeys: 2, lua: PUBLISH_RIGHT });
  try {
    await redis.connect();
    connectedOnce = true;
  } catch (error) {
    // Without retries the client has already ended; disconnect() on an ended client leaves a handle open.
    if (redis.status !== 'end') redis.disconnect();
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`could not connect to Redis (REDIS_URL): ${reason}`);
  }
  return new RedisRoomStore(redis, options);
}

export class RedisRoomStore implements RoomStore {
  private readonly keyPrefix: string;
  private readonly now: () => number;

  constructor(
    private readonly redis: Redis,
    private readonly options: RedisRoomStoreOptions,
  ) {
    this.keyPrefix = options.keyPrefix ?? DEFAULT_KEY_PREFIX;
    this.now = options.now ?? Date.now;
  }

  async claimHost(roomID: string, userID: string): Promise<ClaimResult> {
    const reply = await this.run('roomClaimHost', roomID, userID, String(this.options.leaseMs));
    const room = this.roomFrom(roomID, reply);
    return room === null ? { kind: 'owned_by_other' } : { kind: 'owner', room };
  }

  renewLease(roomID: string, hostUserID: string): Promise<HostActionResult> {
    return this.hostAction(roomID, hostUserID, 'renew', '');
  }

  approveCohost(roomID: string, hostUserID: string, cohostUserID: string): Promise<HostActionResult> {
    return this.hostAction(roomID, hostUserID, 'approve', cohostUserID);
  }

  revokeCohost(roomID: string, hostUserID: string, cohostUserID: string): Promise<HostActionResult> {
    return this.hostAction(roomID, hostUserID, 'revoke', cohostUserID);
  }

  async endRoom(roomID: string, hostUserID: string): Promise<EndResult> {
    const reply = await this.run('roomHostAction', roomID, hostUserID, '0', 'end', '', '0');
    const status = statusOf(reply);
    if (status === 'ended' || status === 'no_room' || status === 'not_host') return { kind: status };
    throw new Error(`unexpected reply from the end-room script: ${status}`);
  }

  async publishRight(roomID: string, userID: string): Promise<PublishRight> {
    const reply = await this.run('roomPublishRight', roomID, userID);
    if (reply === 'host' || reply === 'cohost' || reply === 'not_approved' || reply === 'no_room')
      return reply;
    throw new Error(`unexpected reply from the publish-right script: ${String(reply)}`);
  }

  async close(): Promise<void> {
    // QUIT lets replies under way arrive; without a connection, stop reconnecting instead.
    if (this.redis.status === 'ready') {
      try {
        await this.redis.quit();
        return;
      } catch {
        // the connection dropped meanwhile
      }
    }
    this.redis.disconnect();
  }

  private async hostAction(
    roomID: string,
    hostUserID: string,
    action: 'renew' | 'approve' | 'revoke',
    cohostUserID: string,
  ): Promise<HostActionResult> {
    const reply = await this.run(
      'roomHostAction',
      roomID,
      hostUserID,
      String(this.options.leaseMs),
      action,
      cohostUserID,
      String(this.options.cohostLimit),
    );
    const status = statusOf(reply);
    if (status === 'no_room' || status === 'not_host' || status === 'cohost_limit') return { kind: status };
    const room = this.roomFrom(roomID, reply);
    if (room === null) throw new Error(`unexpected reply from the host-action script: ${status}`);
    return { kind: 'ok', room };
  }

  private run(name: ScriptName, roomID: string, ...args: string[]): Promise<unknown> {
    const base = `${this.keyPrefix}room:{${roomID}}`;
    // defineCommand adds the method at run time, out of sight of the type checker.
    const call = (this.redis as unknown as Record<ScriptName, ScriptCall>)[name].bind(this.redis);
    return call(`${base}:host`, `${base}:cohosts`, ...args);
  }

  /** An `{'ok', owner, leaseMs, ...cohosts}` reply as a RoomState; null for any other reply. */
  private roomFrom(roomID: string, reply: unknown): RoomState | null {
    if (!Array.isArray(reply) || reply[0] !== 'ok') return null;
    const [, hostUserID, leaseMs, ...cohosts] = reply.map(String);
    return {
      roomID,
      hostUserID: hostUserID ?? '',
      cohostUserIDs: cohosts.sort(),
      leaseExpiresAtMs: this.now() + Number(leaseMs),
    };
  }
}

function statusOf(reply: unknown): string {
  return Array.isArray(reply) ? String(reply[0]) : String(reply);
}
