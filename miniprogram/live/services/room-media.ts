/**
 * The media half of a room visit: our pusher, a player per remote stream, the native codes that need
 * a restart, mute/camera state as stream extra info, and quality. RoomService owns the room/login half.
 *
 * The SDK discards the pusher and every player when the room disconnects, so this keeps its own list
 * of remote streams and can recreate everything after a re-login (`recreate`).
 */
import type {
  LiveComponentEvent,
  LivePusher,
  ZegoExpressEngine,
  ZegoPlayStats,
  ZegoPublishStats,
  ZegoStreamExtraInfo,
  ZegoStreamInfo,
} from '../../../typings/zego-express';
import { describeError, type ErrorSource } from '../../core/errors';
import { streamIdFor } from '../../core/ids';
import { gradeQuality } from '../../core/quality';
import type { Emitter } from './emitter';
import { backoffDelay, clampLevel, decodeMediaState, encodeMediaState } from './media-info';
import type { LocalMedia, RecoveryPolicy, RemoteStream, RoomParams, RoomServiceEvents } from './room-types';
import type { Timers } from './timers';

const PUSH_OK = 1002;
const PUSH_NETWORK_LOST = -1307;
const PLAY_OK = 2004;
const PLAY_NETWORK_LOST = -2301;
const INTERRUPTED_BY_CALL = 5001;
const PUSH_DEVICE_FAILURES = new Set([-1301, -1302, 10001, 10002]);

export class RoomMedia {
  readonly localStreamID: string;
  readonly local: LocalMedia = { micOn: true, cameraOn: true, frontCamera: true, beauty: 0, whiteness: 0 };
  /** Remote streams we know of, in arrival order; survives a disconnect. */
  readonly remote = new Map<string, RemoteStream>();
  private readonly playing = new Set<string>();
  private readonly restarts = new Map<string, number>();
  private pusher: LivePusher | null = null;
  /** A phone/WeChat call cut us off (5001): resume when the interruption ends. */
  interrupted = false;

  constructor(
    private readonly engine: ZegoExpressEngine,
    private readonly params: RoomParams,
    private readonly events: Emitter<RoomServiceEvents>,
    private readonly timers: Timers,
    private readonly recovery: RecoveryPolicy,
    private readonly isActive: () => boolean,
  ) {
    this.localStreamID = streamIdFor(params.roomID, params.userID);
  }

  get isHost(): boolean {
    return this.params.role === 'host';
  }

  /** An audience member the host approved, publishing as a co-host (room-stage.ts). */
  private onStage = false;
  /** The mixed stream we play instead of the direct ones, when set (room-stage.ts decides). */
  private mixStreamID: string | null = null;

  /** The host always publishes; an audience member only while on stage. */
  get publishes(): boolean {
    return this.isHost || this.onStage;
  }

  setOnStage(on: boolean): void {
    this.onStage = on;
  }

  stopPublishing(): void {
    this.stopPusher();
  }

  // ---- publishing -------------------------------------------------------------------------------

  async startPublishing(): Promise<void> {
    if (!this.publishes || !this.isActive()) return;
    this.pusher = this.engine.createPusher({
      mode: 'RTC',
      enableCamera: this.local.cameraOn,
      enableMic: this.local.micOn,
      frontCamera: this.local.frontCamera ? 'front' : 'back',
      beautyLevel: this.local.beauty,
      whitenessLevel: this.local.whiteness,
    });
    if (this.pusher === null) throw new Error('createPusher returned null (initContext missing)');
    await this.pusher.start(this.localStreamID, { extraInfo: encodeMediaState(this.local) });
  }

  private stopPusher(): void {
    const pusher = this.pusher ?? this.engine.getPusherInstance();
    this.pusher = null;
    if (pusher !== null) guard(() => pusher.stop());
  }

  restartPublishing(): void {
    if (!this.publishes || !this.isActive()) return;
    this.stopPusher();
    this.startPublishing().catch((error: unknown) => this.failMedia('express', error, this.localStreamID));
  }

  // ---- playing ----------------------------------------------------------------------------------

  addStreams(list: ZegoStreamInfo[]): void {
    for (const info of list) {
      if (info.streamID === this.localStreamID) continue;
      const media = decodeMediaState(info.extraInfo);
      const stream: RemoteStream = {
        streamID: info.streamID,
        userID: info.user.userID,
        userName: info.user.userName ?? info.user.userID,
        ...media,
      };
      const known = this.remote.has(info.streamID);
      this.remote.set(info.streamID, stream);
      this.events.emit(known ? 'streamUpdated' : 'streamAdded', { ...stream });
      this.play(info.streamID);
    }
  }

