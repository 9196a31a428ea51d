/**
 * Our own typings for the part of zego-express-engine-miniprogram 3.6.0 we use.
 *
 * Why: the shipped `zego.client.wechat.d.ts` imports files that are not in the package, so
 * `createPusher`, `getPusherInstance` and `getPlayerInstance` come out as `any`, and every enum is a
 * `declare enum` with no runtime value. Here enums are string/number literal unions, and every
 * method and event is checked against the real bundle by tests/contract/express.test.ts.
 *
 * Import with `import type` only: this module has no runtime value.
 */

export interface ZegoUser {
  userID: string;
  userName?: string;
}

export interface ZegoRoomConfig {
  /** Needed for roomUserUpdate to fire. */
  userUpdate?: boolean;
  /** 0 = unlimited; only the first user into the room sets it. */
  maxMemberCount?: number;
}

export interface ZegoServerResponse {
  errorCode: number;
  extendedData?: string;
}

/** What loginRoom rejects with, and what most async calls reject with. */
export interface ZegoError {
  code: number | string;
  msg: string;
}

export type ZegoRoomState = 'DISCONNECTED' | 'CONNECTING' | 'CONNECTED';

export type ZegoRoomStateChangedReason =
  | 'LOGINING'
  | 'LOGINED'
  | 'LOGIN_FAILED'
  | 'RECONNECTING'
  | 'RECONNECTED'
  | 'RECONNECT_FAILED'
  | 'KICKOUT'
  | 'LOGOUT'
  | 'LOGOUT_FAILED';

export type ZegoUpdateType = 'ADD' | 'DELETE';

export type ZegoPublisherStateValue = 'PUBLISHING' | 'NO_PUBLISH' | 'PUBLISH_REQUESTING';
export type ZegoPlayerStateValue = 'PLAYING' | 'NO_PLAY' | 'PLAY_REQUESTING';

export interface ZegoStreamInfo {
  streamID: string;
  user: ZegoUser;
  extraInfo: string;
  urlsFLV?: string;
  urlsRTMP?: string;
  urlsHLS?: string;
  urlsHttpsFLV?: string;
  urlsHttpsHLS?: string;
}

export interface ZegoStreamExtraInfo {
  streamID: string;
  user: ZegoUser;
  extraInfo: string;
}

export interface ZegoPublisherState {
  streamID: string;
  state: ZegoPublisherStateValue;
  errorCode: number;
  extendedData: string;
}

export interface ZegoPlayerState {
  streamID: string;
  state: ZegoPlayerStateValue;
  /** Undefined on some transitions at runtime. */
  errorCode: number | undefined;
  extendedData: string | undefined;
}

/** At runtime only bitrate/fps/size (video) and bitrate (audio) are filled; the rest may be absent. */
export interface ZegoVideoStats {
  videoBitrate: number;
  videoFPS: number;
  frameWidth: number;
  frameHeight: number;
  videoPacketsLostRate?: number;
}

export interface ZegoAudioStats {
  audioBitrate: number;
  audioPacketsLostRate?: number;
}

export interface ZegoPublishStats {
  video: ZegoVideoStats;
  audio: ZegoAudioStats;
}

export interface ZegoPlayStats {
  video: ZegoVideoStats;
  audio: ZegoAudioStats;
}

export interface ZegoBroadcastMessageInfo {
  fromUser: ZegoUser;
  message: string;
  sendTime: number;
  messageID: number;
}

export interface ZegoBarrageMessageInfo {
  fromUser: ZegoUser;
  message: string;
  sendTime: number;
  messageID: string;
}

export interface ZegoRoomExtraInfo {
  key: string;
  value: string;
  updateUser: ZegoUser;
  updateTime: number;
}

