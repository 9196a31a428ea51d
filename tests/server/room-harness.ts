/**
 * Helpers for the room-ownership tests: ask for tokens and make the host's room calls over real
 * HTTP, and read the publish bit back out of a token.
 */
import { decodeToken04 } from '../../server/src/token04';
import { send, TEST_SECRET, type JsonReply } from './token-server-harness';

export type TokenRole = 'host' | 'cohost' | 'audience';

/** POST /v1/token in dev mode. */
export function askToken(
  baseUrl: string,
  userID: string,
  roomID: string,
  role: TokenRole,
): Promise<JsonReply> {
  return send(`${baseUrl}/v1/token`, { body: { userID, roomID, role } });
}

/** The privilege "2" (may publish) of a token reply, after checking it is for this user and room. */
export function publishBit(reply: JsonReply, userID: string, roomID: string): number {
  expect(reply.status).toBe(200);
  const { token } = reply.body as { token: string };
  const claims = decodeToken04(token, TEST_SECRET).claims;
  expect(claims.user_id).toBe(userID);
  const payload = JSON.parse(claims.payload) as { room_id: string; privilege: Record<string, number> };
  expect(payload.room_id).toBe(roomID);
  expect(payload.privilege['1']).toBe(1);
  return payload.privilege['2'] ?? -1;
}

/** The `{error: {code}}` of a reply, after checking its status. */
export function errorCode(reply: JsonReply, status: number): string {
  expect({ status: reply.status, body: reply.body }).toMatchObject({
    status,
    body: { error: { code: expect.any(String), message: expect.any(String) } },
  });
  return (reply.body as { error: { code: string } }).error.code;
}

/** The host's room calls in dev mode, where the host states its own user ID. */
export function roomCalls(baseUrl: string, hostUserID: string) {
  const rooms = `${baseUrl}/v1/rooms`;
  return {
    heartbeat: (roomID: string) => send(`${rooms}/${roomID}/heartbeat`, { body: { hostUserID } }),
    approve: (roomID: string, userID: string) =>
      send(`${rooms}/${roomID}/cohosts`, { body: { hostUserID, userID } }),
    revoke: (roomID: string, userID: string) =>
      send(`${rooms}/${roomID}/cohosts/${userID}`, { method: 'DELETE', body: { hostUserID } }),
    end: (roomID: string) => send(`${rooms}/${roomID}`, { method: 'DELETE', body: { hostUserID } }),
  };
}
