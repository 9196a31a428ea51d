/**
 * What makes the room interactive, over the engine RoomService owns: the room info every newcomer
 * reads (Express room extra info, see room-info.ts), the host's mixer task (mixer.ts), the audience's
 * choice between the direct streams and the mixed one, and a co-host's publishing (renewToken with a
 * cohost token, then the pusher). It never calls setData: state comes back as typed events.
 */
import type { ZegoExpressEngine, ZegoRoomExtraInfo } from '../../../typings/zego-express';
import { codeOf, describeError, ROOM_ENDED, type ErrorInfo } from '../../core/errors';
import type { TokenRole } from '../../core/token-provider';
import { Emitter } from './emitter';
import { choosePlayMode, MixerController, type MixerStatus, type PlayMode } from './mixer';
import { checkRoomInfo, decodeRoomInfo, ROOM_INFO_KEY, type RoomInfo, type RoomInfoDraft } from './room-info';
import type { RoomMedia } from './room-media';
import type { RoomServiceEvents } from './room-types';

export interface MixState {
  /** The host's mixer task. */
  status: MixerStatus;
  /** What this client plays. */
  mode: PlayMode;
  /** The host is mixing: the mixed stream can be played. */
  available: boolean;
  /** The viewer's own choice, null for automatic. */
  choice: PlayMode | null;
}

export interface RoomStageEvents {
  roomInfo: (info: RoomInfo) => void;
  mix: (state: MixState) => void;
  /** Publishing as a co-host started (true) or stopped (false). */
  onStage: (on: boolean) => void;
}

/** What RoomStage needs from the room (RoomService passes closures over its current engine/media). */
export interface StageHost {
  roomID: string;
  userID(): string;
  isHost: boolean;
  engine(): ZegoExpressEngine | null;
  media(): RoomMedia | null;
  loggedIn(): boolean;
  setTokenRole(role: TokenRole): void;
  /** The room ended for everyone (the host's flag in the room info). */
  ended(info: ErrorInfo): void;
  notice(info: ErrorInfo): void;
}

const NOT_CONNECTED = 1002053;

export class RoomStage {
  private readonly events = new Emitter<RoomStageEvents>('room-stage');
  private info: RoomInfo | null = null;
  private onStage = false;
  private choice: PlayMode | null = null;
  private mode: PlayMode = 'direct';
  readonly mixer: MixerController;

  constructor(private readonly host: StageHost) {
    this.mixer = new MixerController(
      host.roomID,
      {
        start: (plan) => this.call((engine) => engine.startMixerTask(plan)),
        stop: (taskID) => this.call((engine) => engine.stopMixerTask(taskID)),
      },
      (status, error) => {
        if (error !== undefined) host.notice(error);
        this.onMixerChanged(status);
      },
    );
  }

  on<K extends keyof RoomStageEvents>(event: K, handler: RoomStageEvents[K]): () => void {
    return this.events.on(event, handler);
  }

  /** Streams coming and going change what the audience plays and what the host mixes. */
  follow(room: {
    on: <K extends keyof RoomServiceEvents>(e: K, h: RoomServiceEvents[K]) => () => void;
  }): void {
    room.on('streamAdded', () => this.streamsChanged());
    room.on('streamRemoved', () => this.streamsChanged());
    room.on('state', (state) => {
      // After a re-login the SDK dropped every player: RoomMedia re-plays; the mix choice stays.
      if (state.phase === 'live') this.decidePlay();
    });
  }

  get roomInfo(): RoomInfo | null {
    return this.info ? { ...this.info } : null;
  }

  get mixState(): MixState {
    return {
      status: this.mixer.state,
      mode: this.mode,
      available: this.info?.mixing === true,
      choice: this.choice,
    };
  }

  get isOnStage(): boolean {
    return this.onStage;
  }

  // ---- room info -------------------------------------------------------------------------------

  /** roomExtraInfoUpdate: newcomers get it right after login, everyone else on each change. */
  onExtraInfo(list: ZegoRoomExtraInfo[]): void {
    const entry = list.find((i) => i.key === ROOM_INFO_KEY);
    const info = decodeRoomInfo(entry?.value);
    if (info === null) return;
    const wasMixing = this.info?.mixing === true;
    this.info = info;
    this.events.emit('roomInfo', { ...info });
    if (info.ended && !this.host.isHost) {
      this.host.ended(ROOM_ENDED);
      return;
    }
    if (wasMixing !== info.mixing) this.decidePlay(true);
  }