/** Every event we register, with each handler's exact arguments (from the 3.6.0 runtime). */
export interface ZegoEventMap {
  roomStateUpdate: (roomID: string, state: ZegoRoomState, errorCode: number, extendedData: string) => void;
  roomStateChanged: (
    roomID: string,
    reason: ZegoRoomStateChangedReason,
    errorCode: number,
    extendedData: string,
  ) => void;
  roomStreamUpdate: (
    roomID: string,
    updateType: ZegoUpdateType,
    streamList: ZegoStreamInfo[],
    extendedData: string,
  ) => void;
  roomUserUpdate: (roomID: string, updateType: ZegoUpdateType, userList: ZegoUser[]) => void;
  roomOnlineUserCountUpdate: (roomID: string, count: number) => void;
  roomExtraInfoUpdate: (roomID: string, roomExtraInfoList: ZegoRoomExtraInfo[]) => void;
  publisherStateUpdate: (result: ZegoPublisherState) => void;
  playerStateUpdate: (result: ZegoPlayerState) => void;
  publishQualityUpdate: (streamID: string, stats: ZegoPublishStats) => void;
  playQualityUpdate: (streamID: string, stats: ZegoPlayStats) => void;
  streamExtraInfoUpdate: (roomID: string, streamList: ZegoStreamExtraInfo[]) => void;
  IMRecvBroadcastMessage: (roomID: string, chatData: ZegoBroadcastMessageInfo[]) => void;
  IMRecvBarrageMessage: (roomID: string, messageInfo: ZegoBarrageMessageInfo[]) => void;
  IMRecvCustomCommand: (roomID: string, fromUser: ZegoUser, command: string) => void;
  /** 30 s before the room token expires. */
  tokenWillExpire: (roomID: string) => void;
  /** Emitted by the runtime alongside tokenWillExpire (not in the shipped typings). */
  roomTokenWillExpire: (roomID: string) => void;
}

export type ZegoEventName = keyof ZegoEventMap;

export interface ZegoWxPublishOption {
  sourceType?: 'CDN' | 'BGP';
  streamParams?: string;
  extraInfo?: string;
  roomID?: string;
  /** 0 allow, 1 not allow. */
  inspectFlag?: 0 | 1;
}

export interface ZegoWxPlayOption {
  streamParams?: string;
  isMix?: boolean;
  sourceType?: 'CDN' | 'BGP';
}

/** Attributes the SDK writes into page data under `pushAtr`; WXML maps them to <live-pusher>. */
export interface PusherAttributes {
  id?: string;
  url?: string;
  mode?: 'SD' | 'HD' | 'FHD' | 'RTC';
  enableCamera?: boolean;
  enableMic?: boolean;
  enableAgc?: boolean;
  enableAns?: boolean;
  minBitrate?: number;
  maxBitrate?: number;
  frontCamera?: 'front' | 'back';
  enableZoom?: boolean;
  videoWidth?: number;
  videoHeight?: number;
  beautyLevel?: number;
  beautyStyle?: 'smooth' | 'nature';
  whitenessLevel?: number;
  videoOrientation?: 'vertical' | 'horizontal';
  enableRemoteMirror?: boolean;
  localMirror?: 'auto' | 'enable' | 'disable';
  audioQuality?: 'low' | 'high';
  audioVolumeType?: 'media' | 'voicecall';
  audioReverbType?: 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7;
  filter?:
    | 'standard'
    | 'pink'
    | 'nostalgia'
    | 'blues'
    | 'romantic'
    | 'cool'
    | 'fresher'
    | 'solor'
    | 'aestheticism'
    | 'whitening'
    | 'cerisered';
}

/** One entry of the list the SDK writes under `playAtr`; `id` is the stream ID. */
export interface PlayerAttributes {
  id?: string;
  url?: string;
  mode?: 'RTC' | 'live';
  autoPlay?: boolean;
  muteAudio?: boolean;
  muteVideo?: boolean;
  orientation?: 'vertical' | 'horizontal';
  objectFit?: 'contain' | 'fillCrop';
  minCache?: number;
  maxCache?: number;
  soundMode?: 'speaker' | 'ear';
  enableRecvMessage?: boolean;
  autoPauseIfNavigate?: boolean;
  autoPauseIfOpenNative?: boolean;
}

