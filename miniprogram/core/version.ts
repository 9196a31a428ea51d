/** Compares dotted versions ("2.10.4" vs "2.9.0") numerically; missing parts count as 0. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map((n) => parseInt(n, 10) || 0);
  const pb = b.split('.').map((n) => parseInt(n, 10) || 0);
  for (let i = 0; i < Math.max(pa.length, pb.length); i += 1) {
    const diff = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (diff !== 0) return diff > 0 ? 1 : -1;
  }
  return 0;
}

/**
 * The oldest base library we support: live-pusher/live-player with RTC mode and the audio-volume
 * event the Express SDK forwards (2.10.0+); the SDK's own checkSystemRequirements reports 10001 below it.
 */
export const MIN_BASE_LIBRARY = '2.10.0';

export function isBaseLibrarySupported(sdkVersion: string | undefined): boolean {
  return sdkVersion !== undefined && sdkVersion !== '' && compareVersions(sdkVersion, MIN_BASE_LIBRARY) >= 0;
}
