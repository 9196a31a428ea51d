/**
 * What a token allows. With a room, the payload scopes the token to that room (ZEGO privilege keys:
 * "1" = may log in, "2" = may publish); without one it is the empty payload ZIM logs in with.
 * Built from the role alone, so nothing else in a request can widen it; whether the caller may have
 * a publishing role in the room at all is decided before (publish-rights.ts).
 */

/** host: owns the room; cohost: approved by the room's host; audience: watches only. */
export type Role = 'host' | 'cohost' | 'audience';

export const ROLES: readonly Role[] = ['host', 'cohost', 'audience'];

export function mayPublish(role: Role): boolean {
  return role === 'host' || role === 'cohost';
}

export function privilegePayload(roomID: string | undefined, role: Role): string {
  if (roomID === undefined) return '';
  // Key order is part of the documented format; JSON.stringify keeps insertion order.
  return JSON.stringify({
    room_id: roomID,
    privilege: { '1': 1, '2': mayPublish(role) ? 1 : 0 },
    stream_id_list: null,
  });
}
