/**
 * The room's settings-sheet features, over the engine RoomService owns: the audience playback mode
 * (RTC / live), snapshots of our preview or any remote tile, the host's torch, and the host's CDN
 * relay. It never calls setData: results come back as promises and typed events.
 *
 * Mode switch: RoomMedia.play applies `playerAttributes()` to every player it starts, so switching
 * re-plays each remote stream (stop + play of that player only) in the same room: no leave/rejoin.
 * The native live-player reads its mode when it starts playing, which is why a switch re-plays.
 */
import type { PlayerAttributes, ZegoExpressEngine } from '../../../typings/zego-express';
import { describeError, type ErrorInfo } from '../../core/errors';
import { Emitter } from './emitter';
import { relayRequest, snapshotOf } from './live-calls';
import {
  choosePlaybackMode,
  playerAttributesFor,
  type PlaybackMode,
  type PlaybackPreference,
  type PlaybackRole,
} from './playback-mode';
import { checkRelayUrl } from './relay-url';
import type { RoomMedia } from './room-media';
import type { Clock, RoomServiceEvents, RoomState } from './room-types';

/** A native snapshot that has not called back by then counts as failed. */
export const SNAPSHOT_TIMEOUT_MS = 5000;

export interface PlaybackState {
  mode: PlaybackMode;
  preference: PlaybackPreference;
}

export interface RelayState {
  on: boolean;
  url: string;
}

export interface RoomExtrasEvents {
  playback: (state: PlaybackState) => void;
  relay: (state: RelayState) => void;
  torch: (on: boolean) => void;
}

/** What RoomExtras needs from the room (RoomService passes closures over its current engine/media). */
export interface ExtrasHost {
  engine(): ZegoExpressEngine | null;
  media(): RoomMedia | null;
  loggedIn(): boolean;
  localStreamID(): string;
}

export const SNAPSHOT_FAILED: ErrorInfo = {
  source: 'pusher',
  code: 0,
  zh: '截图失败，请稍后再试',
  en: 'Could not take the snapshot; please try again',
  action: 'retry',
  known: true,
};

export const TORCH_FAILED: ErrorInfo = {
  source: 'pusher',
  code: 0,
  zh: '无法打开闪光灯（只有后置摄像头可以）',
  en: 'Could not switch the torch (back camera only)',
  action: 'none',
  known: true,
};

export class RoomExtras {
  private readonly events = new Emitter<RoomExtrasEvents>('room-extras');
  private mode: PlaybackMode;
  private memberCount: number | undefined;
  /**
   * Users the room told us about (roomUserUpdate), for a first estimate of the room size: the online
   * count arrives only every 30 s, and a busy room should not re-play 30 s into watching.
   */
  private readonly members = new Set<string>();
  private relayState: RelayState = { on: false, url: '' };
  private torch = false;

  constructor(
    private readonly host: ExtrasHost,
    private readonly clock: Clock,
    private role: PlaybackRole,
    private preference: PlaybackPreference = 'auto',
  ) {
    this.mode = choosePlaybackMode({ role, memberCount: undefined, preference });
  }

  on<K extends keyof RoomExtrasEvents>(event: K, handler: RoomExtrasEvents[K]): () => void {
    return this.events.on(event, handler);
  }

  /** Follows the room: people online (auto mode), camera flips (torch), lost connection (relay). */
  follow(room: Pick<Emitter<RoomServiceEvents>, 'on'>): void {
    room.on('memberCount', (count) => this.onMemberCount(count));
    room.on('memberJoined', (member) => this.onMembers([member.userID], []));
    room.on('memberLeft', (userID) => this.onMembers([], [userID]));
    room.on('localMedia', (media) => this.onCameraChanged(media.frontCamera));
    room.on('state', (state) => this.onState(state));
  }

  // ---- playback mode ----------------------------------------------------------------------------

  get playback(): PlaybackState {
    return { mode: this.mode, preference: this.preference };
  }

  /** What every player is started with (RoomMedia.play reads it). */
  playerAttributes(): PlayerAttributes {
    return playerAttributesFor(this.mode);
  }

  setPreference(preference: PlaybackPreference): void {
    this.preference = preference;
    this.decide(true);
  }

  /** Becoming a co-host (or back to audience) changes the mode: co-hosts always play RTC. */
  setRole(role: PlaybackRole): void {
    this.role = role;
    this.decide(false);
  }

  /** Until the first online count, the users we know of (plus us) stand in for it. */
  onMembers(joined: string[], left: string[]): void {
    for (const id of joined) this.members.add(id);
    for (const id of left) this.members.delete(id);
    if (this.memberCount === undefined) this.decide(false);
  }

  onMemberCount(count: number): void {
    this.memberCount = count;
    this.decide(false);
  }

