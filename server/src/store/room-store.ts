/**
 * Who owns a room and whom its host approved to publish: the state behind publish rights. Kept
 * behind this interface so one process can hold it in memory and several instances can share it
 * in Redis. Every method is atomic: a check and the change it guards happen as one step, so two
 * instances can never both hand out the same room.
 */

export interface RoomState {
  roomID: string;
  hostUserID: string;
  /** Sorted, so replies are stable. */
  cohostUserIDs: string[];
  /** Milliseconds since the epoch when ownership lapses unless the host shows signs of life. */
  leaseExpiresAtMs: number;
}

export interface RoomStoreOptions {
  /** How long ownership (and the approvals with it) lasts after the host's last sign of life. */
  leaseMs: number;
  /** Approved co-hosts per room, the host not counted. */
  cohostLimit: number;
}

/** The first user to claim a room owns it; claiming again as that user renews the lease. */
export type ClaimResult = { kind: 'owner'; room: RoomState } | { kind: 'owned_by_other' };

/** The room's host acting on it: refused when nobody owns the room or someone else does. */
export type HostActionResult =
  { kind: 'ok'; room: RoomState } | { kind: 'no_room' } | { kind: 'not_host' } | { kind: 'cohost_limit' };

export type EndResult = { kind: 'ended' } | { kind: 'no_room' } | { kind: 'not_host' };

/** Why a user may (or may not) publish in a room. */
export type PublishRight = 'host' | 'cohost' | 'not_approved' | 'no_room';

export interface RoomStore {
  /** Takes a free room for `userID`, or renews the lease if `userID` already owns it. */
  claimHost(roomID: string, userID: string): Promise<ClaimResult>;
  /** The host's heartbeat: renews the lease. */
  renewLease(roomID: string, hostUserID: string): Promise<HostActionResult>;
  /** Lets `cohostUserID` publish; approving someone already approved is not counted twice. Renews the lease. */
  approveCohost(roomID: string, hostUserID: string, cohostUserID: string): Promise<HostActionResult>;
  /** Withdraws an approval (idempotent). Renews the lease. */
  revokeCohost(roomID: string, hostUserID: string, cohostUserID: string): Promise<HostActionResult>;
  /** Releases ownership and every approval at once. */
  endRoom(roomID: string, hostUserID: string): Promise<EndResult>;
  publishRight(roomID: string, userID: string): Promise<PublishRight>;
  close(): Promise<void>;
}
