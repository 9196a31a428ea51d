/**
 * The host's calls to the token service about its room: keep ownership alive (heartbeat), approve
 * or revoke a co-host, end the room. Without an approval a co-host cannot get a publish token, so
 * the host's client calls approveCohost before telling the co-host to fetch one (role "cohost").
 * Over wx.request (injected in tests), authenticated like token requests: the stated host user ID
 * in dev mode, plus a fresh wx.login code in wechat mode.
 */
import type { AuthMode } from './config';
import { tokenFailure, TokenError } from './token-errors';
import { loginCode, sendJson, type LoginFunction, type RequestFunction } from './token-http';

/** Kept under its own name for callers that only make room calls. */
export type RoomRequestFunction = RequestFunction;

export interface RoomAdminClientOptions {
  /** The token endpoint from config (…/v1/token); the room calls live beside it (…/v1/rooms). */
  tokenUrl: string;
  authMode: AuthMode;
  request?: RoomRequestFunction;
  login?: LoginFunction;
  timeoutMs?: number;
}

/** The room as the service holds it after a call. */
export interface RoomLease {
  roomID: string;
  hostUserID: string;
  cohostUserIDs: string[];
  cohostLimit: number;
  /** Unix seconds: heartbeat well before this (e.g. every third of the lease). */
  leaseExpiresAt: number;
}

const DEFAULT_TIMEOUT_MS = 10_000;

export class RoomAdminClient {
  private readonly request: RoomRequestFunction;
  private readonly login: LoginFunction;
  private readonly timeoutMs: number;

  constructor(private readonly options: RoomAdminClientOptions) {
    this.request = options.request ?? ((o) => wx.request(o));
    this.login = options.login ?? ((o) => wx.login(o));
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  heartbeat(roomID: string, hostUserID: string): Promise<RoomLease> {
    return this.call('POST', `/${roomID}/heartbeat`, hostUserID, {}).then(parseLease);
  }

  /** Fails with serverCode "cohost_limit" (409) when the room is full. */
  approveCohost(roomID: string, hostUserID: string, userID: string): Promise<RoomLease> {
    return this.call('POST', `/${roomID}/cohosts`, hostUserID, { userID }).then(parseLease);
  }

  revokeCohost(roomID: string, hostUserID: string, userID: string): Promise<RoomLease> {
    return this.call('DELETE', `/${roomID}/cohosts/${userID}`, hostUserID, {}).then(parseLease);
  }

  async endRoom(roomID: string, hostUserID: string): Promise<void> {
    await this.call('DELETE', `/${roomID}`, hostUserID, {});
  }

  /** Every call is idempotent, so one retry after a network failure or a 5xx is safe. */
  private async call(
    method: 'POST' | 'DELETE',
    path: string,
    hostUserID: string,
    extra: Record<string, string>,
  ): Promise<unknown> {
    const roomsUrl = this.options.tokenUrl.replace(/\/token\/?$/, '/rooms');
    if (!/^https?:\/\//.test(roomsUrl) || roomsUrl === this.options.tokenUrl) {
      throw tokenFailure('not_configured', this.options.tokenUrl);
    }
    for (let attempt = 0; ; attempt += 1) {
      try {
        const body: Record<string, string> = { hostUserID, ...extra };
        if (this.options.authMode === 'wechat') body.code = await this.loginCode();
        return await this.send(method, `${roomsUrl}${path}`, body);
      } catch (error) {
        const transient =
          error instanceof TokenError &&
          (error.kind === 'network' || error.kind === 'timeout' || error.kind === 'server');
        if (attempt >= 1 || !transient) throw error;
      }
    }
  }

  private loginCode(): Promise<string> {
    return loginCode(this.login, this.timeoutMs);
  }

  private async send(method: 'POST' | 'DELETE', url: string, data: Record<string, string>): Promise<unknown> {
    return (await sendJson(this.request, { url, method, data, timeoutMs: this.timeoutMs })).data;
  }
}

function parseLease(data: unknown): RoomLease {
  const reply = (typeof data === 'object' && data !== null ? data : {}) as Partial<Record<string, unknown>>;
  const { roomID, hostUserID, cohostUserIDs, cohostLimit, leaseExpiresAt } = reply;
  if (
    typeof roomID !== 'string' ||
    typeof hostUserID !== 'string' ||
    !Array.isArray(cohostUserIDs) ||
    !cohostUserIDs.every((id): id is string => typeof id === 'string') ||
    typeof cohostLimit !== 'number' ||
    typeof leaseExpiresAt !== 'number'
  ) {
    throw tokenFailure('bad_response', 'not a room lease');
  }
  return { roomID, hostUserID, cohostUserIDs, cohostLimit, leaseExpiresAt };
}
