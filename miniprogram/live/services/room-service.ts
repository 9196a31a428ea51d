/**
 * One visit to one live room over ZEGO Express: engine life, login, recovery, token renewal and a
 * leave that happens exactly once. Media (pusher, players, codes, controls) is in RoomMedia.
 *
 * Dependencies come in through the constructor (engine constructor, token provider, clock, wx
 * hooks) so tests run it against the fake cloud. It never calls setData: the SDK's initContext glue
 * writes `pusher`/`playerList` into the page; everything else reaches the page as typed events.
 */
import type {
  LiveComponentEvent,
  ZegoExpressEngine,
  ZegoRoomState,
  ZegoRoomStateChangedReason,
} from '../../../typings/zego-express';
import { codeOf, describeError, describeFirstKnown, JOIN_TIMED_OUT, type ErrorInfo } from '../../core/errors';
import { checkId, streamIdFor } from '../../core/ids';
import { Emitter } from './emitter';
import { backoffDelay } from './media-info';
import { bindEngineEvents } from './room-engine-events';
import { HostPresence } from './host-presence';
import { PlatformHooks } from './platform-hooks';
import { RoomMedia } from './room-media';
import {
  DEFAULT_RECOVERY,
  type RecoveryPolicy,
  type RoomParams,
  type RoomPhase,
  type RoomServiceDeps,
  type RoomServiceEvents,
  type RoomState,
} from './room-types';
import { Timers } from './timers';
import { TokenRenewal } from './token-renewal';

const KICKED = 1002050;
const TOKEN_EXPIRED = 1002078;
/** Phases after which nothing may restart the room by itself. */
const FINAL: ReadonlySet<RoomPhase> = new Set(['left', 'kicked', 'update-wechat', 'permission-refused']);

export class RoomService {
  private readonly events = new Emitter<RoomServiceEvents>();
  private readonly timers: Timers;
  private readonly recovery: RecoveryPolicy;
  private readonly renewal: TokenRenewal;
  private engine: ZegoExpressEngine | null = null;
  private media: RoomMedia | null = null;
  private binding: { unbind: () => void; count: () => number } | null = null;
  private state: RoomState = { phase: 'idle' };
  private attempt = 0;
  /** Bumped whenever an engine is dropped, so late callbacks from an old login do nothing. */
  private generation = 0;
  private loggedIn = false;
  /** Bumped per login attempt, so an abandoned (timed-out) attempt that resolves late does nothing. */
  private loginSeq = 0;
  private leaving: Promise<void> | null = null;
  private readonly hooks: PlatformHooks;
  private readonly presence: HostPresence;

  /** A copy: the user ID may be replaced by the one the token service binds (wechat mode). */
  private readonly params: RoomParams;

  constructor(
    private readonly deps: RoomServiceDeps,
    params: RoomParams,
  ) {
    this.params = { ...params };
    this.timers = new Timers(deps.clock);
    this.recovery = { ...DEFAULT_RECOVERY, ...deps.recovery };
    this.presence = new HostPresence(
      params.role === 'audience',
      this.timers,
      this.recovery.hostGoneGraceMs,
      (gone) => {
        if (gone && this.phase === 'live') this.setState({ phase: 'host-left' });
        else if (!gone && this.phase === 'host-left') this.setState({ phase: 'live' });
      },
    );
    this.hooks = new PlatformHooks(deps.platform, deps.clock, this.recovery.longHideMs, {
      canRecover: () => !this.isFinal() && this.leaving === null,
      loggedIn: () => this.loggedIn,
      reloginPending: () => this.phase === 'reconnecting' && this.timers.has('relogin'),
      reloginNow: () => {
        this.timers.cancel('relogin');
        void this.login(false);
      },
      interrupted: () => this.media?.interrupted === true,
      restartMedia: () => this.media?.resumeMedia(),
      resyncMediaState: () => this.media?.publishMediaState(),
    });
    this.renewal = new TokenRenewal(deps.tokens, deps.clock, this.timers, this.params, (info) =>
      this.events.emit('notice', info),
    );
  }

  on<K extends keyof RoomServiceEvents>(event: K, handler: RoomServiceEvents[K]): () => void {
    return this.events.on(event, handler);
  }

