/**
 * `wechat` auth mode: a wx.login code is exchanged through WeChat's code2Session for the user's
 * openid, and the openid is turned into our user ID. The ID is a keyed hash so it is stable (a
 * returning user gets the same one), fits the shared ID rule and does not reveal the openid.
 */
import { createHmac } from 'node:crypto';
import type { WechatConfig } from './config';
import { ApiError } from './errors';

export type Code2Session = (code: string) => Promise<{ openid: string }>;

const CODE2SESSION_TIMEOUT_MS = 5000;
/** "wx_" + 24 base64url characters (144 bits): well inside [A-Za-z0-9_-]{1,32}. */
const USER_ID_HASH_CHARS = 24;

export function userIdForOpenid(openid: string, key: string): string {
  const digest = createHmac('sha256', key).update(openid, 'utf8').digest('base64url');
  return `wx_${digest.slice(0, USER_ID_HASH_CHARS)}`;
}

interface Code2SessionReply {
  openid?: unknown;
  errcode?: unknown;
  errmsg?: unknown;
}

/** WeChat's answers that are the caller's fault, as opposed to ours or WeChat's. */
function rejectionFor(errcode: number, errmsg: string): ApiError | null {
  switch (errcode) {
    case 40029: // invalid code
    case 40163: // code already used
      return new ApiError(401, 'invalid_code', `WeChat rejected the login code (${errcode}: ${errmsg})`);
    case 40226:
      return new ApiError(403, 'user_blocked', 'WeChat blocked this user (high risk)');
    case 45011:
      return new ApiError(
        429,
        'wechat_rate_limited',
        'too many logins for this user; try again in a minute',
        {
          'retry-after': '60',
        },
      );
    default:
      return null;
  }
}

export function createCode2Session(wechat: WechatConfig): Code2Session {
  return async (code: string) => {
    const query = new URLSearchParams({
      appid: wechat.appId,
      secret: wechat.appSecret,
      js_code: code,
      grant_type: 'authorization_code',
    });
    let reply: Code2SessionReply;
    try {
      const response = await fetch(`${wechat.apiBase}/sns/jscode2session?${query.toString()}`, {
        signal: AbortSignal.timeout(CODE2SESSION_TIMEOUT_MS),
      });
      // WeChat answers JSON but labels it text/plain, so parse the text ourselves.
      reply = JSON.parse(await response.text()) as Code2SessionReply;
      if (reply === null || typeof reply !== 'object') throw new Error('not an object');
    } catch {
      throw new ApiError(502, 'wechat_unavailable', 'could not reach WeChat code2Session; try again');
    }
    const errcode = typeof reply.errcode === 'number' ? reply.errcode : 0;
    if (errcode !== 0) {
      const errmsg = typeof reply.errmsg === 'string' ? reply.errmsg.slice(0, 200) : '';
      throw (
        rejectionFor(errcode, errmsg) ??
        new ApiError(
          502,
          'wechat_error',
          `WeChat code2Session failed (${errcode}); check WX_APPID/WX_APPSECRET`,
        )
      );
    }
    if (typeof reply.openid !== 'string' || reply.openid === '') {
      throw new ApiError(502, 'wechat_error', 'WeChat code2Session returned no openid');
    }
    return { openid: reply.openid };
  };
}
