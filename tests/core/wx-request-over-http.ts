/** Test adapters shaped like wx.request, but doing real HTTP (Node's fetch) on loopback. */
import { TokenError, type RequestFunction } from '../../miniprogram/core/token-client';

/** wx.request, performed with real HTTP (Node's fetch), counting what it sends. */
export function httpRequest(sent: Array<Record<string, string>> = []): RequestFunction {
  return (options) => {
    sent.push(options.data);
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), options.timeout);
    fetch(options.url, {
      method: options.method,
      headers: options.header,
      body: JSON.stringify(options.data),
      signal: controller.signal,
    })
      .then(async (response) => {
        const text = await response.text();
        let data: unknown = text;
        try {
          data = JSON.parse(text);
        } catch {
          // wx.request leaves unparseable bodies as strings too
        }
        const header: Record<string, string> = {};
        response.headers.forEach((value, name) => (header[name] = value));
        options.success({ statusCode: response.status, data, header });
      })
      .catch((error: Error) =>
        options.fail({ errMsg: `request:fail ${controller.signal.aborted ? 'timeout' : error.message}` }),
      )
      .finally(() => clearTimeout(timer));
    return { abort: () => controller.abort() };
  };
}

export async function failure(promise: Promise<unknown>): Promise<TokenError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof TokenError) return error;
    throw error;
  }
  throw new Error('expected a TokenError');
}