  get phase(): RoomPhase {
    return this.state.phase;
  }

  /** Our stream ID (`${roomID}_${userID}_main`): what the host publishes and the pusher's events carry. */
  get localStreamID(): string {
    return streamIdFor(this.params.roomID, this.params.userID);
  }

  /** Pending timers + wx listeners + page handlers: zero after leave (tests assert it). */
  get resourceCount(): { timers: number; viewHandlers: number; engineHandlers: number } {
    return {
      timers: this.timers.size,
      viewHandlers: this.events.listenerCount(),
      engineHandlers: this.binding?.count() ?? 0,
    };
  }

  /** Creates the engine, checks the platform, registers every handler, binds the page, logs in. */
  async join(): Promise<void> {
    if (this.phase !== 'idle') return;
    this.setState({ phase: 'checking' });
    this.hooks.attach();
    await this.startEngine();
  }

  /** The failed state's retry button: a fresh engine and a fresh attempt budget. */
  async retry(): Promise<void> {
    if (this.phase !== 'failed' && this.phase !== 'host-left') return;
    this.dropEngine();
    // An auth/expiry failure must not be retried with the same (cached) token.
    const freshToken = this.state.error?.action === 'relogin';
    this.attempt = 0;
    this.setState({ phase: 'checking' });
    await this.startEngine(freshToken);
  }

  private async startEngine(freshToken = false): Promise<void> {
    const generation = this.generation;
    const engine = new this.deps.Engine(this.deps.appID, this.deps.servers);
    this.engine = engine;
    let check = { code: 0, msg: '' };
    try {
      check = await engine.checkSystemRequirements();
    } catch {
      // getSetting failed: not a reason to refuse; loginRoom will tell us if something is wrong.
    }
    if (generation !== this.generation || this.isFinal()) return;
    if (check.code === 10001 || (check.code === 10002 && this.params.role === 'host')) {
      const info = describeError('system', check.code);
      this.dropEngine();
      this.setState({ phase: check.code === 10001 ? 'update-wechat' : 'permission-refused', error: info });
      return;
    }
    await this.login(freshToken);
  }

  /** Token first (it may name the user, in wechat mode), then handlers + initContext once, then loginRoom. */
  private async login(forceRefresh: boolean): Promise<void> {
    const engine = this.engine;
    if (engine === null || this.isFinal()) return;
    const generation = this.generation;
    const seq = (this.loginSeq += 1);
    const current = () => this.isCurrent(generation) && seq === this.loginSeq;
    this.setState(
      this.attempt === 0 ? { phase: 'joining' } : { phase: 'reconnecting', attempt: this.attempt },
    );
    this.timers.after(this.recovery.joinTimeoutMs, () => this.onJoinTimeout(current), 'join');
    try {
      const { roomID, userID, userName, role } = this.params;
      const issued = await this.deps.tokens.getToken({ userID, roomID, role, userName }, { forceRefresh });
      if (!current()) return;
      if (this.media === null) this.prepareEngine(engine, issued.userID, generation);
      const user = { userID: this.params.userID, userName };
      await engine.loginRoom(roomID, issued.token, user, { userUpdate: true });
    } catch (error) {
      if (current()) this.onLoginFailed(error, forceRefresh);
      return;
    }
    if (!current()) return;
    this.timers.cancel('join');
    this.loggedIn = true;
    const recovering = this.attempt > 0;
    this.attempt = 0;
    this.setState({ phase: this.presence.gone ? 'host-left' : 'live' });
    this.deps.platform.setKeepScreenOn(true);
    if (recovering) this.media?.recreate();
    else if (this.params.role === 'host') {
      this.media?.startPublishing().catch((error: unknown) => this.notice(codeOf(error)));
    }
  }

  /** Every handler before loginRoom, then the page glue. Once per engine. */
  private prepareEngine(engine: ZegoExpressEngine, issuedUserID: string, generation: number): void {
    // In wechat mode the token service binds the user ID to the WeChat identity: log in as that user.
    if (issuedUserID !== this.params.userID && checkId(issuedUserID).ok) this.params.userID = issuedUserID;
    this.media = new RoomMedia(engine, this.params, this.events, this.timers, this.recovery, () =>
      this.isCurrent(generation),
    );
    this.registerHandlers(engine);
    engine.initContext({ wxContext: this.params.wxContext, pushAtr: 'pusher', playAtr: 'playerList' });
  }

