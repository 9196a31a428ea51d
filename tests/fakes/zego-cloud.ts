/**
 * A fake ZEGO cloud for tests: rooms that several fake Express engines join, streams that appear for
 * everyone else once a pusher reports 1002 through the forwarded statechange (as in the real cloud),
 * users, quality and state events in the real SDK's order, disconnects, kicks, and Token04 checks
 * made by decrypting the token with the test secret (expired → 1002078, wrong app/user/room → 1002033).
 */
import type {
  LiveComponentEvent,
  LivePlayer,
  LivePusher,
  PlayerAttributes,
  PusherAttributes,
  ZegoEventMap,
  ZegoEventName,
  ZegoExpressEngine,
  ZegoExpressEngineConstructor,
  LiveCallbackOptions,
  LiveSnapshotOptions,
  ZegoInitContextOptions,
  ZegoPlayStats,
  ZegoRoomConfig,
  ZegoServerResponse,
  ZegoStreamInfo,
  ZegoSystemRequirements,
  ZegoUser,
  ZegoWxContext,
  ZegoWxPlayOption,
  ZegoWxPublishOption,
  ZegoMixerTask,
} from '../../typings/zego-express';
import { decodeToken04 } from '../../server/src/token04';
import { TEST_APP_ID, TEST_SECRET } from './test-tokens';
import { EXPRESS_EVENT_NAMES } from './express-event-names';
import { FakeInteractiveCloud } from './zego-cloud-mixer';

/** The event names the real 3.6.0 `on()` accepts that we may register (checked by the contract test). */
export const ACCEPTED_EVENTS = new Set<string>([
  ...EXPRESS_EVENT_NAMES,
  'hallStateUpdate',
  'mixerRelayCDNStateUpdate',
]);

export interface CloudStream {
  streamID: string;
  user: ZegoUser;
  extraInfo: string;
  owner: FakeEngine;
}

interface Room {
  members: Map<string, FakeEngine>;
  streams: Map<string, CloudStream>;
}

export type LoginBehaviour = 'normal' | 'hang';

export class FakeZegoCloud {
  readonly engines: FakeEngine[] = [];
  readonly rooms = new Map<string, Room>();
  /** Room extra info and mixer tasks (zego-cloud-mixer.ts). */
  readonly interactive = new FakeInteractiveCloud();
  appID = TEST_APP_ID;
  secret = TEST_SECRET;
  loginBehaviour: LoginBehaviour = 'normal';
  systemRequirementsCode = 0;
  /**
   * CDN relay switched on for this AppID in the console. Off, the media server refuses the request and
   * Express 3.6.0 turns any such server code (except 5004) into 1100999.
   */
  cdnRelayEnabled = true;
  /** Stream ID → RTMP addresses the cloud is relaying it to. */
  readonly relays = new Map<string, Set<string>>();
  /** The native snapshot fails (e.g. the component is not rendered yet). */
  snapshotFails = false;
  private snapshotSeq = 0;
  /** Seconds; tokens are checked against it. */
  now: () => number = () => Math.floor(Date.now() / 1000);
  readonly Engine: ZegoExpressEngineConstructor;

  constructor() {
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const cloud = this;
    this.Engine = class extends FakeEngine {
      constructor(appID: number, server: string | string[]) {
        super(cloud, appID, server);
      }
    };
  }

  room(roomID: string): Room {
    let room = this.rooms.get(roomID);
    if (room === undefined) {
      room = { members: new Map(), streams: new Map() };
      this.rooms.set(roomID, room);
    }
    return room;
  }

  /** 0 when the token lets `userID` into `roomID` (and publish, if asked); else the cloud's error code. */
  checkToken(token: string, roomID: string, userID: string, needPublish = false): number {
    if (token === '') return 1002067;
    let claims;
    try {
      claims = decodeToken04(token, this.secret).claims;
    } catch {
      return 1002033;
    }
    if (claims.app_id !== this.appID || claims.user_id !== userID) return 1002033;
    if (claims.expire < this.now()) return 1002078;
    if (claims.payload !== '') {
      const payload = JSON.parse(claims.payload) as { room_id?: string; privilege?: Record<string, number> };
      if (payload.room_id !== undefined && payload.room_id !== '' && payload.room_id !== roomID)
        return 1002033;
      if (payload.privilege?.['1'] !== 1) return 1002033;
      if (needPublish && payload.privilege?.['2'] !== 1) return 1003072;
    }
    return 0;
  }

