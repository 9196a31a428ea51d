/**
 * The room's interactive parts as page methods spread into the room page: the room info banner and
 * the host's editor, co-hosting on both sides (ask / cancel / answer an invitation / leave the stage;
 * the host's requests list and member actions), mixing, and the host's end of the room. The work is
 * InteractiveRoom's and RoomService.stage's; this file turns their events into setData by path and
 * their refusals into the page's notice. No SDK here (the page may call wx for navigation and toasts).
 */
import type { Bilingual, Lang } from '../../../core/i18n';
import type { GuestPhase } from '../../services/cohost-guest';
import type { ConfigResult } from '../../../core/config';
import type { Role } from '../../../core/ids';
import type { TokenProvider } from '../../../core/token-provider';
import { InteractiveRoom } from '../../services/interactive-room';
import type { RoomPageDeps } from '../../services/room-deps';
import type { MixState } from '../../services/room-stage';
import type { RoomService } from '../../services/room-service';
import { stageLabelsFor, stageText } from './stage-strings';
import { isSafeKey } from './view-model';

export interface StageData {
  stageLabels: Record<string, string>;
  roomInfo: { title: string; hostUserID: string; notice: string; link: string; hostLine: string };
  stage: {
    onStage: boolean;
    guestPhase: GuestPhase;
    inviteText: string;
    cohostCountText: string;
    mix: MixState;
  };
  /** Requests and invitations by user ID (null once answered): updated by path, never as a whole list. */
  pending: Record<string, PendingView | null>;
  pendingCount: number;
  cohosts: Record<string, boolean | null>;
  showInfoEditor: boolean;
  infoDraft: { title: string; notice: string; link: string };
  infoError: string;
  members: Record<string, string | null>;
}

export interface PendingView {
  userID: string;
  userName: string;
  kind: 'request' | 'invite';
  granting: boolean;
}

export interface StageView {
  readonly data: StageData;
  setData(patch: Record<string, unknown>): void;
  /** The page's own leave (room, chat, navigation). */
  onLeave?(): Promise<void>;
}

interface Panel {
  room: InteractiveRoom;
  service: RoomService;
  lang: Lang;
}

const panels = new WeakMap<object, Panel>();

/** The smallest change from the shown requests to `list`: one path per request added, changed or gone. */
export function pendingPatch(
  shown: Record<string, PendingView | null>,
  list: PendingView[],
): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  const now = new Set<string>();
  for (const { userID, userName, kind, granting } of list) {
    if (!isSafeKey(userID)) continue;
    now.add(userID);
    const before = shown[userID];
    if (!before || before.userName !== userName || before.kind !== kind || before.granting !== granting)
      patch[`pending.${userID}`] = { userID, userName, kind, granting };
  }
  for (const id of Object.keys(shown)) if (shown[id] && !now.has(id)) patch[`pending.${id}`] = null;
  const shownCount = Object.values(shown).filter(Boolean).length;
  if (shownCount !== now.size) patch.pendingCount = now.size;
  return patch;
}

export function stageData(lang: Lang = 'zh'): Omit<StageData, 'members'> {
  return {
    stageLabels: stageLabelsFor(lang),
    roomInfo: { title: '', hostUserID: '', notice: '', link: '', hostLine: '' },
    stage: {
      onStage: false,
      guestPhase: 'idle',
      inviteText: '',
      cohostCountText: '',
      mix: { status: 'off', mode: 'direct', available: false, choice: null },
    },
    pending: {},
    pendingCount: 0,
    cohosts: {},
    showInfoEditor: false,
    infoDraft: { title: '', notice: '', link: '' },
    infoError: '',
  };
}

