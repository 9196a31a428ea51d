/**
 * The settings sheet and tile tools on the real room page with the fake cloud: playback mode switch
 * (remembered), snapshot + album permission, torch on the back camera only, CDN relay.
 */
import type { AlbumApi } from '../../miniprogram/core/album';
import type { KeyValueStore } from '../../miniprogram/core/storage';
import type { PermissionApi } from '../../miniprogram/core/permissions';
import { LIVE_MAX_CACHE, LIVE_MIN_CACHE } from '../../miniprogram/live/services/playback-mode';
import { flush } from '../helpers/render-page';
import { FakeZegoCloud, type FakePusher } from '../fakes/zego-cloud';
import { openRoom, pusherReports, type OpenOptions } from './room-harness';

const HOST_STREAM = 'room1_host1_main';
const RELAY = 'rtmp://push.example.com/live/room1';

function memoryStore(): KeyValueStore & { map: Map<string, unknown> } {
  const map = new Map<string, unknown>();
  return { map, get: (key) => map.get(key), set: (key, value) => void map.set(key, value) };
}

function fakeAlbum(): AlbumApi & { saved: string[] } {
  const saved: string[] = [];
  return { saved, saveImage: async (path) => void saved.push(path) };
}

/** Camera and mic allowed; the album as given (undefined = never asked) and what the dialog answers. */
function permissionsWith(album: boolean | undefined, answer = true): PermissionApi & { asked: string[] } {
  const asked: string[] = [];
  const setting: Record<string, boolean | undefined> = {
    'scope.camera': true,
    'scope.record': true,
    'scope.writePhotosAlbum': album,
  };
  return {
    asked,
    getSetting: async () => ({ ...setting }),
    // As wx does: the answer is kept, so the dialog shows only once.
    authorize: async (scope) => {
      asked.push(scope);
      setting[scope] = answer;
      return answer;
    },
  };
}

const toasts: string[] = [];
beforeEach(() => {
  toasts.length = 0;
  (wx as unknown as Record<string, unknown>).showToast = ({ title }: { title: string }) =>
    void toasts.push(title);
});

async function liveHost(cloud: FakeZegoCloud, options: OpenOptions = {}) {
  const host = await openRoom(cloud, {
    role: 'host',
    userID: 'host1',
    userName: 'Alice',
    lang: 'en',
    ...options,
  });
  await pusherReports(host, 1002);
  return host;
}

describe('playback mode on the room page', () => {
  it('a viewer picks "smooth": the rendered live-player turns live with the cache, the room is not left, the choice is stored', async () => {
    const cloud = new FakeZegoCloud();
    const host = await liveHost(cloud);
    const store = memoryStore();
    const viewer = await openRoom(cloud, { lang: 'en', deps: { store } });
    expect(viewer.page.attributes('.tile__player').mode).toBe('RTC');

    await viewer.page.tap('.settings-button');
    expect(viewer.page.text('.sheet--settings')).toContain('(auto: by room size)');
    expect(viewer.page.find('.setting__choice--rtc').dom.className).toContain('setting__choice--on');
    await viewer.page.tap('.setting__choice--live');
    await flush(4);

    const attributes = viewer.page.attributes('.tile__player');
    expect(attributes).toMatchObject({
      id: HOST_STREAM,
      mode: 'live',
      minCache: LIVE_MIN_CACHE,
      maxCache: LIVE_MAX_CACHE,
    });
    expect(viewer.page.find('.setting__choice--live').dom.className).toContain('setting__choice--on');
    expect(viewer.page.text('.sheet--settings')).not.toContain('auto');
    expect(store.map.get('live.playbackPreference')).toBe('smooth');
    const engine = viewer.engine();
    expect(engine?.count('loginRoom')).toBe(1);
    expect(engine?.count('logoutRoom')).toBe(0);
    expect(engine?.count('play')).toBe(2);
    expect(viewer.page.findAll('.tile__player')).toHaveLength(1);

    // remembered: the next visit starts in live mode, no switch needed
    viewer.page.lifecycle('onUnload');
    await flush(8);
    viewer.page.detach();
    const again = await openRoom(cloud, { userID: 'viewer1', lang: 'en', deps: { store } });
    expect(again.page.attributes('.tile__player').mode).toBe('live');
    expect(again.engine()?.count('play')).toBe(1);
    again.page.detach();
    host.page.detach();
  });

  it('the host has no playback choice (always RTC) but the relay controls', async () => {
    const cloud = new FakeZegoCloud();
    const host = await liveHost(cloud);
    await host.page.tap('.settings-button');
    expect(host.page.findAll('.setting__choice')).toHaveLength(0);
    expect(host.page.text('.setting__note')).toBe('Hosts and co-hosts always use low latency');
    expect(host.page.findAll('.relay__toggle')).toHaveLength(1);
    host.page.detach();
  });
});