/** The `e` of a <live-pusher>/<live-player> bindstatechange / bindnetstatus / bindaudiovolumenotify. */
export interface LiveComponentEvent {
  type?: string;
  detail: {
    code?: number;
    message?: string;
    info?: Record<string, number | string>;
    volume?: number;
  };
  currentTarget?: { id: string; dataset?: Record<string, unknown> };
}

/** What wx's LivePusherContext/LivePlayerContext.snapshot call back with (the SDK passes options through). */
export interface LiveSnapshotResult {
  tempImagePath: string;
  width?: number;
  height?: number;
}

export interface LiveSnapshotOptions {
  /** 'raw' keeps the full picture; 'compressed' (default) is smaller. */
  quality?: 'raw' | 'compressed';
  success?: (result: LiveSnapshotResult) => void;
  fail?: (error: { errMsg?: string }) => void;
  complete?: () => void;
}

/** LivePusherContext.toggleTorch's callbacks (the SDK passes them through). */
export interface LiveCallbackOptions {
  success?: () => void;
  fail?: (error: { errMsg?: string }) => void;
  complete?: () => void;
}

/** The object createPusher() returns (runtime class wrapping wx.createLivePusherContext()). */
export interface LivePusher {
  attributes: PusherAttributes;
  isPublishing: boolean;
  setPusherAttributes(attributes: PusherAttributes, callback?: () => void): void;
  /** Gets the publish URL, writes it into page data, then starts the native context. */
  start(streamID: string, option?: ZegoWxPublishOption): Promise<void>;
  /** Also stops publishing the stream on the server. */
  stop(): void;
  pause(options?: unknown): void;
  resume(options?: unknown): void;
  switchCamera(options?: unknown): void;
  /** Calls the native context's snapshot with these options; errors are logged, not thrown. */
  snapshot(options?: LiveSnapshotOptions): void;
  /** Back camera only: the front camera has no torch. */
  toggleTorch(options?: LiveCallbackOptions): void;
  setMICVolume(options: { volume: number }): void;
  startPreview(options?: unknown): void;
  stopPreview(options?: unknown): void;
}

/** The object getPlayerInstance(streamID) returns (runtime class wrapping wx.createLivePlayerContext(streamID)). */
export interface LivePlayer {
  streamID: string;
  attributes: PlayerAttributes;
  isPlaying: boolean;
  setPlayerAttributes(attributes: PlayerAttributes, callback?: () => void): void;
  /** Resolves right after context.play is called, not when the picture arrives. */
  play(option?: ZegoWxPlayOption): Promise<boolean>;
  /** Stops playing and removes the player from the SDK's list (and from page data). */
  stop(): void;
  pause(options?: unknown): void;
  resume(options?: unknown): void;
  mute(options?: unknown): void;
  requestFullScreen(options?: unknown): void;
  exitFullScreen(options?: unknown): void;
  snapshot(options?: LiveSnapshotOptions): void;
}

/** The page-like object initContext needs: the SDK calls setData on it. */
export interface ZegoWxContext {
  setData(data: Record<string, unknown>, callback?: () => void): void;
}

export interface ZegoInitContextOptions {
  wxContext?: ZegoWxContext;
  pushAtr?: string;
  playAtr?: string;
}

export interface ZegoSystemRequirements {
  /** 0 supported; 10001 WeChat base library too old; 10002 camera/record permission missing. */
  code: number;
  msg: string;
}

/** startMixerTask's config as the 3.6.0 runtime reads it (layout edges in output pixels, integers). */
export interface ZegoMixerTask {
  taskID: string;
  inputList: Array<{
    streamID: string;
    contentType: 'VIDEO' | 'AUDIO';
    layout: { top: number; left: number; bottom: number; right: number };
  }>;
  outputList: Array<{ target: string }>;
  outputConfig: { outputBitrate: number; outputFPS: number; outputWidth: number; outputHeight: number };
}