  removeStreams(list: ZegoStreamInfo[]): void {
    for (const info of list) {
      if (!this.remote.delete(info.streamID)) continue;
      this.stopPlayer(info.streamID);
      this.restarts.delete(info.streamID);
      this.events.emit('streamRemoved', info.streamID);
    }
  }

  play(streamID: string): void {
    // While the mixed stream plays, the direct ones wait (they are still tracked in `remote`).
    if (this.mixStreamID !== null) return;
    if (!this.isActive() || this.playing.has(streamID)) return;
    const player = this.engine.getPlayerInstance(streamID);
    if (player === null) return;
    this.playing.add(streamID);
    // RTC by default (low latency); a viewer may get `live` (buffered, smoother): see playback-mode.ts.
    const wanted = this.params.playerAttributes?.() ?? { mode: 'RTC', objectFit: 'contain' };
    const current = player.attributes as Record<string, unknown>;
    if (Object.entries(wanted).some(([key, value]) => current[key] !== value))
      player.setPlayerAttributes(wanted);
    player.play().catch((error: unknown) => {
      this.playing.delete(streamID);
      this.failMedia('express', error, streamID);
    });
  }

  /** Play the host's mixed stream instead of every direct one (the SDK fetches a CDN URL for isMix). */
  playMixed(mixStreamID: string): void {
    if (this.mixStreamID === mixStreamID) return;
    this.mixStreamID = mixStreamID;
    for (const streamID of Array.from(this.playing)) this.stopPlayer(streamID);
    this.playMix(mixStreamID);
  }

  /** Back to one player per remote stream. */
  playDirect(): void {
    const mix = this.mixStreamID;
    if (mix === null) return;
    this.mixStreamID = null;
    this.stopPlayer(mix);
    for (const streamID of this.remote.keys()) this.play(streamID);
  }

  get playingMix(): boolean {
    return this.mixStreamID !== null;
  }

  private playMix(mixStreamID: string): void {
    if (!this.isActive() || this.playing.has(mixStreamID)) return;
    const player = this.engine.getPlayerInstance(mixStreamID);
    if (player === null) return;
    this.playing.add(mixStreamID);
    // A mixed stream comes from the CDN: the buffered "live" mode suits it (RTC is for direct streams).
    player.setPlayerAttributes({ mode: 'live', objectFit: 'contain' });
    player.play({ isMix: true }).catch((error: unknown) => {
      this.playing.delete(mixStreamID);
      this.failMedia('express', error, mixStreamID);
    });
  }

  private stopPlayer(streamID: string): void {
    this.playing.delete(streamID);
    const player =
      this.engine.getPlayerList(streamID).length > 0 ? this.engine.getPlayerInstance(streamID) : null;
    if (player !== null) guard(() => player.stop());
  }

  replay(streamID: string): void {
    this.stopPlayer(streamID);
    this.play(streamID);
  }

  // ---- life -------------------------------------------------------------------------------------

  /** After DISCONNECTED the SDK has already stopped and dropped the pusher and players. */
  forgetSdkObjects(): void {
    this.pusher = null;
    this.playing.clear();
  }

  /** After a re-login: publish again (host) and play every stream we knew (the SDK dropped them all). */
  recreate(): void {
    this.restarts.clear();
    if (this.publishes) this.restartPublishing();
    if (this.mixStreamID !== null) this.playMix(this.mixStreamID);
    for (const streamID of this.remote.keys()) this.play(streamID);
  }

  /** Restart everything that is ours without touching the room (interruption over, long hide, back online). */
  resumeMedia(): void {
    this.interrupted = false;
    this.restarts.clear();
    if (this.publishes) this.restartPublishing();
    if (this.mixStreamID !== null) {
      this.stopPlayer(this.mixStreamID);
      this.playMix(this.mixStreamID);
    }
    for (const streamID of this.remote.keys()) this.replay(streamID);
  }

  stopAll(): void {
    this.stopPusher();
    for (const streamID of Array.from(this.playing)) this.stopPlayer(streamID);
    this.playing.clear();
  }

  // ---- native events forwarded by the page ------------------------------------------------------