describe('snapshot on the room page', () => {
  it('album allowed: the host snapshots their preview, it is saved and a toast says so', async () => {
    const cloud = new FakeZegoCloud();
    const album = fakeAlbum();
    const permissions = permissionsWith(undefined, true);
    const host = await liveHost(cloud, { permissions, deps: { album } });
    await host.page.tap('.tile--self .tile__snapshot');
    await flush(8);
    expect(permissions.asked).toEqual(['scope.writePhotosAlbum']);
    expect(album.saved).toEqual([expect.stringMatching(/^wxfile:\/\/tmp\/snapshot-pusher/)]);
    expect(toasts).toEqual(['Saved to your album']);
    expect(host.page.findAll('.notice')).toHaveLength(0);
    host.page.detach();
  });

  it('a viewer snapshots a remote tile', async () => {
    const cloud = new FakeZegoCloud();
    const host = await liveHost(cloud);
    const album = fakeAlbum();
    const viewer = await openRoom(cloud, { lang: 'en', permissions: permissionsWith(true), deps: { album } });
    await viewer.page.tap('.tile--remote .tile__snapshot');
    await flush(8);
    expect(album.saved).toEqual([expect.stringContaining(HOST_STREAM)]);
    expect(toasts).toEqual(['Saved to your album']);
    viewer.page.detach();
    host.page.detach();
  });

  it('album refused earlier: no snapshot, a message and the openSetting button', async () => {
    const cloud = new FakeZegoCloud();
    const album = fakeAlbum();
    const permissions = permissionsWith(false);
    const host = await liveHost(cloud, { permissions, deps: { album } });
    await host.page.tap('.tile--self .tile__snapshot');
    await flush(8);
    expect(host.page.text('.notice__text')).toBe(
      'Saving snapshots needs access to your photo album: turn it on in Settings',
    );
    expect(host.page.attributes('.notice__settings').openType).toBe('openSetting');
    expect(permissions.asked).toEqual([]);
    expect((host.engine()?.pusher as FakePusher).calls).not.toContain('snapshot');
    expect(album.saved).toEqual([]);
    expect(toasts).toEqual([]);
    host.page.detach();
  });

  it('refused in the dialog: same message and button', async () => {
    const cloud = new FakeZegoCloud();
    const host = await liveHost(cloud, {
      permissions: permissionsWith(undefined, false),
      deps: { album: fakeAlbum() },
    });
    await host.page.tap('.tile--self .tile__snapshot');
    await flush(8);
    expect(host.page.findAll('.notice__settings')).toHaveLength(1);
    host.page.detach();
  });

  it('the native snapshot fails: a clear message, nothing saved', async () => {
    const cloud = new FakeZegoCloud();
    cloud.snapshotFails = true;
    const album = fakeAlbum();
    const host = await liveHost(cloud, { permissions: permissionsWith(true), deps: { album } });
    await host.page.tap('.tile--self .tile__snapshot');
    await flush(8);
    expect(host.page.text('.notice__text')).toBe('Could not take the snapshot; please try again');
    expect(host.page.findAll('.notice__settings')).toHaveLength(0);
    expect(album.saved).toEqual([]);
    host.page.detach();
  });
});