  /** Total handlers still registered across every engine ever created. */
  listenerCount(): number {
    return this.engines.reduce((sum, engine) => sum + engine.listenerCount(), 0);
  }

  streamsIn(roomID: string): CloudStream[] {
    return Array.from(this.room(roomID).streams.values());
  }

  // ---- faults -----------------------------------------------------------------------------------

  /** The SDK's internal reconnect fails: CONNECTING, then DISCONNECTED; pusher and players are discarded. */
  disconnect(engine: FakeEngine, code = 1002053): void {
    const roomID = engine.roomID;
    if (roomID === null) return;
    engine.emit('roomStateChanged', roomID, 'RECONNECTING', 0, '');
    engine.emit('roomStateUpdate', roomID, 'CONNECTING', 0, '');
    this.removeFromRoom(engine);
    engine.discardMedia();
    engine.emit('roomStateUpdate', roomID, 'DISCONNECTED', code, '');
    engine.emit('roomStateChanged', roomID, 'RECONNECT_FAILED', code, '');
  }

  /** The same userID logged in elsewhere. */
  kick(engine: FakeEngine): void {
    const roomID = engine.roomID;
    if (roomID === null) return;
    this.removeFromRoom(engine);
    engine.discardMedia();
    engine.emit('roomStateChanged', roomID, 'KICKOUT', 1002050, '');
    engine.emit('roomStateUpdate', roomID, 'DISCONNECTED', 1002050, '');
  }

  tokenWillExpire(engine: FakeEngine): void {
    if (engine.roomID === null) return;
    engine.emit('tokenWillExpire', engine.roomID);
    engine.emit('roomTokenWillExpire', engine.roomID);
  }

  quality(engine: FakeEngine, streamID: string, stats: ZegoPlayStats): void {
    if (engine.pusher?.attributes.id === streamID) engine.emit('publishQualityUpdate', streamID, stats);
    else engine.emit('playQualityUpdate', streamID, stats);
  }

  // ---- used by FakeEngine -----------------------------------------------------------------------

  join(engine: FakeEngine, roomID: string): void {
    const room = this.room(roomID);
    const others = Array.from(room.members.values());
    room.members.set(engine.user.userID, engine);
    const existing = Array.from(room.streams.values()).map(toInfo);
    if (existing.length > 0) engine.emit('roomStreamUpdate', roomID, 'ADD', existing, '');
    // As the real SDK does after login: the room's extra info reaches the newcomer.
    const extraInfo = this.interactive.extraInfoList(roomID);
    if (extraInfo.length > 0) engine.emit('roomExtraInfoUpdate', roomID, extraInfo);
    if (engine.userUpdate && others.length > 0) {
      engine.emit(
        'roomUserUpdate',
        roomID,
        'ADD',
        others.map((o) => ({ ...o.user })),
      );
    }
    for (const other of others) {
      if (other.userUpdate) other.emit('roomUserUpdate', roomID, 'ADD', [{ ...engine.user }]);
    }
    this.broadcastCount(roomID);
  }

  removeFromRoom(engine: FakeEngine): void {
    const roomID = engine.roomID;
    if (roomID === null) return;
    const room = this.room(roomID);
    const mine = Array.from(room.streams.values()).filter((s) => s.owner === engine);
    for (const stream of mine) this.unpublish(roomID, stream.streamID);
    room.members.delete(engine.user.userID);
    engine.roomID = null;
    for (const other of room.members.values()) {
      if (other.userUpdate) other.emit('roomUserUpdate', roomID, 'DELETE', [{ ...engine.user }]);
    }
    this.broadcastCount(roomID);
  }

  publish(owner: FakeEngine, roomID: string, streamID: string, extraInfo: string): void {
    const room = this.room(roomID);
    if (room.streams.has(streamID)) return;
    const stream = { streamID, user: { ...owner.user }, extraInfo, owner };
    room.streams.set(streamID, stream);
    for (const other of room.members.values()) {
      if (other !== owner) other.emit('roomStreamUpdate', roomID, 'ADD', [toInfo(stream)], '');
    }
  }

