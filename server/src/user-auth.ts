/**
 * Who is asking, the same way for every route: in dev mode the caller states its user ID; in wechat
 * mode its wx.login code is exchanged for the openid and the ID derived from it, and stating any
 * other ID is a 403. Token requests and the host's room calls both go through here.
 */
import type { ServerConfig } from './config';
import { ApiError } from './errors';
import { userIdForOpenid, type Code2Session } from './wechat-auth';

/** A wx.login code as the schemas accept it; ignored in dev mode. */
export const LOGIN_CODE_SCHEMA = { type: 'string', pattern: '^[A-Za-z0-9_-]{1,128}$' } as const;

/** The ID rule Express and ZIM share (miniprogram/core/ids.ts). */
export const ID_SCHEMA = { type: 'string', pattern: '^[A-Za-z0-9_-]{1,32}$' } as const;

/** Resolves the caller's user ID from what it stated and (wechat mode) its login code. */
export type Authenticate = (statedUserID: string | undefined, code: string | undefined) => Promise<string>;

export function createAuthenticate(config: ServerConfig, code2Session: Code2Session | null): Authenticate {
  return async (statedUserID, code) => {
    // The schemas require the stated ID in dev mode and the code in wechat mode.
    if (config.authMode === 'dev' || code2Session === null) return statedUserID ?? '';
    const { openid } = await code2Session(code ?? '');
    const ownID = userIdForOpenid(openid, config.wechat?.userIdKey ?? '');
    if (statedUserID !== undefined && statedUserID !== ownID) {
      throw new ApiError(403, 'forbidden_user', 'this WeChat user may only ask for its own user ID');
    }
    return ownID;
  };
}
