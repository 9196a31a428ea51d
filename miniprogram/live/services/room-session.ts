/**
 * The connection half of a room visit: one engine's life (checkSystemRequirements, handlers before
 * loginRoom, initContext), login with a bounded recovery (backoff, retry limit, join timeout, then
 * the failed state), what room state changes mean, and dropping an engine in the order the SDK wants.
 * RoomService (room-service.ts) adds what the page calls; RoomMedia does pusher and players.
 */
import type {
  ZegoExpressEngine,
  ZegoRoomState,
  ZegoRoomStateChangedReason,
} from '../../../typings/zego-express';
import {
  codeOf,
  describeError,
  HOST_DID_NOT_RETURN,
  JOIN_TIMED_OUT,
  type ErrorAction,
  type ErrorInfo,
} from '../../core/errors';
import type { TokenRole } from '../../core/token-provider';
import { checkId } from '../../core/ids';
import { Emitter } from './emitter';
import { HostPresence } from './host-presence';
import { backoffDelay } from './media-info';
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

const KICKED = 1002050;
const TOKEN_EXPIRED = 1002078;
/** Phases after which nothing may restart the room by itself. */
const FINAL: ReadonlySet<RoomPhase> = new Set([
  'left',
  'kicked',
  'update-wechat',
  'permission-refused',
  'ended',
]);
const HOST_LEFT_END = 'host-left-end';

export abstract class RoomSession {
  protected readonly events = new Emitter<RoomServiceEvents>();
  protected readonly timers: Timers;
  protected readonly recovery: RecoveryPolicy;
  protected readonly presence: HostPresence;
  /** A copy: the user ID may be replaced by the one the token service binds (wechat mode). */
  protected readonly params: RoomParams;
  protected engine: ZegoExpressEngine | null = null;
  protected media: RoomMedia | null = null;
  protected binding: { unbind: () => void } | null = null;
  protected state: RoomState = { phase: 'idle' };
  protected attempt = 0;
  /** Bumped whenever an engine is dropped, so late callbacks from an old login do nothing. */
  protected generation = 0;
  protected loggedIn = false;
  protected leaving: Promise<void> | null = null;
  /** The role tokens are asked for: the page's role, or `cohost` while an audience member is on stage. */
  protected tokenRole: TokenRole;
  /** Bumped per login attempt, so an abandoned (timed-out) attempt that resolves late does nothing. */
  private loginSeq = 0;

  constructor(
    protected readonly deps: RoomServiceDeps,
    params: RoomParams,
  ) {
    this.params = { ...params };
    this.tokenRole = params.role;
    this.timers = new Timers(deps.clock);
    this.recovery = { ...DEFAULT_RECOVERY, ...deps.recovery };
    this.presence = new HostPresence(
      params.role === 'audience',
      this.timers,
      this.recovery.hostGoneGraceMs,
      (gone) => {
        if (gone && this.phase === 'live') {
          this.setState({ phase: 'host-left' });
          // Unless the host comes back in time, the visit ends.
          this.timers.after(
            this.recovery.hostLeftTimeoutMs,
            () => {
              if (this.phase === 'host-left') this.endRoom(HOST_DID_NOT_RETURN);
            },
            HOST_LEFT_END,
          );
        } else if (!gone) {
          this.timers.cancel(HOST_LEFT_END);
          if (this.phase === 'host-left') this.setState({ phase: 'live' });
        }
      },
    );
  }

  get phase(): RoomPhase {
    return this.state.phase;
  }

  /** Every engine handler, registered before loginRoom (the page-facing class wires them). */
  protected abstract registerHandlers(engine: ZegoExpressEngine): void;

  protected async startEngine(freshToken = false): Promise<void> {
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
  protected async login(forceRefresh: boolean): Promise<void> {
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
      const { roomID, userID, userName } = this.params;
      const role = this.tokenRole;
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
    const refusal = tokenRefusal(error);
    if (refusal !== null) return this.fail(refusal);
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

  protected endAs(phase: 'kicked', error: ErrorInfo): void {
    this.timers.cancelAll();
    this.media?.stopAll();
    this.deps.platform.setKeepScreenOn(false);
    this.setState({ phase, error });
  }

  /** The room ended (the host's flag, or the host did not come back): leave it and say so. */
  endRoom(error: ErrorInfo): void {
    if (this.isFinal() || this.leaving !== null) return;
    this.dropEngine();
    this.deps.platform.setKeepScreenOn(false);
    this.setState({ phase: 'ended', error });
  }

  protected onRoomState(state: ZegoRoomState, code: number): void {
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

  protected onRoomStateChanged(reason: ZegoRoomStateChangedReason, code: number): void {
    if (reason === 'KICKOUT' && !this.isFinal())
      this.endAs('kicked', describeError('express', code || KICKED));
  }

  /** Everything one engine owns goes, in the order the SDK wants; each step is guarded. */
  protected dropEngine(): void {
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

  protected notice(code: number | undefined): void {
    this.events.emit('notice', describeError('express', code));
  }

  protected isCurrent(generation: number): boolean {
    return generation === this.generation && !this.isFinal();
  }

  protected isFinal(): boolean {
    return FINAL.has(this.state.phase);
  }

  protected setState(state: RoomState): void {
    if (this.state.phase === 'left') return;
    this.state = state;
    this.events.emit('state', { ...state });
  }
}

/**
 * A token service refusal (a TokenError: kind + words) that retrying cannot fix, in the room's terms:
 * someone else hosts this room (offer to join as audience), or we are not allowed. Network trouble
 * and 5xx return null: the login's own retry handles those.
 */
function tokenRefusal(error: unknown): ErrorInfo | null {
  if (typeof error !== 'object' || error === null || !('kind' in error) || !('zh' in error)) return null;
  const { kind, zh, en, detail } = error as {
    kind: unknown;
    zh: unknown;
    en: unknown;
    detail?: { serverCode?: unknown; status?: unknown };
  };
  if (kind !== 'forbidden' && kind !== 'rejected' && kind !== 'not_configured') return null;
  const action: ErrorAction = detail?.serverCode === 'room_owned' ? 'join-as-audience' : 'leave';
  const status = typeof detail?.status === 'number' ? detail.status : 0;
  return { source: 'express', code: status, zh: String(zh), en: String(en), action, known: true };
}