  unpublish(roomID: string, streamID: string): void {
    const room = this.room(roomID);
    const stream = room.streams.get(streamID);
    if (stream === undefined) return;
    room.streams.delete(streamID);
    // A relay follows its stream: nothing left to relay once it stops.
    this.relays.delete(streamID);
    for (const other of room.members.values()) {
      if (other !== stream.owner) other.emit('roomStreamUpdate', roomID, 'DELETE', [toInfo(stream)], '');
    }
  }

  setExtraInfo(roomID: string, streamID: string, extraInfo: string): void {
    const stream = this.room(roomID).streams.get(streamID);
    if (stream === undefined) return;
    stream.extraInfo = extraInfo;
    for (const other of this.room(roomID).members.values()) {
      if (other !== stream.owner) {
        other.emit('streamExtraInfoUpdate', roomID, [{ streamID, user: { ...stream.user }, extraInfo }]);
      }
    }
  }

  /** What the real SDK + media server do with addpush / delpush (see ZegoExpressMiniProgram.js publishTarget). */
  relay(
    engine: FakeEngine,
    type: 'add' | 'remove',
    streamID: string,
    url: string,
  ): Promise<ZegoServerResponse> {
    const reject = (errorCode: number, message: string) =>
      Promise.reject({ errorCode, extendedData: message });
    if (streamID === '' || url === '') return reject(1100001, 'input params error');
    const stream = engine.roomID === null ? undefined : this.room(engine.roomID).streams.get(streamID);
    if (stream === undefined || stream.owner !== engine) return reject(1103055, 'publish stream no found');
    if (!/^rtmp:\/\//.test(url)) return reject(1000055, 'cdn url is invalid');
    if (!this.cdnRelayEnabled) return reject(1100999, `unknown server error cmd: ${type}push`);
    const set = this.relays.get(streamID) ?? new Set<string>();
    if (type === 'add') set.add(url);
    else set.delete(url);
    if (set.size > 0) this.relays.set(streamID, set);
    else this.relays.delete(streamID);
    return Promise.resolve({ errorCode: 0, extendedData: '' });
  }

  /** The native context's snapshot: a temp file path, asynchronously, or fail. */
  snapshot(options: LiveSnapshotOptions | undefined, who: string): void {
    const fails = this.snapshotFails;
    this.snapshotSeq += 1;
    const path = `wxfile://tmp/snapshot-${who}-${this.snapshotSeq}.jpg`;
    setTimeout(() => {
      if (fails) options?.fail?.({ errMsg: 'snapshot:fail' });
      else options?.success?.({ tempImagePath: path, width: 360, height: 640 });
      options?.complete?.();
    }, 0);
  }

  private broadcastCount(roomID: string): void {
    const room = this.room(roomID);
    for (const member of room.members.values())
      member.emit('roomOnlineUserCountUpdate', roomID, room.members.size);
  }
}

function toInfo(stream: CloudStream): ZegoStreamInfo {
  return { streamID: stream.streamID, user: { ...stream.user }, extraInfo: stream.extraInfo };
}

export type Call = { method: string; args: unknown[] };

export class FakeEngine implements ZegoExpressEngine {
  readonly calls: Call[] = [];
  readonly handlers = new Map<string, Array<(...args: never[]) => void>>();
  user: ZegoUser = { userID: '' };
  roomID: string | null = null;
  userUpdate = false;
  destroyed = false;
  pusher: FakePusher | null = null;
  readonly players: FakePlayer[] = [];
  wxContext: ZegoWxContext | undefined;
  pushAtr: string | undefined;
  playAtr: string | undefined;
  private token = '';

  constructor(
    readonly cloud: FakeZegoCloud,
    readonly appID: number,
    readonly server: string | string[],
  ) {
    cloud.engines.push(this);
  }

  count(method: string): number {
    return this.calls.filter((c) => c.method === method).length;
  }

  listenerCount(): number {
    let total = 0;
    for (const list of this.handlers.values()) total += list.length;
    return total;
  }

  /** Delivers asynchronously, as the real SDK does (it defers user callbacks with setTimeout 0). */
  emit<K extends ZegoEventName>(name: K, ...args: Parameters<ZegoEventMap[K]>): void {
    const list = [...(this.handlers.get(name) ?? [])];
    queueMicrotask(() => {
      for (const handler of list) (handler as (...a: unknown[]) => void)(...args);
    });
  }

