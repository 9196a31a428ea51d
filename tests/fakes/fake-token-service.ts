/**
 * The token service's rules, in process, for room and page tests: the real MemoryRoomStore (first
 * host owns the room, co-hosts only when approved, the limit) decides; replies and refusals have the
 * shapes the HTTP clients produce (TokenError with the server's code). Tokens are Token04s the fake
 * cloud accepts, with the publish bit the server would set.
 */
import type { RoomLease } from '../../miniprogram/core/room-admin-client';
import { tokenErrorFromReply } from '../../miniprogram/core/token-errors';
import type { IssuedToken, TokenProvider, TokenRequest } from '../../miniprogram/core/token-provider';
import type { RoomAdmin } from '../../miniprogram/live/services/interactive-room';
import { MemoryRoomStore } from '../../server/src/store/memory-room-store';
import type { HostActionResult, RoomState } from '../../server/src/store/room-store';
import { makeToken } from './test-tokens';

function refusal(status: number, code: string, message: string): Error {
  return tokenErrorFromReply(status, { error: { code, message } }, {});
}

export class FakeTokenService {
  readonly store: MemoryRoomStore;
  readonly calls: string[] = [];

  constructor(
    readonly cohostLimit = 3,
    private readonly now: () => number = Date.now,
  ) {
    this.store = new MemoryRoomStore({ leaseMs: 300_000, cohostLimit }, now);
  }

  /** A TokenProvider for one phone (records its requests). */
  tokens(): TokenProvider & { requests: TokenRequest[] } {
    const requests: TokenRequest[] = [];
    return {
      requests,
      getToken: async (request: TokenRequest): Promise<IssuedToken> => {
        requests.push(request);
        return this.issue(request);
      },
    };
  }

  private async issue(request: TokenRequest): Promise<IssuedToken> {
    const { userID, roomID } = request;
    const role = request.role ?? 'audience';
    this.calls.push(`token ${userID} ${role}`);
    let canPublish = false;
    if (roomID !== undefined && role === 'host') {
      const claim = await this.store.claimHost(roomID, userID);
      if (claim.kind === 'owned_by_other')
        throw refusal(403, 'room_owned', `room ${roomID} already has a host`);
      canPublish = true;
    } else if (roomID !== undefined && role === 'cohost') {
      const right = await this.store.publishRight(roomID, userID);
      if (right !== 'host' && right !== 'cohost')
        throw refusal(403, 'cohost_not_approved', `the host of room ${roomID} has not approved you`);
      canPublish = true;
    }
    const token = makeToken(userID, { roomID, canPublish });
    return { token, userID, expiresAt: Math.floor(this.now() / 1000) + 3600 };
  }

  admin(): RoomAdmin {
    return {
      heartbeat: async (roomID, host) => {
        this.calls.push(`heartbeat ${roomID} ${host}`);
        return this.lease(await this.store.renewLease(roomID, host), roomID);
      },
      approveCohost: async (roomID, host, userID) => {
        this.calls.push(`approve ${userID}`);
        return this.lease(await this.store.approveCohost(roomID, host, userID), roomID);
      },
      revokeCohost: async (roomID, host, userID) => {
        this.calls.push(`revoke ${userID}`);
        return this.lease(await this.store.revokeCohost(roomID, host, userID), roomID);
      },
      endRoom: async (roomID, host) => {
        this.calls.push(`end ${roomID}`);
        const result = await this.store.endRoom(roomID, host);
        if (result.kind === 'not_host') throw refusal(403, 'not_room_host', 'only the host');
        if (result.kind === 'no_room') throw refusal(404, 'room_not_found', 'no such room');
      },
    };
  }

  private lease(result: HostActionResult, roomID: string): RoomLease {
    switch (result.kind) {
      case 'ok':
        return toLease(result.room, this.cohostLimit);
      case 'not_host':
        throw refusal(403, 'not_room_host', `only the host of room ${roomID} may do this`);
      case 'no_room':
        throw refusal(404, 'room_not_found', `room ${roomID} has no host`);
      case 'cohost_limit':
        throw refusal(409, 'cohost_limit', `room ${roomID} already has ${this.cohostLimit} co-hosts`);
    }
  }
}

function toLease(room: RoomState, cohostLimit: number): RoomLease {
  return {
    roomID: room.roomID,
    hostUserID: room.hostUserID,
    cohostUserIDs: room.cohostUserIDs,
    cohostLimit,
    leaseExpiresAt: Math.floor(room.leaseExpiresAtMs / 1000),
  };
}