  private onLoginFailed(error: unknown, wasRefreshed: boolean): void {
    this.timers.cancel('join');
    const code = codeOf(error);
    if (code === KICKED) return this.endAs('kicked', describeError('express', code));
    const info = describeError('express', code);
    // An expired token gets one immediate second chance with a fresh one.
    if ((code === TOKEN_EXPIRED || info.action === 'relogin') && !wasRefreshed) {
      void this.login(true);
      return;
    }
    if (info.action !== 'retry' || this.attempt === 0) return this.fail(info);
    this.scheduleRelogin(info);
  }

  private onJoinTimeout(current: () => boolean): void {
    if (!current() || this.loggedIn) return;
    if (this.attempt === 0) {
      // The first join: stop the SDK's own retrying and offer a retry.
      this.dropEngine();
      this.fail(JOIN_TIMED_OUT);
      return;
    }
    // A re-login that hangs counts as a failed attempt: abandon it and back off (bounded).
    this.loginSeq += 1;
    try {
      this.engine?.logoutRoom(this.params.roomID);
    } catch (error) {
      console.warn('abandoning a hung login failed', error);
    }
    this.scheduleRelogin(JOIN_TIMED_OUT);
  }

  /** Bounded: backoff between attempts, then the failed state with a retry button. */
  private scheduleRelogin(reason?: ErrorInfo): void {
    if (this.isFinal()) return;
    this.attempt += 1;
    if (this.attempt > this.recovery.maxRetries) {
      this.fail(reason ?? describeError('express', 1002053));
      return;
    }
    this.setState({ phase: 'reconnecting', attempt: this.attempt, error: reason });
    const delay = backoffDelay(this.attempt, this.recovery.backoffBaseMs, this.recovery.backoffMaxMs);
    this.timers.after(delay, () => void this.login(false), 'relogin');
  }

  private fail(error: ErrorInfo): void {
    this.timers.cancel('relogin');
    this.deps.platform.setKeepScreenOn(false);
    this.setState({ phase: 'failed', error });
  }

  private endAs(phase: 'kicked', error: ErrorInfo): void {
    this.timers.cancelAll();
    this.media?.stopAll();
    this.deps.platform.setKeepScreenOn(false);
    this.setState({ phase, error });
  }

  // ---- engine events ----------------------------------------------------------------------------

  private registerHandlers(engine: ZegoExpressEngine): void {
    const media = () => this.media;
    this.binding = bindEngineEvents(engine, {
      roomState: (state, code) => this.onRoomState(state, code),
      roomStateChanged: (reason, code) => this.onRoomStateChanged(reason, code),
      streamsAdded: (list) => {
        media()?.addStreams(list);
        this.presence.streamsChanged(media()?.remote.size ?? 0);
      },
      streamsRemoved: (list) => {
        media()?.removeStreams(list);
        this.presence.streamsChanged(
          media()?.remote.size ?? 0,
          list.map((s) => s.user.userID),
        );
      },
      extraInfo: (list) => media()?.onExtraInfo(list),
      membersJoined: (members) => members.forEach((m) => this.events.emit('memberJoined', m)),
      membersLeft: (userIDs) => {
        userIDs.forEach((id) => this.events.emit('memberLeft', id));
        this.presence.membersLeft(userIDs);
      },
      memberCount: (count) => this.events.emit('memberCount', count),
      publisherState: (result) => {
        if (result.state === 'NO_PUBLISH' && result.errorCode !== 0) {
          this.events.emit('notice', describeFirstKnown(['express', 'pusher'], result.errorCode));
        }
      },
      playerState: (result) => {
        // -2301 is handled from the native code (play again); other play failures are shown.
        const code = result.errorCode ?? 0;
        if (result.state === 'NO_PLAY' && code !== 0 && code !== -2301) {
          this.events.emit('notice', describeFirstKnown(['express', 'player'], code));
        }
      },
      quality: (streamID, stats) => media()?.onQuality(streamID, stats),
      barrage: (message) => this.events.emit('barrage', message),
      tokenWillExpire: () => {
        const generation = this.generation;
        void this.renewal.renew(engine, () => this.isCurrent(generation));
      },
    });
  }