  private log(method: string, ...args: unknown[]): void {
    if (this.destroyed) throw new Error(`${method} called on a destroyed engine`);
    this.calls.push({ method, args });
  }

  on<K extends ZegoEventName>(event: K, callback: ZegoEventMap[K]): boolean {
    this.log('on', event);
    if (!ACCEPTED_EVENTS.has(event) || typeof callback !== 'function') return false;
    const list = this.handlers.get(event) ?? [];
    if (!list.includes(callback as never)) list.push(callback as never);
    this.handlers.set(event, list);
    return true;
  }

  off<K extends ZegoEventName>(event: K, callback?: ZegoEventMap[K]): boolean {
    this.calls.push({ method: 'off', args: [event] });
    const list = this.handlers.get(event);
    if (list === undefined) return false;
    if (callback === undefined) this.handlers.set(event, []);
    else {
      const index = list.indexOf(callback as never);
      if (index >= 0) list.splice(index, 1);
    }
    return true;
  }

  async checkSystemRequirements(): Promise<ZegoSystemRequirements> {
    this.log('checkSystemRequirements');
    return { code: this.cloud.systemRequirementsCode, msg: '' };
  }

  loginRoom(roomID: string, token: string, user: ZegoUser, config?: ZegoRoomConfig): Promise<boolean> {
    this.log('loginRoom', roomID, token, user, config);
    if (this.roomID !== null) return Promise.reject({ code: 1002001, msg: 'already in a room' });
    this.emit('roomStateChanged', roomID, 'LOGINING', 0, '');
    this.emit('roomStateUpdate', roomID, 'CONNECTING', 0, '');
    if (this.cloud.loginBehaviour === 'hang') return new Promise<boolean>(() => undefined);
    const code = this.cloud.checkToken(token, roomID, user.userID);
    if (code !== 0) {
      this.emit('roomStateUpdate', roomID, 'DISCONNECTED', code, '');
      this.emit('roomStateChanged', roomID, 'LOGIN_FAILED', code, '');
      return Promise.reject({ code, msg: 'login failed' });
    }
    const existing = this.cloud.room(roomID).members.get(user.userID);
    if (existing !== undefined && existing !== this) this.cloud.kick(existing);
    this.user = { ...user };
    this.userUpdate = config?.userUpdate === true;
    this.token = token;
    this.roomID = roomID;
    this.emit('roomStateUpdate', roomID, 'CONNECTED', 0, '');
    this.emit('roomStateChanged', roomID, 'LOGINED', 0, '');
    return Promise.resolve(true).then((ok) => {
      if (this.roomID === roomID) this.cloud.join(this, roomID);
      return ok;
    });
  }

  logoutRoom(roomID?: string): void {
    this.log('logoutRoom', roomID);
    const current = this.roomID;
    if (current === null) return;
    this.cloud.removeFromRoom(this);
    this.discardMedia();
    this.emit('roomStateChanged', current, 'LOGOUT', 0, '');
    this.emit('roomStateUpdate', current, 'DISCONNECTED', 0, '');
  }

  renewToken(token: string, roomID?: string): boolean {
    this.log('renewToken', token, roomID);
    if (this.roomID === null) return false;
    if (this.cloud.checkToken(token, this.roomID, this.user.userID) !== 0) return false;
    this.token = token;
    return true;
  }

  currentToken(): string {
    return this.token;
  }

  initContext(options: ZegoInitContextOptions): void {
    this.log('initContext', options);
    if (options.wxContext) this.wxContext = options.wxContext;
    if (options.pushAtr) this.pushAtr = options.pushAtr;
    if (options.playAtr) this.playAtr = options.playAtr;
  }

  createPusher(config?: PusherAttributes): LivePusher | null {
    this.log('createPusher', config);
    if (this.wxContext === undefined || this.pushAtr === undefined) return null;
    if (this.pusher === null) this.pusher = new FakePusher(this, config ?? {});
    return this.pusher;
  }

  getPusherInstance(): LivePusher | null {
    return this.pusher;
  }