/** Creates the visit's InteractiveRoom from the page's deps and binds it to the view. */
export function createStage(
  view: StageView,
  input: {
    service: RoomService;
    tokens: TokenProvider;
    deps: Pick<RoomPageDeps, 'clock' | 'permissions' | 'signal' | 'admin'>;
    config: ConfigResult;
    self: { roomID: string; userID: string; userName: string; role: Role };
    lang: Lang;
  },
): { room: InteractiveRoom; unsubscribe: Array<() => void> } {
  const { service, tokens, deps, config, self, lang } = input;
  const room = new InteractiveRoom({
    ...{ service, tokens, self, clock: deps.clock, permissions: deps.permissions },
    ...{ signal: deps.signal(), admin: deps.admin(config) },
  });
  return { room, unsubscribe: attachStage(view, room, service, lang) };
}

/** Binds the interactive room's events to the view; returns the unsubscribe functions. */
export function attachStage(
  view: StageView,
  room: InteractiveRoom,
  service: RoomService,
  lang: Lang,
): Array<() => void> {
  panels.set(view, { room, service, lang });
  view.setData({ stageLabels: stageLabelsFor(lang) });
  const limit = room.host?.limit ?? 0;
  const mixID = service.stage.mixer.outputStreamID;
  return [
    service.stage.on('roomInfo', (info) => {
      const patch: Record<string, unknown> = {};
      const shown = view.data.roomInfo;
      for (const key of ['title', 'hostUserID', 'notice', 'link'] as const)
        if (shown[key] !== info[key]) patch[`roomInfo.${key}`] = info[key];
      if (shown.hostUserID !== info.hostUserID)
        patch['roomInfo.hostLine'] = stageText('hostID', lang, { id: info.hostUserID });
      if (Object.keys(patch).length > 0) view.setData(patch);
    }),
    service.stage.on('mix', (mix) => {
      const patch: Record<string, unknown> = { 'stage.mix': mix };
      // The mixed stream's tile needs a name like any other.
      if (mix.mode === 'mix' && isSafeKey(mixID))
        patch[`tiles.${mixID}`] = { name: stageText('mixedStream', lang), cameraOn: true, micOn: true };
      view.setData(patch);
    }),
    service.stage.on('onStage', (on) => view.setData({ 'stage.onStage': on })),
    room.on('guest', (state) =>
      view.setData({
        'stage.guestPhase': state.phase,
        'stage.inviteText':
          state.phase === 'invited' ? stageText('invitedBy', lang, { name: state.hostName }) : '',
      }),
    ),
    room.on('pending', (list) => {
      const patch = pendingPatch(view.data.pending, list);
      if (Object.keys(patch).length > 0) view.setData(patch);
    }),
    room.on('cohosts', (list) => {
      const patch: Record<string, unknown> = {
        'stage.cohostCountText': stageText('cohostCount', lang, { n: list.length, limit }),
      };
      const now = new Set(list.map((c) => c.userID));
      for (const id of Object.keys(view.data.cohosts))
        if (view.data.cohosts[id] && !now.has(id)) patch[`cohosts.${id}`] = null;
      for (const id of now) if (isSafeKey(id) && !view.data.cohosts[id]) patch[`cohosts.${id}`] = true;
      view.setData(patch);
    }),
    room.on('notice', (text) => notify(view, lang, text)),
    () => panels.delete(view),
  ];
}

function notify(view: StageView, lang: Lang, text: Bilingual | string): void {
  view.setData({ notice: typeof text === 'string' ? text : text[lang], noticeOpensSettings: false });
}

function id(e: WechatMiniprogram.TouchEvent): string {
  return String((e.currentTarget.dataset as Record<string, unknown>).id ?? '');
}

function toast(title: string): void {
  try {
    void wx.showToast({ title, icon: 'none' });
  } catch {
    // a toast is a nicety
  }
}

