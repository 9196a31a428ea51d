/**
 * The room's settings sheet and tile tools, as page methods spread into the room page: playback mode
 * (audience), CDN relay (host), torch (host, back camera), snapshots of any tile saved to the album.
 * The work is RoomService.extras'; this file turns its events into setData by path and its errors
 * into the page's notice. No SDK here (the page may call wx for the toast).
 */
import { albumAllowed, saveToAlbum, type AlbumApi } from '../../../core/album';
import type { ErrorInfo } from '../../../core/errors';
import type { Lang } from '../../../core/i18n';
import type { PermissionApi } from '../../../core/permissions';
import type { KeyValueStore } from '../../../core/storage';
import {
  parsePlaybackPreference,
  PLAYBACK_PREFERENCE_KEY,
  type PlaybackMode,
  type PlaybackPreference,
} from '../../services/playback-mode';
import type { RoomService } from '../../services/room-service';
import { text } from './strings';

/** The last relay address that worked, offered again next time (config wins when set). */
export const RELAY_URL_KEY = 'live.relayUrl';

export interface SheetDeps {
  permissions: PermissionApi;
  album: AlbumApi;
  store: KeyValueStore;
  relayUrl(): string;
}

export interface SheetData {
  showSettings: boolean;
  playback: { mode: PlaybackMode; preference: PlaybackPreference };
  relay: { on: boolean; url: string };
  relayDraft: string;
  relayBusy: boolean;
  torchOn: boolean;
}

export interface SheetView {
  readonly data: SheetData;
  setData(patch: Record<string, unknown>): void;
}

interface Sheet {
  service: RoomService;
  lang: Lang;
  deps: SheetDeps;
  snapshotBusy: boolean;
}

const sheets = new WeakMap<object, Sheet>();

export function sheetData(): SheetData {
  return {
    showSettings: false,
    playback: { mode: 'RTC', preference: 'auto' },
    relay: { on: false, url: '' },
    relayDraft: '',
    relayBusy: false,
    torchOn: false,
  };
}

/** Before join: the remembered mode is applied, the relay address prefilled, the events bound. */
export function attachSheet(
  view: SheetView,
  service: RoomService,
  deps: SheetDeps,
  lang: Lang,
): Array<() => void> {
  const extras = service.extras;
  sheets.set(view, { service, lang, deps, snapshotBusy: false });
  const unsubscribe = [
    extras.on('playback', (p) => {
      const patch: Record<string, unknown> = {};
      if (view.data.playback.mode !== p.mode) patch['playback.mode'] = p.mode;
      if (view.data.playback.preference !== p.preference) patch['playback.preference'] = p.preference;
      if (Object.keys(patch).length > 0) view.setData(patch);
    }),
    extras.on('relay', (r) => view.setData({ 'relay.on': r.on, 'relay.url': r.url })),
    extras.on('torch', (on) => view.setData({ torchOn: on })),
    () => sheets.delete(view),
  ];
  extras.setPreference(parsePlaybackPreference(deps.store.get(PLAYBACK_PREFERENCE_KEY)));
  const stored = deps.store.get(RELAY_URL_KEY);
  const draft = deps.relayUrl() || (typeof stored === 'string' ? stored : '');
  if (draft !== '') view.setData({ relayDraft: draft });
  return unsubscribe;
}

function notify(
  view: SheetView,
  sheet: Sheet,
  info: Partial<ErrorInfo> | string,
  opensSettings = false,
): void {
  const words = typeof info === 'string' ? info : (info[sheet.lang] ?? String(info.code ?? ''));
  view.setData({ notice: words, noticeOpensSettings: opensSettings });
}

function toast(title: string): void {
  try {
    void wx.showToast({ title, icon: 'success' });
  } catch {
    // a toast is a nicety
  }
}

function dataset(e: WechatMiniprogram.TouchEvent, key: string): string {
  return String((e.currentTarget.dataset as Record<string, unknown>)[key] ?? '');
}

export const sheetMethods = {
  onToggleSettings(this: SheetView) {
    this.setData({ showSettings: !this.data.showSettings });
  },

  /** "Low latency" / "smooth": applied at once (players re-play) and remembered. */
  onChoosePlayback(this: SheetView, e: WechatMiniprogram.TouchEvent) {
    const sheet = sheets.get(this);
    const preference = parsePlaybackPreference(dataset(e, 'mode'));
    if (sheet === undefined || preference === 'auto') return;
    sheet.deps.store.set(PLAYBACK_PREFERENCE_KEY, preference);
    sheet.service.extras.setPreference(preference);
  },

  /** Album permission first (no pointless snapshot), then the snapshot, then the save and a toast. */
  async onSnapshot(this: SheetView, e: WechatMiniprogram.TouchEvent) {
    const sheet = sheets.get(this);
    const streamID = dataset(e, 'stream');
    if (sheet === undefined || sheet.snapshotBusy || streamID === '') return;
    sheet.snapshotBusy = true;
    try {
      if (!(await albumAllowed(sheet.deps.permissions))) {
        notify(this, sheet, text('albumRefused', sheet.lang), true);
        return;
      }
      let path: string;
      try {
        path = await sheet.service.extras.snapshot(streamID);
      } catch (error) {
        notify(this, sheet, error as ErrorInfo);
        return;
      }
      const outcome = await saveToAlbum(path, sheet.deps.permissions, sheet.deps.album);
      if (outcome.saved) toast(text('snapshotSaved', sheet.lang));
      else if (outcome.reason === 'refused') notify(this, sheet, text('albumRefused', sheet.lang), true);
      else notify(this, sheet, text('albumFailed', sheet.lang));
    } finally {
      sheet.snapshotBusy = false;
    }
  },

  async onToggleTorch(this: SheetView) {
    const sheet = sheets.get(this);
    if (sheet === undefined) return;
    try {
      await sheet.service.extras.toggleTorch();
    } catch (error) {
      notify(this, sheet, error as ErrorInfo);
    }
  },

  onRelayInput(this: SheetView, e: WechatMiniprogram.Input) {
    this.setData({ relayDraft: e.detail.value });
  },

  async onToggleRelay(this: SheetView) {
    const sheet = sheets.get(this);
    if (sheet === undefined || this.data.relayBusy) return;
    this.setData({ relayBusy: true });
    try {
      if (this.data.relay.on) await sheet.service.extras.stopRelay();
      else {
        const state = await sheet.service.extras.startRelay(this.data.relayDraft);
        sheet.deps.store.set(RELAY_URL_KEY, state.url);
      }
    } catch (error) {
      notify(this, sheet, error as ErrorInfo);
    } finally {
      if (sheets.has(this)) this.setData({ relayBusy: false });
    }
  },
};