  getPlayerInstance(streamID: string): LivePlayer | null {
    this.log('getPlayerInstance', streamID);
    if (this.playAtr === undefined) return null;
    let player = this.players.find((p) => p.streamID === streamID);
    if (player === undefined) {
      player = new FakePlayer(this, streamID);
      this.players.push(player);
    }
    this.writePlayerList();
    return player;
  }

  getPlayerList(streamID?: string): PlayerAttributes[] {
    const list = streamID === undefined ? this.players : this.players.filter((p) => p.streamID === streamID);
    return list.map((p) => p.attributes);
  }

  setPusherAttributes(config: PusherAttributes): void {
    this.log('setPusherAttributes', config);
    this.pusher?.setPusherAttributes(config);
  }

  setPlayerAttributes(streamID: string, config: PlayerAttributes): void {
    this.players.find((p) => p.streamID === streamID)?.setPlayerAttributes(config);
  }

  async startPublishingStream(streamID: string): Promise<{ streamID: string; url: string }> {
    if (this.roomID === null) throw { code: 1000002, msg: 'not logged in' };
    const code = this.cloud.checkToken(this.token, this.roomID, this.user.userID, true);
    if (code !== 0) throw { code, msg: 'publish auth failed' };
    return { streamID, url: `rtmp://fake.zego/live/${streamID}` };
  }

  stopPublishingStream(streamID: string): boolean {
    if (this.roomID !== null) this.cloud.unpublish(this.roomID, streamID);
    return true;
  }

  async startPlayingStream(
    streamID: string,
    option?: ZegoWxPlayOption,
  ): Promise<{ streamID: string; url: string }> {
    this.log('startPlayingStream', streamID, ...(option === undefined ? [] : [option]));
    if (this.roomID === null) throw { code: 1000002, msg: 'not logged in' };
    if (option?.isMix === true) {
      // A mixed output is not a room stream: its URL exists only while a mixer task outputs it.
      if (!this.cloud.interactive.mixOutputExists(this.roomID, streamID))
        throw { code: 1104002, msg: `no mixed stream ${streamID}` };
      return { streamID, url: `rtmp://fake.zego/mix/${streamID}` };
    }
    return { streamID, url: `rtmp://fake.zego/play/${streamID}` };
  }

  stopPlayingStream(streamID: string): void {
    this.log('stopPlayingStream', streamID);
  }

  /** The SDK reads the native code: pusher 1002 makes the stream exist for everyone else. */
  updatePlayerState(streamID: string, event: LiveComponentEvent): void {
    this.log('updatePlayerState', streamID, event);
    const code = event.detail.code;
    if (this.pusher !== null && this.pusher.attributes.id === streamID && this.roomID !== null) {
      if (code === 1002) {
        this.cloud.publish(this, this.roomID, streamID, this.pusher.extraInfo);
        this.emit('publisherStateUpdate', { streamID, state: 'PUBLISHING', errorCode: 0, extendedData: '' });
      } else if (typeof code === 'number' && code < 0) {
        this.emit('publisherStateUpdate', {
          streamID,
          state: 'NO_PUBLISH',
          errorCode: code,
          extendedData: '',
        });
      }
      return;
    }
    if (code === 2004)
      this.emit('playerStateUpdate', { streamID, state: 'PLAYING', errorCode: 0, extendedData: '' });
    else if (typeof code === 'number' && code < 0) {
      this.emit('playerStateUpdate', { streamID, state: 'NO_PLAY', errorCode: code, extendedData: '' });
    }
  }

  updatePlayerNetStatus(streamID: string, event: LiveComponentEvent): void {
    this.log('updatePlayerNetStatus', streamID, event);
  }

  updateAudioVolumeNotify(streamID: string, event: LiveComponentEvent): void {
    this.log('updateAudioVolumeNotify', streamID, event);
  }

  mutePublishStreamVideo(mute: boolean): void {
    this.log('mutePublishStreamVideo', mute);
    this.pusher?.setPusherAttributes({ enableCamera: !mute });
  }

  mutePublishStreamAudio(mute: boolean): void {
    this.log('mutePublishStreamAudio', mute);
    this.pusher?.setPusherAttributes({ enableMic: !mute });
  }

  mutePlayStreamVideo(streamID: string, mute: boolean): void {
    this.setPlayerAttributes(streamID, { muteVideo: mute });
  }

