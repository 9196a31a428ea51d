/**
 * The default store: one process's memory, no extra service. Node runs each method to completion
 * before the next, which makes every check-and-change atomic. Lapsed rooms are dropped when next
 * touched, and swept now and then so abandoned rooms do not pile up.
 */
import type {
  ClaimResult,
  EndResult,
  HostActionResult,
  PublishRight,
  RoomState,
  RoomStore,
  RoomStoreOptions,
} from './room-store';

interface RoomEntry {
  hostUserID: string;
  cohosts: Set<string>;
  leaseExpiresAtMs: number;
}

export class MemoryRoomStore implements RoomStore {
  private readonly rooms = new Map<string, RoomEntry>();
  private lastSweepMs: number;

  constructor(
    private readonly options: RoomStoreOptions,
    /** Milliseconds since the epoch; injected so tests can let a lease lapse. */
    private readonly now: () => number = Date.now,
  ) {
    this.lastSweepMs = now();
  }

  async claimHost(roomID: string, userID: string): Promise<ClaimResult> {
    const entry = this.live(roomID);
    if (entry !== undefined && entry.hostUserID !== userID) return { kind: 'owned_by_other' };
    this.sweepNowAndThen();
    // A fresh claim starts with no approvals: a previous owner's co-hosts are not this host's.
    const claimed = entry ?? { hostUserID: userID, cohosts: new Set<string>(), leaseExpiresAtMs: 0 };
    this.rooms.set(roomID, claimed);
    return { kind: 'owner', room: this.renew(roomID, claimed) };
  }

  async renewLease(roomID: string, hostUserID: string): Promise<HostActionResult> {
    return this.asHost(roomID, hostUserID, () => undefined);
  }

  async approveCohost(roomID: string, hostUserID: string, cohostUserID: string): Promise<HostActionResult> {
    return this.asHost(roomID, hostUserID, (entry) => {
      if (entry.cohosts.has(cohostUserID)) return undefined;
      if (entry.cohosts.size >= this.options.cohostLimit) return { kind: 'cohost_limit' };
      entry.cohosts.add(cohostUserID);
      return undefined;
    });
  }

  async revokeCohost(roomID: string, hostUserID: string, cohostUserID: string): Promise<HostActionResult> {
    return this.asHost(roomID, hostUserID, (entry) => {
      entry.cohosts.delete(cohostUserID);
      return undefined;
    });
  }

  async endRoom(roomID: string, hostUserID: string): Promise<EndResult> {
    const entry = this.live(roomID);
    if (entry === undefined) return { kind: 'no_room' };
    if (entry.hostUserID !== hostUserID) return { kind: 'not_host' };
    this.rooms.delete(roomID);
    return { kind: 'ended' };
  }

  async publishRight(roomID: string, userID: string): Promise<PublishRight> {
    const entry = this.live(roomID);
    if (entry === undefined) return 'no_room';
    if (entry.hostUserID === userID) return 'host';
    return entry.cohosts.has(userID) ? 'cohost' : 'not_approved';
  }

  async close(): Promise<void> {
    this.rooms.clear();
  }

  /** Runs a host action; the host acting counts as a sign of life, even when the action is refused. */
  private asHost(
    roomID: string,
    hostUserID: string,
    act: (entry: RoomEntry) => { kind: 'cohost_limit' } | undefined,
  ): HostActionResult {
    const entry = this.live(roomID);
    if (entry === undefined) return { kind: 'no_room' };
    if (entry.hostUserID !== hostUserID) return { kind: 'not_host' };
    const room = this.renew(roomID, entry);
    const refusal = act(entry);
    return refusal ?? { kind: 'ok', room: { ...room, cohostUserIDs: [...entry.cohosts].sort() } };
  }

  private renew(roomID: string, entry: RoomEntry): RoomState {
    entry.leaseExpiresAtMs = this.now() + this.options.leaseMs;
    return {
      roomID,
      hostUserID: entry.hostUserID,
      cohostUserIDs: [...entry.cohosts].sort(),
      leaseExpiresAtMs: entry.leaseExpiresAtMs,
    };
  }

  /** The room's entry if its lease has not lapsed; a lapsed one is dropped on the spot. */
  private live(roomID: string): RoomEntry | undefined {
    const entry = this.rooms.get(roomID);
    if (entry === undefined) return undefined;
    if (entry.leaseExpiresAtMs > this.now()) return entry;
    this.rooms.delete(roomID);
    return undefined;
  }

  /** At most once per lease period, so the cost per claim stays constant on average. */
  private sweepNowAndThen(): void {
    const now = this.now();
    if (now - this.lastSweepMs < this.options.leaseMs) return;
    this.lastSweepMs = now;
    for (const [roomID, entry] of this.rooms) {
      if (entry.leaseExpiresAtMs <= now) this.rooms.delete(roomID);
    }
  }
}
