/**
 * The RoomService's contract with its page and its dependencies. Pure types: no wx, no SDK.
 */
import type {
  PlayerAttributes,
  ZegoExpressEngineConstructor,
  ZegoRoomExtraInfo,
} from '../../../typings/zego-express';
import type { ErrorInfo } from '../../core/errors';
import type { Role } from '../../core/ids';
import type { QualityGrade } from '../../core/quality';
import type { TokenProvider } from '../../core/token-provider';

/** What the user sees; each phase has words on the page. */
export type RoomPhase =
  | 'idle'
  | 'checking'
  | 'joining'
  | 'live'
  | 'reconnecting'
  | 'failed'
  | 'host-left'
  | 'kicked'
  | 'update-wechat'
  | 'permission-refused'
  | 'left'
  /** The room ended for everyone (the host ended it, or the host left and did not come back). */
  | 'ended';

export interface RoomState {
  phase: RoomPhase;
  /** Why (failed, kicked, reconnecting …); absent when all is well. */
  error?: ErrorInfo;
  /** Recovery attempt (1-based) while reconnecting. */
  attempt?: number;
}

export interface MediaState {
  micOn: boolean;
  cameraOn: boolean;
}

export interface LocalMedia extends MediaState {
  frontCamera: boolean;
  beauty: number;
  whiteness: number;
}

export interface RemoteStream extends MediaState {
  streamID: string;
  userID: string;
  userName: string;
}

export interface StreamQuality {
  grade: QualityGrade;
  videoKbps: number;
  fps: number;
  width: number;
  height: number;
  audioKbps: number;
}

export interface Member {
  userID: string;
  userName: string;
}

export interface RoomServiceEvents {
  state: (state: RoomState) => void;
  streamAdded: (stream: RemoteStream) => void;
  streamUpdated: (stream: RemoteStream) => void;
  streamRemoved: (streamID: string) => void;
  localMedia: (media: LocalMedia) => void;
  /** streamID is our own stream for the publish side. */
  quality: (streamID: string, quality: StreamQuality) => void;
  memberJoined: (member: Member) => void;
  memberLeft: (userID: string) => void;
  memberCount: (count: number) => void;
  /** Something worth telling the user that does not change the phase (renewal failed, call interrupted …). */
  notice: (info: ErrorInfo) => void;
  /** An Express barrage (room comment) arrived: backs the comment overlay until ZIM lands. */
  barrage: (message: { id: string; userID: string; userName: string; text: string; sentAt: number }) => void;
  /** roomExtraInfoUpdate: the room info (room-stage.ts reads it). */
  roomExtraInfo: (list: ZegoRoomExtraInfo[]) => void;
}

export interface Clock {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  now(): number;
}

export interface NetworkStatus {
  isConnected: boolean;
  networkType: string;
}

/** The wx APIs the service needs, so tests can count listeners and drive them. */
export interface RoomPlatform {
  onNetworkStatusChange(listener: (status: NetworkStatus) => void): void;
  offNetworkStatusChange(listener: (status: NetworkStatus) => void): void;
  onAudioInterruptionEnd(listener: () => void): void;
  offAudioInterruptionEnd(listener: () => void): void;
  setKeepScreenOn(keepScreenOn: boolean): void;
}

export interface RecoveryPolicy {
  /** A join (token + loginRoom) that has not completed by then fails with retry. */
  joinTimeoutMs: number;
  /** Re-login attempts after a disconnect before the failed state. */
  maxRetries: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
  /** Native -1307 / -2301 restarts per stream before we stop and show the error. */
  maxMediaRestarts: number;
  /** A hide longer than this restarts the media on show (iOS stops publishing after ≈36 s). */
  longHideMs: number;
  /** An audience member with no stream for this long (host still in the room) sees "host left". */
  hostGoneGraceMs: number;
  /** "Host left" lasting this long ends an audience member's visit (unless the host returns first). */
  hostLeftTimeoutMs: number;
}

export const DEFAULT_RECOVERY: RecoveryPolicy = {
  joinTimeoutMs: 15000,
  maxRetries: 5,
  backoffBaseMs: 1000,
  backoffMaxMs: 16000,
  maxMediaRestarts: 3,
  longHideMs: 30000,
  hostGoneGraceMs: 5000,
  hostLeftTimeoutMs: 60000,
};

export interface RoomServiceDeps {
  Engine: ZegoExpressEngineConstructor;
  appID: number;
  servers: string[];
  tokens: TokenProvider;
  clock: Clock;
  platform: RoomPlatform;
  recovery?: Partial<RecoveryPolicy>;
}

export interface RoomParams {
  roomID: string;
  userID: string;
  userName: string;
  role: Role;
  /** The page: the SDK's initContext writes `pusher` and `playerList` into its data. */
  wxContext: { setData(data: Record<string, unknown>, callback?: () => void): void };
  /** The live-player attributes every player starts with (playback mode); RTC when absent. */
  playerAttributes?: () => PlayerAttributes;
}