describe('torch on the room page', () => {
  it('hidden on the front camera, shown on the back camera, toggles the native torch, hidden again after flipping back', async () => {
    const cloud = new FakeZegoCloud();
    const host = await liveHost(cloud);
    expect(host.page.findAll('.control--torch')).toHaveLength(0);
    await host.page.tap('.control--switch');
    expect(host.page.text('.control--torch')).toBe('Torch off');
    await host.page.tap('.control--torch');
    await flush(4);
    expect(host.page.text('.control--torch')).toBe('Torch on');
    const pusher = host.engine()?.pusher as FakePusher;
    expect(pusher.torchOn).toBe(true);
    await host.page.tap('.control--switch');
    expect(host.page.findAll('.control--torch')).toHaveLength(0);
    expect(host.page.instance.data.torchOn).toBe(false);
    host.page.detach();
  });

  it('an audience member never sees the torch', async () => {
    const cloud = new FakeZegoCloud();
    const host = await liveHost(cloud);
    const viewer = await openRoom(cloud, { lang: 'en' });
    expect(viewer.page.findAll('.control--torch')).toHaveLength(0);
    viewer.page.detach();
    host.page.detach();
  });
});

describe('CDN relay on the room page', () => {
  it('an invalid address is refused with words; a valid one relays, shows on, stops, and the address is remembered', async () => {
    const cloud = new FakeZegoCloud();
    const store = memoryStore();
    const host = await liveHost(cloud, { deps: { store } });
    await host.page.tap('.settings-button');
    expect(host.page.text('.relay__state')).toBe('Not relaying');

    await host.page.type('.relay__url', 'http://push.example.com/live/room1');
    await host.page.tap('.relay__toggle');
    await flush(4);
    expect(host.page.text('.notice__text')).toBe('The relay address must start with rtmp://');
    expect(host.engine()?.count('addPublishCdnUrl')).toBe(0);

    await host.page.type('.relay__url', RELAY);
    await host.page.tap('.relay__toggle');
    await flush(4);
    expect(cloud.relays.get(HOST_STREAM)).toEqual(new Set([RELAY]));
    expect(host.page.text('.relay__state')).toBe('Relaying');
    expect(host.page.text('.relay__toggle')).toBe('Stop relay');
    expect(store.map.get('live.relayUrl')).toBe(RELAY);

    await host.page.tap('.relay__toggle');
    await flush(4);
    expect(cloud.relays.size).toBe(0);
    expect(host.page.text('.relay__state')).toBe('Not relaying');
    host.page.detach();
  });

  it('the configured address is prefilled; relay not enabled for the AppID shows why and stays off', async () => {
    const cloud = new FakeZegoCloud();
    cloud.cdnRelayEnabled = false;
    const host = await liveHost(cloud, { deps: { relayUrl: () => RELAY } });
    await host.page.tap('.settings-button');
    expect(host.page.instance.data.relayDraft).toBe(RELAY);
    await host.page.tap('.relay__toggle');
    await flush(4);
    expect(host.page.text('.notice__text')).toBe(
      'CDN relay failed: check that CDN relay is enabled for this AppID in the ZEGO console',
    );
    expect(host.page.text('.relay__state')).toBe('Not relaying');
    expect(host.page.instance.data.relayBusy).toBe(false);
    host.page.detach();
  });

  it('leaving the room stops the relay', async () => {
    const cloud = new FakeZegoCloud();
    const host = await liveHost(cloud, { deps: { relayUrl: () => RELAY } });
    await host.page.tap('.settings-button');
    await host.page.tap('.relay__toggle');
    await flush(4);
    expect(cloud.relays.size).toBe(1);
    const engine = host.engine();
    await host.page.tap('.control--leave');
    await flush(8);
    expect(engine?.calls.find((c) => c.method === 'removePublishCdnUrl')?.args).toEqual([HOST_STREAM, RELAY]);
    expect(cloud.relays.size).toBe(0);
    host.page.detach();
  });
});