  mutePlayStreamAudio(streamID: string, mute: boolean): void {
    this.setPlayerAttributes(streamID, { muteAudio: mute });
  }

  async setStreamExtraInfo(streamID: string, extraInfo: string): Promise<ZegoServerResponse> {
    this.log('setStreamExtraInfo', streamID, extraInfo);
    if (Buffer.byteLength(extraInfo, 'utf8') > 128) throw { code: 1003051, msg: 'extra info too long' };
    if (this.pusher !== null) this.pusher.extraInfo = extraInfo;
    if (this.roomID !== null) this.cloud.setExtraInfo(this.roomID, streamID, extraInfo);
    return { errorCode: 0 };
  }

  async setRoomExtraInfo(roomID: string, key: string, value: string): Promise<ZegoServerResponse> {
    this.log('setRoomExtraInfo', roomID, key, value);
    if (this.roomID !== roomID) throw { code: 1000002, msg: 'not in room' };
    const info = this.cloud.interactive.setExtraInfo(roomID, this.user, key, value, Date.now());
    for (const other of this.cloud.room(roomID).members.values()) {
      if (other !== this) other.emit('roomExtraInfoUpdate', roomID, [{ ...info }]);
    }
    return { errorCode: 0 };
  }

  async startMixerTask(task: ZegoMixerTask): Promise<ZegoServerResponse> {
    this.log('startMixerTask', JSON.parse(JSON.stringify(task)) as ZegoMixerTask);
    if (this.roomID === null) throw { errorCode: 1005010, extendedData: 'not in a room' };
    const published = new Set(this.cloud.room(this.roomID).streams.keys());
    return this.cloud.interactive.startMixer(this.roomID, this.user.userID, task, published);
  }

  async stopMixerTask(taskID: string): Promise<ZegoServerResponse> {
    this.log('stopMixerTask', taskID);
    if (this.roomID === null) throw { errorCode: 1005011, extendedData: 'not in a room' };
    return this.cloud.interactive.stopMixer(this.roomID, this.user.userID, taskID);
  }

  async sendBroadcastMessage(): Promise<ZegoServerResponse & { messageID?: number }> {
    return { errorCode: 0, messageID: 1 };
  }

  private barrageSeq = 0;
  async sendBarrageMessage(
    roomID: string,
    message: string,
  ): Promise<ZegoServerResponse & { messageID?: string }> {
    this.log('sendBarrageMessage', roomID, message);
    if (this.roomID !== roomID) throw { code: 1000002, msg: 'not in room' };
    this.barrageSeq += 1;
    const messageID = `${this.user.userID}-${this.barrageSeq}`;
    for (const other of this.cloud.room(roomID).members.values()) {
      if (other !== this) {
        other.emit('IMRecvBarrageMessage', roomID, [
          { fromUser: { ...this.user }, message, sendTime: Date.now(), messageID },
        ]);
      }
    }
    return { errorCode: 0, messageID };
  }

  async sendCustomCommand(): Promise<ZegoServerResponse> {
    return { errorCode: 0 };
  }

  addPublishCdnUrl(streamID: string, targetURL: string): Promise<ZegoServerResponse> {
    this.log('addPublishCdnUrl', streamID, targetURL);
    return this.cloud.relay(this, 'add', streamID, targetURL);
  }

  removePublishCdnUrl(streamID: string, targetURL: string): Promise<ZegoServerResponse> {
    this.log('removePublishCdnUrl', streamID, targetURL);
    return this.cloud.relay(this, 'remove', streamID, targetURL);
  }

  getNextUrl(streamID: string): string {
    return `rtmp://fake.zego/live/${streamID}`;
  }

  getVersion(): string {
    return 'fake-3.6.0';
  }

  destroyEngine(): void {
    if (this.destroyed) throw new Error('ZegoExpressEngine has been destroyed.');
    this.calls.push({ method: 'destroyEngine', args: [] });
    this.destroyed = true;
  }

  // ---- SDK internals the fake mirrors -----------------------------------------------------------

  /** What the real SDK does on DISCONNECTED: stop and drop the pusher and every player. */
  discardMedia(): void {
    if (this.pusher !== null) {
      this.pusher.reset();
      this.pusher = null;
    }
    this.players.length = 0;
    this.writePlayerList();
  }

