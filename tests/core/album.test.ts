import { saveToAlbum, type AlbumApi } from '../../miniprogram/core/album';
import type { PermissionApi } from '../../miniprogram/core/permissions';

function permissions(setting: Record<string, boolean | undefined>, answer: boolean) {
  const asked: string[] = [];
  const api: PermissionApi = {
    getSetting: async () => ({ ...setting }),
    authorize: async (scope) => {
      asked.push(scope);
      return answer;
    },
  };
  return { api, asked };
}

function album(fails?: string) {
  const saved: string[] = [];
  const api: AlbumApi = {
    saveImage: async (path) => {
      if (fails !== undefined) throw { errMsg: fails };
      saved.push(path);
    },
  };
  return { api, saved };
}

describe('saveToAlbum', () => {
  it('asks for scope.writePhotosAlbum the first time, then saves', async () => {
    const p = permissions({}, true);
    const a = album();
    await expect(saveToAlbum('wxfile://a.jpg', p.api, a.api)).resolves.toEqual({ saved: true });
    expect(p.asked).toEqual(['scope.writePhotosAlbum']);
    expect(a.saved).toEqual(['wxfile://a.jpg']);
  });

  it('refused in the dialog, or refused earlier (no dialog any more): refused, nothing saved', async () => {
    const now = permissions({}, false);
    const a = album();
    await expect(saveToAlbum('wxfile://a.jpg', now.api, a.api)).resolves.toEqual({
      saved: false,
      reason: 'refused',
    });
    const earlier = permissions({ 'scope.writePhotosAlbum': false }, true);
    await expect(saveToAlbum('wxfile://a.jpg', earlier.api, a.api)).resolves.toEqual({
      saved: false,
      reason: 'refused',
    });
    expect(earlier.asked).toEqual([]);
    expect(a.saved).toEqual([]);
  });

  it('a save that wx refuses for auth is "refused"; any other failure is "failed"', async () => {
    const p = permissions({ 'scope.writePhotosAlbum': true }, true);
    await expect(
      saveToAlbum('x', p.api, album('saveImageToPhotosAlbum:fail auth deny').api),
    ).resolves.toEqual({ saved: false, reason: 'refused' });
    await expect(
      saveToAlbum('x', p.api, album('saveImageToPhotosAlbum:fail file not exists').api),
    ).resolves.toEqual({ saved: false, reason: 'failed' });
  });
});