  /**
   * The host writes the room info (an edit, or a flag change). Validated first; the SDK's own
   * refusal (1002016 too long, 1002017 too many keys) comes back as words.
   */
  async publishInfo(
    draft: RoomInfoDraft,
    flags?: Partial<Pick<RoomInfo, 'mixing' | 'ended'>>,
  ): Promise<RoomInfo> {
    const checked = checkRoomInfo(draft, this.host.userID(), {
      mixing: flags?.mixing ?? this.info?.mixing ?? false,
      ended: flags?.ended ?? this.info?.ended ?? false,
    });
    if (!checked.ok)
      throw { ...describeError('express', 1002016), ...checked.message, action: 'none' } satisfies ErrorInfo;
    await this.call((engine) => engine.setRoomExtraInfo(this.host.roomID, ROOM_INFO_KEY, checked.value));
    this.info = checked.info;
    this.events.emit('roomInfo', { ...checked.info });
    return { ...checked.info };
  }

  // ---- co-host publishing ----------------------------------------------------------------------

  /** With a token that may publish (the host approved us): renewToken, then the pusher. */
  async goOnStage(token: string): Promise<void> {
    const engine = this.host.engine();
    const media = this.host.media();
    if (engine === null || media === null || !this.host.loggedIn())
      throw describeError('express', NOT_CONNECTED);
    if (!engine.renewToken(token, this.host.roomID)) throw describeError('express', 1002082);
    this.host.setTokenRole('cohost');
    media.setOnStage(true);
    this.onStage = true;
    this.decidePlay();
    try {
      await media.startPublishing();
    } catch (error) {
      this.leaveStage();
      throw describeError('express', codeOf(error) ?? 1003072);
    }
    this.events.emit('onStage', true);
  }

  leaveStage(): void {
    const wasOn = this.onStage;
    this.onStage = false;
    this.host.setTokenRole('audience');
    const media = this.host.media();
    media?.stopPublishing();
    media?.setOnStage(false);
    this.decidePlay();
    if (wasOn) this.events.emit('onStage', false);
  }

  // ---- mixing ----------------------------------------------------------------------------------

  /** The host's streams to mix: its own first, then the co-hosts' in arrival order. */
  private mixInputs(): string[] {
    const media = this.host.media();
    if (media === null) return [];
    return [media.localStreamID, ...Array.from(media.remote.keys())];
  }

  startMixing(): Promise<void> {
    return this.mixer.start(this.mixInputs());
  }

  stopMixing(): Promise<void> {
    return this.mixer.stop();
  }

  /** Leaving: stop our mixer task now, while the engine is still logged in (not queued). */
  beforeLeave(): void {
    const engine = this.host.engine();
    if (!this.host.isHost || engine === null || this.mixer.state === 'off') return;
    engine
      .stopMixerTask(this.mixer.taskID)
      .catch((error: unknown) => console.warn('stopMixerTask failed', error));
  }

  /** An audience member picks the mixed or the direct streams (null: automatic). */
  setPlayChoice(choice: PlayMode | null): void {
    this.choice = choice;
    this.decidePlay(true);
  }

  private streamsChanged(): void {
    if (this.host.isHost) void this.mixer.sync(this.mixInputs());
    else this.decidePlay();
  }

  private onMixerChanged(status: MixerStatus): void {
    this.events.emit('mix', this.mixState);
    // The audience learns that the mixed stream exists from the room info's flag.
    const info = this.info;
    if (!this.host.isHost || info === null || status === 'starting' || info.ended) return;
    if ((status === 'on') === info.mixing) return;
    this.publishInfo(info, { mixing: status === 'on' }).catch((error: ErrorInfo) => this.host.notice(error));
  }

  private decidePlay(announce = false): void {
    if (this.host.isHost) return;
    const media = this.host.media();
    const next = choosePlayMode({
      onStage: this.onStage,
      mixAvailable: this.info?.mixing === true,
      remoteStreams: media?.remote.size ?? 0,
      choice: this.choice,
    });
    const changed = next !== this.mode;
    this.mode = next;
    if (media !== null) {
      if (next === 'mix') media.playMixed(this.mixer.outputStreamID);
      else media.playDirect();
    }
    if (changed || announce) this.events.emit('mix', this.mixState);
  }

  /** One SDK call on the current engine; `{errorCode}` replies and rejections become ErrorInfo. */
  private async call(action: (engine: ZegoExpressEngine) => Promise<{ errorCode: number }>): Promise<void> {
    const engine = this.host.engine();
    if (engine === null || !this.host.loggedIn()) throw describeError('express', NOT_CONNECTED);
    let result: { errorCode: number };
    try {
      result = await action(engine);
    } catch (error) {
      const code =
        typeof error === 'object' && error !== null && 'errorCode' in error
          ? Number((error as { errorCode: unknown }).errorCode)
          : codeOf(error);
      throw { ...describeError('express', code), errorCode: code };
    }
    if (result.errorCode !== 0)
      throw { ...describeError('express', result.errorCode), errorCode: result.errorCode };
  }
}