export const stageMethods = {
  // ---- audience --------------------------------------------------------------------------------
  onRequestCohost(this: StageView) {
    const panel = panels.get(this);
    const refused = panel?.room.guest?.request();
    if (panel !== undefined && refused) notify(this, panel.lang, refused);
  },
  onCancelRequest(this: StageView) {
    panels.get(this)?.room.guest?.cancel();
  },
  onAcceptInvite(this: StageView) {
    panels.get(this)?.room.guest?.acceptInvite();
  },
  onDeclineInvite(this: StageView) {
    panels.get(this)?.room.guest?.declineInvite();
  },
  onLeaveStage(this: StageView) {
    panels.get(this)?.room.guest?.leaveStage();
  },
  onChooseMix(this: StageView, e: WechatMiniprogram.TouchEvent) {
    const choice = String((e.currentTarget.dataset as Record<string, unknown>).mode ?? '');
    panels.get(this)?.service.stage.setPlayChoice(choice === 'mix' ? 'mix' : 'direct');
  },
  onCopyLink(this: StageView) {
    const panel = panels.get(this);
    const link = this.data.roomInfo.link;
    if (panel === undefined || link === '') return;
    wx.setClipboardData({ data: link, success: () => toast(stageText('linkCopied', panel.lang)) });
  },

  // ---- host: co-hosting ------------------------------------------------------------------------
  onAcceptRequest(this: StageView, e: WechatMiniprogram.TouchEvent) {
    void panels.get(this)?.room.host?.accept(id(e));
  },
  onDeclineRequest(this: StageView, e: WechatMiniprogram.TouchEvent) {
    panels.get(this)?.room.host?.decline(id(e));
  },
  onCancelInvite(this: StageView, e: WechatMiniprogram.TouchEvent) {
    panels.get(this)?.room.host?.cancelInvite(id(e));
  },
  onInviteMember(this: StageView, e: WechatMiniprogram.TouchEvent) {
    const panel = panels.get(this);
    const userID = id(e);
    const refused = panel?.room.host?.invite(userID, this.data.members[userID] ?? userID);
    if (panel !== undefined && refused) notify(this, panel.lang, refused);
  },
  onRemoveCohost(this: StageView, e: WechatMiniprogram.TouchEvent) {
    panels.get(this)?.room.host?.remove(id(e));
  },
  onAskMute(this: StageView, e: WechatMiniprogram.TouchEvent) {
    panels.get(this)?.room.host?.askToMute(id(e));
  },
  /** Any member: a 1:1 chat with them. */
  onMessageMember(this: StageView, e: WechatMiniprogram.TouchEvent) {
    const userID = id(e);
    if (userID === '') return;
    const name = this.data.members[userID] ?? userID;
    void wx.navigateTo({
      url: `/live/pages/chat/index?peerID=${encodeURIComponent(userID)}&userName=${encodeURIComponent(name)}`,
    });
  },

  // ---- host: room info, mixing, end ------------------------------------------------------------
  onEditInfo(this: StageView) {
    const { title, notice, link } = this.data.roomInfo;
    this.setData({
      showInfoEditor: !this.data.showInfoEditor,
      infoDraft: { title, notice, link },
      infoError: '',
    });
  },
  onInfoInput(this: StageView, e: WechatMiniprogram.Input) {
    const field = String((e.currentTarget.dataset as Record<string, unknown>).field ?? '');
    if (field === 'title' || field === 'notice' || field === 'link')
      this.setData({ [`infoDraft.${field}`]: e.detail.value });
  },
  async onSaveInfo(this: StageView) {
    const panel = panels.get(this);
    if (panel === undefined) return;
    const refused = await panel.room.saveRoomInfo(this.data.infoDraft);
    if (refused !== null) this.setData({ infoError: refused[panel.lang] });
    else {
      this.setData({ showInfoEditor: false, infoError: '' });
      toast(stageText('saved', panel.lang));
    }
  },
  /** The host ends the room for everyone (after a confirmation), then leaves the page. */
  onEndRoom(this: StageView) {
    const panel = panels.get(this);
    if (panel === undefined || panel.room.host === null) return;
    wx.showModal({
      content: stageText('endRoomConfirm', panel.lang),
      success: (result) => {
        if (!result.confirm) return;
        void panel.room.endRoom().then(() => this.onLeave?.());
      },
    });
  },
  onToggleMix(this: StageView) {
    const stage = panels.get(this)?.service.stage;
    if (stage === undefined) return;
    void (stage.mixState.status === 'off' ? stage.startMixing() : stage.stopMixing());
  },
};
