/**
 * The live room page: view state and event wiring only. RoomService does the SDK work; the SDK's
 * initContext glue writes `pusher` and `playerList`; everything else arrives as typed events and is
 * applied as the smallest setData by path.
 */
import { decodeQueryValue as decoded } from '../../../core/deep-link';
import { getLang, type Lang } from '../../../core/i18n';
import { checkId, checkNickname } from '../../../core/ids';
import { ensurePermissions, scopesForRole } from '../../../core/permissions';
import type { RoomComment } from '../../services/room-chat';
import { roomPageDeps } from '../../services/room-deps';
import { RoomService } from '../../services/room-service';
import { bindChatToView, bindServiceToView, type ViewContext } from './bindings';
import { controlMethods } from './control-methods';
import { runtimes, type Runtime } from './runtime';
import { attachSheet, sheetData, sheetMethods } from './settings-sheet';
import { createStage, stageData, stageMethods } from './stage-panel';
import { labelsFor } from './strings';
import { checkRoomLink, overlayFor, shareCard, type OverlayInput, type PagePhase } from './view-model';

type Query = Record<string, string | undefined>;

Component({
  properties: {
    roomID: { type: String, value: '' },
    role: { type: String, value: '' },
    userName: { type: String, value: '' },
    userID: { type: String, value: '' },
  },

  data: {
    labels: labelsFor('zh'),
    phase: 'idle' as PagePhase,
    overlay: overlayFor('idle', 'zh'),
    configProblems: [] as string[],
    started: false,
    isHost: false,
    selfStreamID: '',
    pusher: {} as Record<string, unknown>,
    playerList: [] as Array<Record<string, unknown>>,
    tiles: {} as Record<string, { name: string; cameraOn: boolean; micOn: boolean } | null>,
    tileCount: 0,
    stats: {} as Record<string, Record<string, unknown> | null>,
    self: { micOn: true, cameraOn: true, frontCamera: true, beauty: 0, whiteness: 0 },
    members: {} as Record<string, string | null>,
    memberCount: 0,
    memberCountText: '',
    showMembers: false,
    detailStream: '',
    notice: '',
    noticeOpensSettings: false,
    comments: [] as RoomComment[],
    draft: '',
    // settings sheet (playback mode, relay, torch): settings-sheet.ts
    ...sheetData(),
    // co-hosting, room info, mixing, host controls: stage-panel.ts
    ...stageData(),
  },

  lifetimes: {
    attached() {
      // WeChat sets the query as properties before attach; onLoad repeats it for older base libraries.
      if (this.data.roomID !== '' || this.data.role !== '') void this.startRoom({});
    },
    detached() {
      void this.leaveRoom();
    },
  },

  methods: {
    ...controlMethods,
    ...sheetMethods,
    ...stageMethods,

    onLoad(query?: Query) {
      void this.startRoom(query ?? {});
    },

    onShow() {
      runtimes.get(this)?.service?.onShow();
    },

    onHide() {
      runtimes.get(this)?.service?.onHide();
    },

    onUnload() {
      // Leaving the room may be leaving chat entirely (comments and co-host signals use ZIM too).
      void this.leaveRoom().then(() => roomPageDeps().releaseChat(this));
    },

    onShareAppMessage() {
      const card = this.card();
      return { title: card.title, path: card.path };
    },

    onShareTimeline() {
      const card = this.card();
      return { title: card.title, query: card.query };
    },

    card() {
      const rt = runtimes.get(this);
      const lang = rt?.lang ?? getLang();
      return shareCard(rt?.roomID ?? decoded(this.data.roomID), rt?.hostName ?? '', lang);
    },

    // ---- start ----------------------------------------------------------------------------------

    async startRoom(query: Query) {
      if (runtimes.has(this)) return;
      const lang = getLang();
      const link = checkRoomLink(this.data.roomID || query.roomID, this.data.role || query.role, lang);
      this.setData({ labels: labelsFor(lang) });
      if (!link.ok) {
        // An invalid deep link: a message and a way back, and no SDK call at all.
        this.showPhase('invalid', lang, { message: link.message });
        return;
      }
      const deps = roomPageDeps();
      const rawUserName = decoded(this.data.userName || query.userName);
      const requestedID = checkId(this.data.userID || query.userID);
      const userID = requestedID.ok ? requestedID.value : deps.userID();
      const nickname = checkNickname(rawUserName);
      const rt: Runtime = {
        lang,
        roomID: link.roomID,
        role: link.role,
        userID,
        userName: nickname.ok ? nickname.value : userID,
        service: null,
        interactive: null,
        chat: null,
        unsubscribe: [],
        leaving: null,
        navigatedAway: false,
        hostName: link.role === 'host' ? (nickname.ok ? nickname.value : userID) : '',
        commentIndex: new Map(),
      };
      runtimes.set(this, rt);
      this.setData({ isHost: link.role === 'host' });

      const config = deps.config();
      if (!config.ok) {
        this.setData({ configProblems: config.problems.map((p) => `${p.variable}: ${p[lang]}`) });
        this.showPhase('not-configured', lang);
        return;
      }
      if (link.role === 'host') {
        const outcome = await ensurePermissions(scopesForRole('host'), deps.permissions);
        if (!outcome.granted) {
          this.showPhase('permission-refused', lang);
          return;
        }
      }
      if (rt.leaving !== null) return;

      const tokens = deps.tokens();
      const service = new RoomService(
        {
          Engine: deps.Engine,
          appID: config.config.appID,
          servers: config.config.servers,
          tokens,
          clock: deps.clock,
          platform: deps.platform,
          recovery: deps.recovery,
        },
        { roomID: rt.roomID, userID: rt.userID, userName: rt.userName, role: rt.role, wxContext: this },
      );
      rt.service = service;
      const context = this.viewContext(rt);
      rt.unsubscribe.push(...bindServiceToView(this, service, context));
      rt.unsubscribe.push(...attachSheet(this, service, deps, lang));
      const self = { roomID: rt.roomID, userID: rt.userID, userName: rt.userName, role: rt.role };
      const stage = createStage(this, { service, tokens, deps, config, self, lang });
      rt.interactive = stage.room;
      rt.unsubscribe.push(...stage.unsubscribe);
      this.setData({ started: true, selfStreamID: service.localStreamID });
      rt.chat = deps.chat(service, { userID: rt.userID, userName: rt.userName });
      rt.unsubscribe.push(...bindChatToView(this, rt.chat, context));
      await service.join();
      // Room comments are a nicety: the room works without them.
      rt.chat?.enter(rt.roomID).catch((error: unknown) => console.warn('comments unavailable', error));
    },

    viewContext(rt: Runtime): ViewContext {
      return {
        lang: rt.lang,
        commentIndex: rt.commentIndex,
        onHostName: (name) => {
          if (rt.hostName === '') rt.hostName = name;
        },
        onState: (state) => {
          // The token service may have named the user (wechat mode): our stream ID follows.
          const selfStreamID = rt.service?.localStreamID;
          if (selfStreamID !== undefined && selfStreamID !== this.data.selfStreamID)
            this.setData({ selfStreamID });
          this.showPhase(state.phase, rt.lang, state);
        },
      };
    },

    showPhase(phase: PagePhase, lang: Lang, input: OverlayInput = {}) {
      const overlay = overlayFor(phase, lang, input);
      const patch: Record<string, unknown> = { overlay };
      if (this.data.phase !== phase) patch.phase = phase;
      this.setData(patch);
    },

    /** Back from Settings: if both scopes are now allowed, start again. */
    onOpenSetting(e: { detail: { authSetting?: Record<string, boolean> } }) {
      const auth = e.detail.authSetting ?? {};
      const rt = runtimes.get(this);
      if (rt === undefined || rt.service !== null || !auth['scope.camera'] || !auth['scope.record']) return;
      runtimes.delete(this);
      void this.startRoom({ roomID: rt.roomID, role: rt.role, userID: rt.userID, userName: rt.userName });
    },

    /** Someone else hosts this room (403 room_owned): enter it as audience instead. */
    async onJoinAsAudience() {
      const rt = runtimes.get(this);
      if (rt === undefined) return;
      await this.leaveRoom();
      runtimes.delete(this);
      this.setData({ role: 'audience', isHost: false, started: false, tiles: {}, tileCount: 0 });
      void this.startRoom({ roomID: rt.roomID, role: 'audience', userID: rt.userID, userName: rt.userName });
    },

    async onLeave() {
      await this.leaveRoom();
      this.goBack();
    },

    onBack() {
      void this.leaveRoom();
      this.goBack();
    },

    goBack() {
      const rt = runtimes.get(this);
      if (rt !== undefined) {
        if (rt.navigatedAway) return;
        rt.navigatedAway = true;
      }
      const toEntry = () => void wx.reLaunch({ url: '/pages/entry/index' });
      const depth = typeof getCurrentPages === 'function' ? getCurrentPages().length : 0;
      if (depth > 1) wx.navigateBack({ fail: toEntry });
      else toEntry();
    },

    /** Exactly once, whichever comes first: leave button, back gesture (unload), detach. */
    leaveRoom(): Promise<void> {
      const rt = runtimes.get(this);
      if (rt === undefined) return Promise.resolve();
      if (rt.leaving === null) {
        rt.leaving = (async () => {
          for (const unsubscribe of rt.unsubscribe.splice(0)) unsubscribe();
          await rt.chat?.leave().catch(() => undefined);
          // Co-hosting ends and requests are answered before the room itself is left.
          await rt.interactive?.leave();
          await rt.service?.leave();
        })();
      }
      return rt.leaving;
    },
  },
});