  onNativeState(streamID: string, event: LiveComponentEvent): void {
    const code = event.detail.code;
    if (typeof code !== 'number') return;
    const own = streamID === this.localStreamID;
    if (code === PUSH_OK || code === PLAY_OK) {
      this.restarts.delete(streamID);
      return;
    }
    if (code === INTERRUPTED_BY_CALL) {
      this.interrupted = true;
      this.events.emit('notice', describeError(own ? 'pusher' : 'player', code));
      return;
    }
    if (own && PUSH_DEVICE_FAILURES.has(code)) {
      this.events.emit('notice', describeError('pusher', code));
      return;
    }
    if (own && code === PUSH_NETWORK_LOST) this.scheduleRestart(streamID, 'pusher', code);
    if (!own && code === PLAY_NETWORK_LOST) this.scheduleRestart(streamID, 'player', code);
  }

  private scheduleRestart(streamID: string, source: ErrorSource, code: number): void {
    const count = (this.restarts.get(streamID) ?? 0) + 1;
    this.restarts.set(streamID, count);
    if (count > this.recovery.maxMediaRestarts) {
      this.events.emit('notice', describeError(source, code));
      return;
    }
    const delay = backoffDelay(count, this.recovery.backoffBaseMs, this.recovery.backoffMaxMs);
    this.timers.after(
      delay,
      () => {
        if (!this.isActive()) return;
        if (source === 'pusher') this.restartPublishing();
        else if (this.remote.has(streamID)) this.replay(streamID);
        else if (streamID === this.mixStreamID) {
          this.stopPlayer(streamID);
          this.playMix(streamID);
        }
      },
      `restart:${streamID}`,
    );
  }

  private failMedia(source: ErrorSource, error: unknown, streamID: string): void {
    if (!this.isActive()) return;
    const code =
      typeof error === 'object' && error !== null && 'code' in error ? Number(error.code) : undefined;
    const info = describeError(source, code);
    this.events.emit('notice', { ...info, zh: `${info.zh}（${streamID}）`, en: `${info.en} (${streamID})` });
  }

  // ---- controls ---------------------------------------------------------------------------------

  setMic(on: boolean): void {
    this.local.micOn = on;
    this.engine.mutePublishStreamAudio(!on);
    this.publishMediaState();
  }

  setCamera(on: boolean): void {
    this.local.cameraOn = on;
    this.engine.mutePublishStreamVideo(!on);
    this.publishMediaState();
  }

  switchCamera(): void {
    this.local.frontCamera = !this.local.frontCamera;
    const pusher = this.pusher ?? this.engine.getPusherInstance();
    if (pusher !== null) guard(() => pusher.switchCamera());
    this.events.emit('localMedia', { ...this.local });
  }

  setBeauty(beauty: number, whiteness: number): void {
    this.local.beauty = clampLevel(beauty);
    this.local.whiteness = clampLevel(whiteness);
    this.engine.setPusherAttributes({ beautyLevel: this.local.beauty, whitenessLevel: this.local.whiteness });
    this.events.emit('localMedia', { ...this.local });
  }

  /** Viewers learn our camera/mic state only through stream extra info. */
  publishMediaState(): void {
    this.events.emit('localMedia', { ...this.local });
    if (!this.publishes || this.pusher === null) return;
    this.engine
      .setStreamExtraInfo(this.localStreamID, encodeMediaState(this.local))
      .catch((error: unknown) => {
        this.failMedia('express', error, this.localStreamID);
      });
  }

  onExtraInfo(list: ZegoStreamExtraInfo[]): void {
    for (const info of list) {
      const stream = this.remote.get(info.streamID);
      if (stream === undefined) continue;
      Object.assign(stream, decodeMediaState(info.extraInfo));
      this.events.emit('streamUpdated', { ...stream });
    }
  }

  onQuality(streamID: string, stats: ZegoPublishStats | ZegoPlayStats): void {
    const own = streamID === this.localStreamID;
    const cameraOn = own ? this.local.cameraOn : (this.remote.get(streamID)?.cameraOn ?? true);
    const videoKbps = num(stats.video?.videoBitrate);
    const fps = num(stats.video?.videoFPS);
    const audioKbps = num(stats.audio?.audioBitrate);
    this.events.emit('quality', streamID, {
      grade: gradeQuality({ videoKbps, fps, audioKbps, videoExpected: cameraOn }),
      videoKbps: Math.round(videoKbps),
      fps: Math.round(fps),
      width: num(stats.video?.frameWidth),
      height: num(stats.video?.frameHeight),
      audioKbps: Math.round(audioKbps),
    });
  }
}

function num(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

/** SDK object methods throw on odd states (already stopped …); a stop must never break a leave. */
function guard(action: () => void): void {
  try {
    action();
  } catch (error) {
    console.warn('room media call failed', error);
  }
}
