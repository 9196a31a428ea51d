/**
 * Room entry: room ID, nickname and role, with the checks that must pass before the live room
 * (configuration, WeChat version, camera/microphone for a host). Deep links prefill the form.
 */
import { loadAppConfig } from '../../config';
import { parseRoomLink, roomPagePath } from '../../core/deep-link';
import { checkId, checkNickname, type Role } from '../../core/ids';
import { format, getLang, pickLang, setLang } from '../../core/i18n';
import { ensurePermissions, scopesForRole, wxPermissionApi } from '../../core/permissions';
import { addRecentRoom, readRecentRooms, type RecentRoom } from '../../core/recent-rooms';
import { sharedTokenClient } from '../../core/shared-token-client';
import { signInForMode } from '../../core/sign-in';
import { getNickname, getUserID, rememberNickname } from '../../core/user';
import { isBaseLibrarySupported, MIN_BASE_LIBRARY } from '../../core/version';
import { canJoin, linkErrorText, nicknameError, permissionHint, roomIdError } from './form';
import { entryLabels, type EntryLabels } from './strings';

interface RecentRoomView {
  roomID: string;
  role: Role;
  roleLabel: string;
}

function recentView(rooms: RecentRoom[], labels: EntryLabels): RecentRoomView[] {
  return rooms.map((r) => ({
    roomID: r.roomID,
    role: r.role,
    roleLabel: r.role === 'host' ? labels.host : labels.audience,
  }));
}

Component({
  data: {
    t: entryLabels('zh'),
    configProblems: [] as { variable: string; text: string }[],
    updateNeeded: false,
    updateHint: '',
    linkError: '',
    roomID: '',
    roomIDError: '',
    nickname: '',
    nicknameError: '',
    role: 'audience' as Role | '',
    canJoin: false,
    joining: false,
    joinError: '',
    permissionRefused: false,
    permissionHint: '',
    recentRooms: [] as RecentRoomView[],
  },
  methods: {
    onLoad(query?: Record<string, string | undefined>) {
      let lang = getLang();
      try {
        lang = pickLang(wx.getSystemInfoSync().language);
        setLang(lang);
      } catch {
        // Keep the default language when system info is unavailable.
      }
      const t = entryLabels(lang);
      const config = loadAppConfig();
      const sdkVersion = this.readBaseLibrary();
      const link = parseRoomLink(query);
      const nickname = getNickname();
      const prefill = link.kind === 'room' ? link.link : null;
      const form = { roomID: prefill?.roomID ?? '', nickname, role: prefill?.role ?? ('audience' as Role) };
      this.setData({
        t,
        configProblems: config.ok
          ? []
          : config.problems.map((p) => ({ variable: p.variable, text: p[lang] })),
        updateNeeded: !isBaseLibrarySupported(sdkVersion),
        updateHint: format(t.updateHint, { min: MIN_BASE_LIBRARY, current: sdkVersion || '?' }),
        linkError: linkErrorText(link, t),
        ...form,
        canJoin: canJoin(form),
        recentRooms: recentView(readRecentRooms(), t),
      });
      // A valid audience link with a remembered nickname opens the room directly: nothing to ask.
      if (
        prefill !== null &&
        prefill.role === 'audience' &&
        this.data.canJoin &&
        config.ok &&
        !this.data.updateNeeded
      ) {
        void this.onJoin();
      }
    },
    onShow() {
      this.setData({ recentRooms: recentView(readRecentRooms(), this.data.t) });
    },
    readBaseLibrary(): string {
      try {
        return wx.getSystemInfoSync().SDKVersion ?? '';
      } catch {
        return '';
      }
    },
    onRoomIdInput(e: WechatMiniprogram.Input) {
      const roomID = e.detail.value;
      this.setData({
        roomID,
        roomIDError: roomIdError(roomID, this.data.t),
        linkError: '',
        canJoin: canJoin({ ...this.data, roomID }),
      });
    },
    onNicknameInput(e: WechatMiniprogram.Input) {
      const nickname = e.detail.value;
      this.setData({
        nickname,
        nicknameError: nicknameError(nickname, this.data.t),
        canJoin: canJoin({ ...this.data, nickname }),
      });
    },
    onRoleTap(e: WechatMiniprogram.TouchEvent) {
      const role = e.currentTarget.dataset.role as Role;
      this.setData({ role, permissionRefused: false, canJoin: canJoin({ ...this.data, role }) });
    },
    onRecentTap(e: WechatMiniprogram.TouchEvent) {
      const roomID = String(e.currentTarget.dataset.roomId ?? '');
      const role = e.currentTarget.dataset.role as Role;
      const form = { roomID, role, nickname: this.data.nickname };
      this.setData({ roomID, role, roomIDError: '', canJoin: canJoin(form) });
      if (canJoin(form)) void this.onJoin();
      else this.setData({ nicknameError: nicknameError(this.data.nickname, this.data.t) });
    },
    async onJoin() {
      const room = checkId(this.data.roomID);
      const name = checkNickname(this.data.nickname);
      const role = this.data.role;
      if (!room.ok || !name.ok || role === '' || this.data.joining) {
        this.setData({
          roomIDError: roomIdError(this.data.roomID, this.data.t),
          nicknameError: nicknameError(this.data.nickname, this.data.t),
        });
        return;
      }
      if (this.data.configProblems.length > 0 || this.data.updateNeeded) return;
      this.setData({ joining: true, joinError: '' });
      const permission = await ensurePermissions(scopesForRole(role), wxPermissionApi);
      if (!permission.granted) {
        this.setData({
          joining: false,
          permissionRefused: true,
          permissionHint: permissionHint(permission.denied, this.data.t),
        });
        return;
      }
      if (!(await this.signIn())) {
        this.setData({ joining: false });
        return;
      }
      rememberNickname(name.value);
      const recent = addRecentRoom({ roomID: room.value, role, joinedAt: Date.now() });
      this.setData({ permissionRefused: false, recentRooms: recentView(recent, this.data.t) });
      wx.navigateTo({
        url: roomPagePath({ roomID: room.value, role }, name.value),
        complete: () => this.setData({ joining: false }),
        fail: (err: { errMsg?: string }) =>
          void wx.showToast({
            title: format(this.data.t.navigateFailed, { reason: err.errMsg ?? '' }),
            icon: 'none',
          }),
      });
    },
    /** The openSetting button's callback: if the user switched the scopes on, carry on joining. */
    onOpenSetting(e: WechatMiniprogram.CustomEvent<{ authSetting: Record<string, boolean> }>) {
      const setting = e.detail.authSetting ?? {};
      if (scopesForRole('host').every((s) => setting[s] === true)) {
        this.setData({ permissionRefused: false });
        void this.onJoin();
      }
    },
    async onMessagesTap() {
      // Chat logs in to ZIM with the user ID; in wechat mode that is the one the server binds.
      if (!(await this.signIn())) return;
      void wx.navigateTo({ url: '/live/pages/chat/index' });
    },

    /** In wechat mode, binds the user to their WeChat identity first; says why when it cannot. */
    async signIn(): Promise<boolean> {
      const config = loadAppConfig();
      if (!config.ok) return true;
      const signedIn = await signInForMode(config.config.authMode, sharedTokenClient(), getUserID());
      if (!signedIn.ok) this.setData({ joinError: signedIn.error[getLang()] });
      return signedIn.ok;
    },
  },
});
