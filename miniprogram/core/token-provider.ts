import type { Role } from './ids';

/**
 * The roles a token can be asked for: a room's `host` (the first to ask owns the room), a `cohost`
 * (may publish once the room's host approved them, see room-admin-client.ts), or `audience`.
 */
export type TokenRole = Role | 'cohost';

/** What a service asks for: an RTC token scoped to a room and role, or (no roomID) a ZIM token. */
export interface TokenRequest {
  userID: string;
  roomID?: string;
  role?: TokenRole;
  userName?: string;
}

export interface IssuedToken {
  token: string;
  userID: string;
  /** Unix seconds. */
  expiresAt: number;
}

/**
 * Where services get tokens. The client never signs tokens itself: the HTTP TokenClient asks
 * server/ for them. `forceRefresh` skips any cache (renewal after tokenWillExpire).
 */
export interface TokenProvider {
  getToken(request: TokenRequest, options?: { forceRefresh?: boolean }): Promise<IssuedToken>;
}