  private decide(announce: boolean): void {
    const next = choosePlaybackMode({
      role: this.role,
      memberCount: this.memberCount ?? (this.members.size > 0 ? this.members.size + 1 : undefined),
      preference: this.preference,
      current: this.mode,
    });
    const changed = next !== this.mode;
    this.mode = next;
    if (changed) {
      const media = this.host.media();
      // Each remote player re-plays with the new attributes; the room and our pusher are untouched.
      if (media !== null) for (const streamID of Array.from(media.remote.keys())) media.replay(streamID);
    }
    if (changed || announce) this.events.emit('playback', this.playback);
  }

  // ---- snapshot ---------------------------------------------------------------------------------

  /** Our preview (our stream ID) or a remote tile: resolves with the temp image path. */
  snapshot(streamID: string): Promise<string> {
    const engine = this.host.engine();
    if (engine === null) return Promise.reject(SNAPSHOT_FAILED);
    const target =
      streamID === this.host.localStreamID()
        ? engine.getPusherInstance()
        : engine.getPlayerList(streamID).length > 0
          ? engine.getPlayerInstance(streamID)
          : null;
    if (target === null) return Promise.reject(SNAPSHOT_FAILED);
    return snapshotOf(target, this.clock, SNAPSHOT_TIMEOUT_MS, SNAPSHOT_FAILED);
  }

  // ---- torch ------------------------------------------------------------------------------------

  get torchOn(): boolean {
    return this.torch;
  }

  /** Host, back camera only. Resolves with the new torch state. */
  toggleTorch(): Promise<boolean> {
    const media = this.host.media();
    const pusher = this.host.engine()?.getPusherInstance() ?? null;
    if (media === null || !media.isHost || media.local.frontCamera || pusher === null)
      return Promise.reject(TORCH_FAILED);
    return new Promise<boolean>((resolve, reject) => {
      pusher.toggleTorch({
        success: () => {
          this.setTorch(!this.torch);
          resolve(this.torch);
        },
        fail: () => reject(TORCH_FAILED),
      });
    });
  }

  /** The camera flipped (the front camera has no torch) or the pusher was recreated: the torch is off. */
  onCameraChanged(frontCamera: boolean): void {
    if (frontCamera) this.setTorch(false);
  }

  private setTorch(on: boolean): void {
    if (on === this.torch) return;
    this.torch = on;
    this.events.emit('torch', on);
  }

  // ---- CDN relay --------------------------------------------------------------------------------

  get relay(): RelayState {
    return { ...this.relayState };
  }

  /** Validates, then asks the cloud to relay our stream. Rejects with an ErrorInfo (zh/en). */
  async startRelay(rawUrl: string): Promise<RelayState> {
    const check = checkRelayUrl(rawUrl);
    if (!check.ok)
      throw { source: 'relay', code: 0, zh: check.zh, en: check.en, action: 'none', known: true };
    const engine = this.host.engine();
    if (engine === null || !this.host.loggedIn()) throw describeError('relay', 1000002);
    if (this.relayState.on && this.relayState.url === check.url) return this.relay;
    if (this.relayState.on) await this.stopRelay();
    await relayRequest(() => engine.addPublishCdnUrl(this.host.localStreamID(), check.url));
    this.setRelay({ on: true, url: check.url });
    return this.relay;
  }

  async stopRelay(): Promise<RelayState> {
    if (!this.relayState.on) return this.relay;
    const engine = this.host.engine();
    const { url } = this.relayState;
    if (engine !== null && this.host.loggedIn()) {
      try {
        await relayRequest(() => engine.removePublishCdnUrl(this.host.localStreamID(), url));
      } catch (error) {
        // "not publishing" means the relay has already ended with the stream; anything else: still on.
        if ((error as ErrorInfo).code !== 1103055) throw error;
      }
    }
    this.setRelay({ on: false, url });
    return this.relay;
  }

  /**
   * A relay follows our stream. The SDK's own reconnect (attempt 0) keeps the pusher; once it gives up
   * (DISCONNECTED: our re-login attempts ≥ 1), failed, kicked or left, the pusher is gone and so are
   * the relay and the torch.
   */
  onState(state: RoomState): void {
    const { phase } = state;
    const lost =
      (phase === 'reconnecting' && (state.attempt ?? 0) > 0) ||
      phase === 'failed' ||
      phase === 'kicked' ||
      phase === 'left';
    if (!lost) return;
    this.setRelay({ ...this.relayState, on: false });
    this.setTorch(false);
  }

  /** Leaving: tell the cloud to stop relaying while the engine is still logged in (fire and forget). */
  beforeLeave(): void {
    const engine = this.host.engine();
    if (this.relayState.on && engine !== null && this.host.loggedIn()) {
      try {
        engine.removePublishCdnUrl(this.host.localStreamID(), this.relayState.url).catch(() => undefined);
      } catch {
        // leaving must never fail on this
      }
    }
    this.relayState = { ...this.relayState, on: false };
    this.events.clear();
  }

  private setRelay(state: RelayState): void {
    if (state.on === this.relayState.on && state.url === this.relayState.url) return;
    this.relayState = state;
    this.events.emit('relay', this.relay);
  }
}
