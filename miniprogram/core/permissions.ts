/**
 * Camera and microphone before going live. `wx.authorize` shows the system dialog only once; after a
 * refusal the only way back is `<button open-type="openSetting">`, so a refusal is reported with the
 * scopes that need it and the page shows that button.
 */
import type { Role } from './ids';

export type LiveScope = 'scope.camera' | 'scope.record';
/** Saving a snapshot to the photo album. */
export type AlbumScope = 'scope.writePhotosAlbum';
export type Scope = LiveScope | AlbumScope;

export type PermissionOutcome<S extends Scope = LiveScope> =
  { granted: true } | { granted: false; denied: S[] };

export interface PermissionApi {
  /** authSetting as wx.getSetting reports it: true granted, false refused, absent never asked. */
  getSetting(): Promise<Record<string, boolean | undefined>>;
  /** Resolves true when the user allowed the scope. */
  authorize(scope: Scope): Promise<boolean>;
}

export function scopesForRole(role: Role): LiveScope[] {
  // An audience member only watches: never ask for the camera or microphone.
  return role === 'host' ? ['scope.camera', 'scope.record'] : [];
}

export async function ensurePermissions<S extends Scope = LiveScope>(
  scopes: S[],
  api: PermissionApi,
): Promise<PermissionOutcome<S>> {
  if (scopes.length === 0) return { granted: true };
  const setting = await api.getSetting();
  const denied: S[] = [];
  for (const scope of scopes) {
    const state = setting[scope];
    if (state === true) continue;
    if (state === false) {
      denied.push(scope);
      continue;
    }
    if (!(await api.authorize(scope))) denied.push(scope);
  }
  return denied.length === 0 ? { granted: true } : { granted: false, denied };
}

export const wxPermissionApi: PermissionApi = {
  getSetting: () =>
    new Promise((resolve) => {
      wx.getSetting({
        success: (res) => resolve(res.authSetting as Record<string, boolean | undefined>),
        fail: () => resolve({}),
      });
    }),
  authorize: (scope) =>
    new Promise((resolve) => {
      wx.authorize({ scope, success: () => resolve(true), fail: () => resolve(false) });
    }),
};
