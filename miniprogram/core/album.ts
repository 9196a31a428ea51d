/**
 * Saving a picture to the phone's photo album: `scope.writePhotosAlbum` first (asked once; after a
 * refusal only `<button open-type="openSetting">` brings it back), then wx.saveImageToPhotosAlbum.
 */
import { ensurePermissions, type PermissionApi } from './permissions';

export interface AlbumApi {
  /** Rejects with wx's `{errMsg}` when the save fails. */
  saveImage(filePath: string): Promise<void>;
}

/** `refused`: the user said no to the album (the page offers Settings); `failed`: anything else. */
export type AlbumOutcome = { saved: true } | { saved: false; reason: 'refused' | 'failed' };

/** Asks for the album scope (once) before anything else is done, e.g. before taking a snapshot. */
export async function albumAllowed(permissions: PermissionApi): Promise<boolean> {
  return (await ensurePermissions(['scope.writePhotosAlbum'], permissions)).granted;
}

export async function saveToAlbum(
  filePath: string,
  permissions: PermissionApi,
  album: AlbumApi,
): Promise<AlbumOutcome> {
  if (!(await albumAllowed(permissions))) return { saved: false, reason: 'refused' };
  try {
    await album.saveImage(filePath);
    return { saved: true };
  } catch (error) {
    const message =
      typeof error === 'object' && error !== null ? String((error as { errMsg?: unknown }).errMsg) : '';
    // The scope can be switched off between the check and the save.
    return { saved: false, reason: /auth den/i.test(message) ? 'refused' : 'failed' };
  }
}

export const wxAlbum: AlbumApi = {
  saveImage: (filePath) =>
    new Promise<void>((resolve, reject) => {
      wx.saveImageToPhotosAlbum({ filePath, success: () => resolve(), fail: reject });
    }),
};
