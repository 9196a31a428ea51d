/**
 * The one JSON-over-wx.request exchange both token-service clients make (tokens, and the host's room
 * calls), and the wx.login code they send in wechat mode. Failures become TokenErrors with words.
 */
import { tokenErrorFromReply, tokenFailure } from './token-errors';

/** The part of wx.request's options these clients use. */
export interface RequestOptions {
  url: string;
  method: 'POST' | 'DELETE';
  data: Record<string, string>;
  header: Record<string, string>;
  timeout: number;
  dataType: 'json';
  success: (result: { statusCode: number; data: unknown; header?: Record<string, unknown> }) => void;
  fail: (error: { errMsg: string }) => void;
}
export type RequestFunction = (options: RequestOptions) => { abort?: () => void } | void;

/** The part of wx.login's options these clients use. */
export interface LoginOptions {
  timeout: number;
  success: (result: { code: string }) => void;
  fail: (error: { errMsg: string }) => void;
}
export type LoginFunction = (options: LoginOptions) => void;

export interface JsonReply {
  data: unknown;
  header: Record<string, unknown> | undefined;
}

/** Resolves with a 2xx reply; rejects with a TokenError for a 4xx/5xx, a network failure or a timeout. */
export function sendJson(
  request: RequestFunction,
  call: { url: string; method: 'POST' | 'DELETE'; data: Record<string, string>; timeoutMs: number },
): Promise<JsonReply> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(guard);
      fn();
    };
    // wx.request has its own timeout; this guard also covers a request function that never answers.
    const guard = setTimeout(() => {
      settle(() => reject(tokenFailure('timeout', `${call.timeoutMs} ms`)));
      task?.abort?.();
    }, call.timeoutMs);
    const task = request({
      url: call.url,
      method: call.method,
      data: call.data,
      header: { 'content-type': 'application/json' },
      timeout: call.timeoutMs,
      dataType: 'json',
      success: (result) =>
        settle(() => {
          const data = parseJson(result.data);
          if (result.statusCode >= 200 && result.statusCode < 300) resolve({ data, header: result.header });
          else reject(tokenErrorFromReply(result.statusCode, data, result.header));
        }),
      fail: ({ errMsg }) =>
        settle(() => reject(tokenFailure(/timeout|超时/i.test(errMsg) ? 'timeout' : 'network', errMsg))),
    });
  });
}

/** A fresh wx.login code: each one is good for a single code2Session exchange. */
export function loginCode(login: LoginFunction, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    login({
      timeout: timeoutMs,
      success: ({ code }) =>
        typeof code === 'string' && code !== ''
          ? resolve(code)
          : reject(tokenFailure('login', 'no code from wx.login')),
      fail: ({ errMsg }) => reject(tokenFailure('login', errMsg)),
    });
  });
}

/** wx.request leaves a body it could not parse as a string. */
function parseJson(data: unknown): unknown {
  if (typeof data !== 'string') return data;
  try {
    return JSON.parse(data) as unknown;
  } catch {
    return data;
  }
}
