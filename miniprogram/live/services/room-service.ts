/**
 * One visit to one live room over ZEGO Express, as the room page sees it: join, retry, leave exactly
 * once, the native events it forwards, the controls, typed events back. The connection state machine
 * is RoomSession (room-session.ts); media is RoomMedia.
 *
 * Dependencies come in through the constructor (engine constructor, token provider, clock, wx
 * hooks) so tests run it against the fake cloud. It never calls setData: the SDK's initContext glue
 * writes `pusher`/`playerList` into the page; everything else reaches the page as typed events.
 */
import type { LiveComponentEvent, ZegoExpressEngine } from '../../../typings/zego-express';
import { describeError, describeFirstKnown } from '../../core/errors';
import { streamIdFor } from '../../core/ids';
import { PlatformHooks } from './platform-hooks';
import { bindEngineEvents } from './room-engine-events';
import { RoomExtras } from './room-extras';
import type { RoomMedia } from './room-media';
import { RoomSession } from './room-session';
import { RoomStage } from './room-stage';
import type { RoomParams, RoomServiceDeps, RoomServiceEvents } from './room-types';
import { TokenRenewal } from './token-renewal';

export class RoomService extends RoomSession {
  private readonly hooks: PlatformHooks;
  private readonly renewal: TokenRenewal;
  /** Settings sheet: playback mode, snapshot, torch, CDN relay (room-extras.ts). */
  readonly extras: RoomExtras;
  /** Room info, mixing, mixed playback, co-host publishing (room-stage.ts). */
  readonly stage: RoomStage;

  constructor(deps: RoomServiceDeps, params: RoomParams) {
    super(deps, params);
    this.extras = new RoomExtras(
      {
        engine: () => this.engine,
        media: () => this.media,
        loggedIn: () => this.loggedIn,
        localStreamID: () => this.localStreamID,
      },
      deps.clock,
      params.role === 'host' ? 'host' : 'audience',
    );
    this.params.playerAttributes = () => this.extras.playerAttributes();
    this.extras.follow(this.events);
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
    this.renewal = new TokenRenewal(
      deps.tokens,
      deps.clock,
      this.timers,
      this.params,
      (info) => this.events.emit('notice', info),
      () => this.tokenRole,
    );
    this.stage = new RoomStage({
      roomID: this.params.roomID,
      userID: () => this.params.userID,
      isHost: params.role === 'host',
      engine: () => this.engine,
      media: () => this.media,
      loggedIn: () => this.loggedIn,
      setTokenRole: (role) => {
        this.tokenRole = role;
        this.extras.setRole(role === 'cohost' ? 'co-host' : params.role === 'host' ? 'host' : 'audience');
      },
      ended: (info) => this.endRoom(info),
      notice: (info) => this.events.emit('notice', info),
    });
    this.stage.follow(this.events);
  }

  on<K extends keyof RoomServiceEvents>(event: K, handler: RoomServiceEvents[K]): () => void {
    return this.events.on(event, handler);
  }

  /** Our stream ID (`${roomID}_${userID}_main`): what the host publishes and the pusher's events carry. */
  get localStreamID(): string {
    return streamIdFor(this.params.roomID, this.params.userID);
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

  protected override registerHandlers(engine: ZegoExpressEngine): void {
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
      roomExtraInfo: (list) => {
        this.stage.onExtraInfo(list);
        this.events.emit('roomExtraInfo', list);
      },
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

  onHide(): void {
    this.hooks.onHide();
  }

  onShow(): void {
    this.hooks.onShow();
  }

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
    // A CDN relay is stopped while the engine is still logged in.
    this.extras.beforeLeave();
    // So is the host's mixer task (the cloud would keep mixing otherwise).
    this.stage.beforeLeave();
    this.setState({ phase: 'left' });
    this.dropEngine();
    this.hooks.detach();
    this.deps.platform.setKeepScreenOn(false);
    this.events.clear();
  }
}