  writePusher(attributes: PusherAttributes): void {
    if (this.wxContext && this.pushAtr) this.wxContext.setData({ [this.pushAtr]: { ...attributes } });
  }

  writePlayerList(): void {
    if (this.wxContext && this.playAtr) {
      this.wxContext.setData({ [this.playAtr]: this.players.map((p) => ({ ...p.attributes })) });
    }
  }
}

export class FakePusher implements LivePusher {
  attributes: PusherAttributes;
  isPublishing = false;
  extraInfo = '';
  readonly calls: string[] = [];

  constructor(
    private readonly engine: FakeEngine,
    config: PusherAttributes,
  ) {
    this.attributes = { enableCamera: true, enableMic: true, ...config };
    engine.writePusher(this.attributes);
  }

  setPusherAttributes(attributes: PusherAttributes): void {
    Object.assign(this.attributes, attributes);
    this.engine.writePusher(this.attributes);
  }

  async start(streamID: string, option?: ZegoWxPublishOption): Promise<void> {
    this.calls.push(`start:${streamID}`);
    this.attributes.id = streamID;
    const { url } = await this.engine.startPublishingStream(streamID);
    this.extraInfo = option?.extraInfo ?? '';
    this.attributes.url = url;
    this.isPublishing = true;
    this.engine.writePusher(this.attributes);
  }

  stop(): void {
    this.calls.push('stop');
    if (this.attributes.id !== undefined) this.engine.stopPublishingStream(this.attributes.id);
    this.reset();
  }

  reset(): void {
    this.attributes = { enableCamera: true, enableMic: true };
    this.isPublishing = false;
    this.engine.writePusher(this.attributes);
  }

  pause(): void {
    this.calls.push('pause');
  }
  resume(): void {
    this.calls.push('resume');
  }
  switchCamera(): void {
    this.calls.push('switchCamera');
    this.torchOn = false;
    this.attributes.frontCamera = this.attributes.frontCamera === 'back' ? 'front' : 'back';
  }
  snapshot(options?: LiveSnapshotOptions): void {
    this.calls.push('snapshot');
    this.engine.cloud.snapshot(options, 'pusher');
  }
  /** Native: the front camera has no torch, so the call fails there. */
  torchOn = false;
  toggleTorch(options?: LiveCallbackOptions): void {
    this.calls.push('toggleTorch');
    setTimeout(() => {
      if (this.attributes.frontCamera !== 'back') options?.fail?.({ errMsg: 'toggleTorch:fail' });
      else {
        this.torchOn = !this.torchOn;
        options?.success?.();
      }
      options?.complete?.();
    }, 0);
  }
  setMICVolume(): void {}
  startPreview(): void {}
  stopPreview(): void {}
}

export class FakePlayer implements LivePlayer {
  attributes: PlayerAttributes;
  isPlaying = false;

  constructor(
    private readonly engine: FakeEngine,
    readonly streamID: string,
  ) {
    this.attributes = { id: streamID };
  }

  setPlayerAttributes(attributes: PlayerAttributes): void {
    Object.assign(this.attributes, attributes);
    this.engine.writePlayerList();
  }

  async play(option?: ZegoWxPlayOption): Promise<boolean> {
    this.engine.calls.push({ method: 'play', args: [this.streamID] });
    const { url } = await this.engine.startPlayingStream(this.streamID, option);
    this.attributes.url = url;
    this.isPlaying = true;
    this.engine.writePlayerList();
    return true;
  }

  stop(): void {
    this.engine.calls.push({ method: 'playerStop', args: [this.streamID] });
    this.engine.stopPlayingStream(this.streamID);
    const index = this.engine.players.indexOf(this);
    if (index >= 0) this.engine.players.splice(index, 1);
    this.isPlaying = false;
    this.engine.writePlayerList();
  }

  pause(): void {}
  resume(): void {}
  mute(): void {}
  requestFullScreen(): void {}
  exitFullScreen(): void {}
  snapshot(options?: LiveSnapshotOptions): void {
    this.engine.calls.push({ method: 'playerSnapshot', args: [this.streamID] });
    this.engine.cloud.snapshot(options, this.streamID);
  }
}
