/**
 * Who may have a publishing token for a room. The first user to ask for a host token owns the room
 * (each host token renews that ownership); a co-host token goes only to users the room's host has
 * approved. Audience tokens need nothing. Refusals are 403s naming what to do instead.
 */
import type { FastifyBaseLogger } from 'fastify';
import { ApiError } from './errors';
import type { Role } from './privilege';
import type { RoomStore } from './store/room-store';

/**
 * Runs a store call; a store that fails (Redis unreachable) is a 503 the client may retry, never a
 * token issued without the check.
 */
export async function fromStore<T>(log: FastifyBaseLogger, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    log.error({ err: error }, 'room store failed');
    throw new ApiError(503, 'store_unavailable', 'room state is unavailable right now; try again shortly', {
      'retry-after': '1',
    });
  }
}

export async function checkPublishRight(
  store: RoomStore,
  log: FastifyBaseLogger,
  request: { roomID: string; userID: string; role: Role },
): Promise<void> {
  const { roomID, userID, role } = request;
  if (role === 'host') {
    const claim = await fromStore(log, () => store.claimHost(roomID, userID));
    if (claim.kind === 'owned_by_other') {
      throw new ApiError(
        403,
        'room_owned',
        `room ${roomID} already has a host; join it as "audience", or as "cohost" once its host approves you`,
      );
    }
    return;
  }
  if (role === 'cohost') {
    const right = await fromStore(log, () => store.publishRight(roomID, userID));
    if (right === 'host' || right === 'cohost') return;
    throw new ApiError(
      403,
      'cohost_not_approved',
      right === 'no_room'
        ? `room ${roomID} has no host, so nobody can approve you as a co-host`
        : `the host of room ${roomID} has not approved you as a co-host`,
    );
  }
}