/** The engine surface we call. */
export interface ZegoExpressEngine {
  on<K extends ZegoEventName>(event: K, callback: ZegoEventMap[K]): boolean;
  off<K extends ZegoEventName>(event: K, callback?: ZegoEventMap[K]): boolean;
  checkSystemRequirements(): Promise<ZegoSystemRequirements>;
  loginRoom(roomID: string, token: string, user: ZegoUser, config?: ZegoRoomConfig): Promise<boolean>;
  logoutRoom(roomID?: string): void;
  renewToken(token: string, roomID?: string): boolean;
  initContext(options: ZegoInitContextOptions): void;
  createPusher(config?: PusherAttributes): LivePusher | null;
  getPusherInstance(): LivePusher | null;
  getPlayerInstance(streamID: string, wxContext?: unknown): LivePlayer | null;
  getPlayerList(streamID?: string): PlayerAttributes[];
  setPusherAttributes(config: PusherAttributes): void;
  setPlayerAttributes(streamID: string, config: PlayerAttributes): void;
  startPublishingStream(
    streamID: string,
    option?: ZegoWxPublishOption,
  ): Promise<{ streamID: string; url: string }>;
  stopPublishingStream(streamID: string): boolean;
  startPlayingStream(streamID: string, option?: ZegoWxPlayOption): Promise<{ streamID: string; url: string }>;
  stopPlayingStream(streamID: string): void;
  updatePlayerState(streamID: string, event: LiveComponentEvent): void;
  updatePlayerNetStatus(streamID: string, event: LiveComponentEvent): void;
  updateAudioVolumeNotify(streamID: string, event: LiveComponentEvent): void;
  mutePublishStreamVideo(mute: boolean): void;
  mutePublishStreamAudio(mute: boolean): void;
  mutePlayStreamVideo(streamID: string, mute: boolean): void;
  mutePlayStreamAudio(streamID: string, mute: boolean): void;
  setStreamExtraInfo(streamID: string, extraInfo: string): Promise<ZegoServerResponse>;
  setRoomExtraInfo(roomID: string, key: string, value: string): Promise<ZegoServerResponse>;
  sendBroadcastMessage(roomID: string, message: string): Promise<ZegoServerResponse & { messageID?: number }>;
  sendBarrageMessage(roomID: string, message: string): Promise<ZegoServerResponse & { messageID?: string }>;
  sendCustomCommand(roomID: string, message: string, toUserIDs: string[]): Promise<ZegoServerResponse>;
  /**
   * Asks the cloud to relay a stream we publish to an RTMP address. Rejects with `{errorCode,
   * extendedData}` (1103055 not publishing, 1000055 bad URL …); resolves `{errorCode: -1}` when the
   * SDK build has no CDN module. Success only means the cloud accepted the request.
   */
  addPublishCdnUrl(streamID: string, targetURL: string): Promise<ZegoServerResponse>;
  removePublishCdnUrl(streamID: string, targetURL: string): Promise<ZegoServerResponse>;
  /**
   * Starts a mixer task, or updates it when called again with the same taskID. Rejects with
   * `{errorCode, extendedData}` (1005000 mixing not enabled for the AppID, 1005026 input stream
   * missing …). The mixed output is not a room stream: viewers play it with `play({isMix: true})`.
   */
  startMixerTask(task: ZegoMixerTask): Promise<ZegoServerResponse>;
  stopMixerTask(taskID: string): Promise<ZegoServerResponse>;
  getNextUrl(streamID: string): string;
  getVersion(): string;
  /** Throws if called twice. */
  destroyEngine(): void;
}

export type ZegoExpressEngineConstructor = new (
  appID: number,
  server: string | string[],
) => ZegoExpressEngine;
