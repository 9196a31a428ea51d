/**
 * Promises over the SDK's callback-style calls: a live-pusher/live-player snapshot (the SDK passes our
 * options to the wx context and only logs a throw) and addPublishCdnUrl / removePublishCdnUrl (which
 * reject with `{errorCode, extendedData}` or resolve `{errorCode: -1}` without the CDN module).
 */
import type { LiveSnapshotOptions } from '../../../typings/zego-express';
import { codeOf, describeError, type ErrorInfo } from '../../core/errors';
import type { Clock } from './room-types';

/** Resolves with the temp image path; rejects with `failure` on fail, on an empty path or after `timeoutMs`. */
export function snapshotOf(
  target: { snapshot(options?: LiveSnapshotOptions): void },
  clock: Clock,
  timeoutMs: number,
  failure: ErrorInfo,
): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    let settled = false;
    const settle = (action: () => void) => {
      if (settled) return;
      settled = true;
      clock.clearTimeout(timer);
      action();
    };
    const timer = clock.setTimeout(() => settle(() => reject(failure)), timeoutMs);
    const options: LiveSnapshotOptions = {
      quality: 'raw',
      success: (result) =>
        settle(() =>
          typeof result?.tempImagePath === 'string' && result.tempImagePath !== ''
            ? resolve(result.tempImagePath)
            : reject(failure),
        ),
      fail: () => settle(() => reject(failure)),
    };
    try {
      target.snapshot(options);
    } catch {
      settle(() => reject(failure));
    }
  });
}

/** A relay request; any failure throws the relay table's ErrorInfo for its code. */
export async function relayRequest(request: () => Promise<{ errorCode: number }>): Promise<void> {
  let result: { errorCode: number };
  try {
    result = await request();
  } catch (error) {
    const code =
      typeof error === 'object' && error !== null && 'errorCode' in error
        ? Number((error as { errorCode: unknown }).errorCode)
        : codeOf(error);
    throw describeError('relay', code);
  }
  if (result.errorCode !== 0) throw describeError('relay', result.errorCode);
}