  private onRoomState(state: ZegoRoomState, code: number): void {
    if (this.isFinal() || this.leaving !== null) return;
    if (code === KICKED) return this.endAs('kicked', describeError('express', code));
    if (!this.loggedIn) return; // the login itself reports its outcome
    if (state === 'CONNECTING') this.setState({ phase: 'reconnecting', attempt: this.attempt });
    else if (state === 'CONNECTED') this.setState({ phase: this.presence.gone ? 'host-left' : 'live' });
    else {
      // DISCONNECTED: the SDK gave up and threw away the pusher and players. Log in again ourselves.
      this.loggedIn = false;
      this.media?.forgetSdkObjects();
      this.scheduleRelogin(describeError('express', code || 1002053));
    }
  }

  private onRoomStateChanged(reason: ZegoRoomStateChangedReason, code: number): void {
    if (reason === 'KICKOUT' && !this.isFinal())
      this.endAs('kicked', describeError('express', code || KICKED));
  }

  // ---- platform (see platform-hooks.ts for the per-role policy) --------------------------------

  onHide(): void {
    this.hooks.onHide();
  }

  onShow(): void {
    this.hooks.onShow();
  }

  // ---- calls from the page ----------------------------------------------------------------------

  forwardStateChange(streamID: string, event: LiveComponentEvent): void {
    if (this.engine === null) return;
    this.engine.updatePlayerState(streamID, event);
    this.media?.onNativeState(streamID, event);
  }

  forwardNetStatus(streamID: string, event: LiveComponentEvent): void {
    this.engine?.updatePlayerNetStatus(streamID, event);
  }

  forwardAudioVolume(streamID: string, event: LiveComponentEvent): void {
    this.engine?.updateAudioVolumeNotify(streamID, event);
  }

  /** Mic, camera, flip, beauty: null until the engine is up. */
  get controls(): Pick<RoomMedia, 'setMic' | 'setCamera' | 'switchCamera' | 'setBeauty'> | null {
    return this.media;
  }

  async sendBarrage(text: string): Promise<string> {
    if (this.engine === null || !this.loggedIn) throw describeError('express', 1002053);
    const result = await this.engine.sendBarrageMessage(this.params.roomID, text);
    if (result.errorCode !== 0) throw describeError('express', result.errorCode);
    return result.messageID ?? '';
  }

  /** Stop publishing, stop players, log out, destroy: exactly once, however many times it is called. */
  leave(): Promise<void> {
    if (this.leaving === null) this.leaving = this.doLeave();
    return this.leaving;
  }

  private async doLeave(): Promise<void> {
    this.setState({ phase: 'left' });
    this.dropEngine();
    this.hooks.detach();
    this.deps.platform.setKeepScreenOn(false);
    this.events.clear();
  }

  /** Everything one engine owns goes, in the order the SDK wants; each step is guarded. */
  private dropEngine(): void {
    this.generation += 1;
    this.timers.cancelAll();
    const engine = this.engine;
    this.engine = null;
    this.loggedIn = false;
    if (engine === null) return;
    const step = (action: () => void) => {
      try {
        action();
      } catch (error) {
        console.warn('room leave step failed', error);
      }
    };
    step(() => this.media?.stopAll());
    step(() => engine.logoutRoom(this.params.roomID));
    step(() => this.binding?.unbind());
    this.binding = null;
    step(() => engine.destroyEngine());
    this.media = null;
  }

  private notice(code: number | undefined): void {
    this.events.emit('notice', describeError('express', code));
  }

  private isCurrent(generation: number): boolean {
    return generation === this.generation && !this.isFinal();
  }

  private isFinal(): boolean {
    return FINAL.has(this.state.phase);
  }

  private setState(state: RoomState): void {
    if (this.state.phase === 'left') return;
    this.state = state;
    this.events.emit('state', { ...state });
  }
}
