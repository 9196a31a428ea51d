/**
 * One table from every code the live room can meet to words (zh/en) and what the user can do.
 * Pure: no wx or SDK import, so it is shared by pages and services and tested on its own.
 *
 * Codes live in separate namespaces because they collide: 10001 is "WeChat too old" from the
 * SDK's checkSystemRequirements but "camera refused" from a <live-pusher>.
 */
import { format, type Bilingual } from './i18n';

export type ErrorAction =
  | 'retry'
  | 'relogin'
  | 'update-wechat'
  | 'open-settings'
  | 'leave'
  | 'none'
  /** The room has a host already: offer to join it as audience instead. */
  | 'join-as-audience';

/**
 * express: SDK/cloud error codes; system: checkSystemRequirements; pusher/player: native component
 * codes; relay: addPublishCdnUrl / removePublishCdnUrl (their codes mean something else elsewhere).
 */
export type ErrorSource = 'express' | 'system' | 'pusher' | 'player' | 'relay';

export interface ErrorInfo extends Bilingual {
  source: ErrorSource;
  code: number;
  action: ErrorAction;
  /** False when the code is not in the table (the message then shows the code). */
  known: boolean;
}

type Entry = [zh: string, en: string, action: ErrorAction];

const EXPRESS: Record<number, Entry> = {
  1000016: ['流 ID 不合法', 'The stream ID is not valid', 'none'],
  1002001: ['已在房间中，请稍后重试', 'Already in a room; please try again', 'retry'],
  1002033: ['身份验证失败，请重新进入', 'Authentication failed; please join again', 'relogin'],
  1002034: ['房间人数已满', 'The room is full', 'leave'],
  1002050: ['你的账号已在其他设备进入此房间', 'Your account joined this room on another device', 'leave'],
  1002053: ['网络重连超时，请重试', 'Reconnecting timed out; please try again', 'retry'],
  1002067: ['缺少登录凭证（Token）', 'No login token was given', 'relogin'],
  1002078: ['登录凭证已过期，请重新进入', 'Your login token has expired; please join again', 'relogin'],
  1002079: ['登录凭证版本不对', 'The login token has the wrong version', 'none'],
  1002082: ['新的登录凭证没有直播权限', 'The renewed token does not allow going live', 'relogin'],
  1003051: ['流附加信息过长', 'Stream extra info is too long', 'none'],
  1003072: ['推流鉴权失败', 'Not allowed to go live (publish auth failed)', 'relogin'],
  1009002: ['消息太长', 'The message is too long', 'none'],
  1009013: ['消息太长', 'The message is too long', 'none'],
  1009015: ['发送太频繁，请稍后再发', 'Sending too fast; wait a moment', 'retry'],
  1109001: ['操作太频繁，请稍后重试', 'Too many requests; please try again shortly', 'retry'],
  // Room extra info (the room's title and pinned notice).
  1002015: ['房间信息的键太长', 'The room info key is too long', 'none'],
  1002016: ['房间信息太长', 'The room info is too long', 'none'],
  1002017: ['房间信息的键超过上限', 'Too many room info keys for this room', 'none'],
  // Stream mixing (startMixerTask / stopMixerTask).
  1005000: [
    '此 AppID 未开通混流服务，请在 ZEGO 控制台开通',
    'Stream mixing is not enabled for this AppID; switch it on in the ZEGO console',
    'none',
  ],
  1005001: ['混流任务为空', 'The mixer task is empty', 'none'],
  1005002: ['混流任务 ID 太长', 'The mixer task ID is too long', 'none'],
  1005003: ['混流任务 ID 含非法字符', 'The mixer task ID has characters that are not allowed', 'none'],
  1005005: ['混流任务没有指定输出', 'The mixer task has no output', 'none'],
  1005006: ['混流输出地址不正确', 'The mixed stream output is not valid', 'none'],
  1005010: [
    '启动混流失败，请检查网络后重试',
    'Could not start mixing; check the network and try again',
    'retry',
  ],
  1005011: [
    '停止混流失败，请检查网络后重试',
    'Could not stop mixing; check the network and try again',
    'retry',
  ],
  1005012: ['只有发起混流的人才能停止它', 'Only whoever started the mix can stop it', 'none'],
  1005020: ['混流输入为空', 'There is no stream to mix', 'none'],
  1005021: ['混流输出为空', 'The mix has no output', 'none'],
  1005023: ['混流视频参数不正确', 'The mix video settings are not valid', 'none'],
  1005025: ['混流输入的流太多', 'Too many streams to mix', 'none'],
  1005026: ['要混的流不存在', 'A stream to mix does not exist', 'retry'],
  1005027: ['混流参数不正确', 'The mix layout is not valid', 'none'],
  1005029: ['混流输出地址太长', 'The mixed stream output name is too long', 'none'],
  1005030: ['混流输出的流太多', 'Too many mixed outputs', 'none'],
  1005050: ['混流鉴权失败', 'Stream mixing authentication failed', 'none'],
  1005099: ['混流服务内部错误，请稍后重试', 'The mixing service failed; please try again later', 'retry'],
};

const SYSTEM: Record<number, Entry> = {
  10001: [
    '微信版本过低，请升级微信后再试',
    'WeChat is too old for live video; please update WeChat',
    'update-wechat',
  ],
  10002: [
    '需要摄像头和麦克风权限，请在设置中打开',
    'Camera and microphone access is needed; turn it on in Settings',
    'open-settings',
  ],
};

// Codes both native components share.
const NATIVE_COMMON: Record<number, Entry> = {
  3001: ['网络解析失败，正在重试', 'Network lookup failed; retrying', 'none'],
  3002: ['连接服务器失败，正在重试', 'Could not reach the server; retrying', 'none'],
  3003: ['服务器握手失败，正在重试', 'Server handshake failed; retrying', 'none'],
  3004: ['服务器断开连接，正在重试', 'The server closed the connection; retrying', 'none'],
  3005: ['网络读写失败，正在重试', 'Network read/write failed; retrying', 'none'],
  5000: ['小程序被挂起', 'The mini-program was suspended', 'retry'],
  5001: ['被电话或微信通话打断', 'Interrupted by a phone or WeChat call', 'retry'],
};

const PUSHER: Record<number, Entry> = {
  ...NATIVE_COMMON,
  1001: ['已连接推流服务器', 'Connected to the publish server', 'none'],
  1002: ['开始直播', 'Live', 'none'],
  1003: ['摄像头已打开', 'Camera opened', 'none'],
  1101: ['网络状况不佳', 'The network is poor', 'none'],
  1102: ['网络断开，正在自动重连', 'Network lost; reconnecting', 'none'],
  [-1301]: ['摄像头打开失败', 'Could not open the camera', 'open-settings'],
  [-1302]: ['麦克风打开失败', 'Could not open the microphone', 'open-settings'],
  [-1303]: ['视频编码失败', 'Video encoding failed', 'retry'],
  [-1304]: ['音频编码失败', 'Audio encoding failed', 'retry'],
  [-1305]: ['不支持的视频分辨率', 'Unsupported video resolution', 'none'],
  [-1306]: ['不支持的音频采样率', 'Unsupported audio sample rate', 'none'],
  [-1307]: ['网络断开，正在重新开播', 'Network lost; restarting the broadcast', 'retry'],
  [-1308]: ['录屏启动失败', 'Screen recording could not start', 'retry'],
  [-1309]: ['系统版本过低，不支持录屏', 'This system version cannot record the screen', 'none'],
  [-1310]: ['录屏被其他应用打断', 'Screen recording was interrupted by another app', 'retry'],
  [-1311]: ['麦克风没有声音数据', 'The microphone gives no sound', 'open-settings'],
  10001: ['摄像头权限被拒绝', 'Camera access was refused', 'open-settings'],
  10002: ['麦克风权限被拒绝', 'Microphone access was refused', 'open-settings'],
};

const PLAYER: Record<number, Entry> = {
  ...NATIVE_COMMON,
  2001: ['已连接服务器', 'Connected to the server', 'none'],
  2002: ['开始拉流', 'Stream started', 'none'],
  2003: ['收到首个视频数据', 'First video data received', 'none'],
  2004: ['开始播放', 'Playing', 'none'],
  2007: ['正在加载', 'Loading', 'none'],
  2008: ['解码器已启动', 'Decoder started', 'none'],
  2101: ['视频解码失败', 'Video frame decoding failed', 'none'],
  2102: ['音频解码失败', 'Audio frame decoding failed', 'none'],
  2103: ['网络断开，正在自动重连', 'Network lost; reconnecting', 'none'],
  2105: ['播放卡顿', 'Playback is stuttering', 'none'],
  [-2301]: ['网络断开，正在重新播放', 'Network lost; playing again', 'retry'],
  [-2302]: ['获取播放地址失败', 'Could not get the play address', 'retry'],
};

/**
 * CDN relay (addPublishCdnUrl / removePublishCdnUrl in Express 3.6.0): the SDK rejects with
 * `{errorCode, extendedData}`; -1 is what it *resolves* with when its CDN module is missing. The
 * cloud answers a relay that is not switched on for the AppID with a media-server error (1100999 or
 * 1103052), which is why those two name the console setting.
 */
const RELAY: Record<number, Entry> = {
  [-1]: ['此版本 SDK 不支持转推 CDN', 'This SDK build cannot relay to a CDN', 'none'],
  1000002: ['还没进入房间，无法转推', 'Not in the room yet: cannot relay', 'retry'],
  1000055: ['转推地址无效（只支持 rtmp://）', 'The relay address is not valid (rtmp:// only)', 'none'],
  1003040: ['转推地址无效（只支持 rtmp://）', 'The relay address is not valid (rtmp:// only)', 'none'],
  1100001: ['转推参数不正确', 'The relay request was not valid', 'none'],
  1100999: [
    '转推 CDN 失败：请确认此 AppID 已在 ZEGO 控制台开通转推 CDN',
    'CDN relay failed: check that CDN relay is enabled for this AppID in the ZEGO console',
    'none',
  ],
  1102021: ['转推请求通道出错，请重试', 'The relay request channel failed; please try again', 'retry'],
  1102024: ['转推请求通道无效，请重试', 'The relay request channel is not valid; please try again', 'retry'],
  1103052: [
    '转推 CDN 失败：请确认此 AppID 已在 ZEGO 控制台开通转推 CDN',
    'CDN relay failed: check that CDN relay is enabled for this AppID in the ZEGO console',
    'none',
  ],
  1103055: ['还没开播，开播后才能转推', 'Not live yet: start the broadcast before relaying', 'none'],
  1103063: ['转推服务器没有响应，请重试', 'The relay server did not answer; please try again', 'retry'],
};

const TABLES: Record<ErrorSource, Record<number, Entry>> = {
  express: EXPRESS,
  system: SYSTEM,
  pusher: PUSHER,
  player: PLAYER,
  relay: RELAY,
};

/** The room's own failures that have no SDK code of their own. */
export const JOIN_TIMED_OUT: ErrorInfo = {
  source: 'express',
  code: 1002053,
  zh: '进入房间超时，请检查网络后重试',
  en: 'Joining the room timed out; check the network and try again',
  action: 'retry',
  known: true,
};

export const TOKEN_RENEWAL_FAILED: ErrorInfo = {
  source: 'express',
  code: 1002078,
  zh: '登录凭证续期失败，稍后可能会断开',
  en: 'Could not renew the login token; the room may disconnect soon',
  action: 'relogin',
  known: true,
};

/** The host ended the room for everyone. */
export const ROOM_ENDED: ErrorInfo = {
  source: 'express',
  code: 0,
  zh: '直播已结束',
  en: 'The room has ended',
  action: 'leave',
  known: true,
};

/** The host left and did not come back in time: the visit ends. */
export const HOST_DID_NOT_RETURN: ErrorInfo = {
  source: 'express',
  code: 0,
  zh: '主播已离开，直播已结束',
  en: 'The host left and did not come back; the room has ended',
  action: 'leave',
  known: true,
};

const UNKNOWN: Bilingual = { zh: '出错了（错误码 {code}）', en: 'Something went wrong (code {code})' };

export function describeError(source: ErrorSource, code: number | string | undefined): ErrorInfo {
  const numeric = typeof code === 'string' ? Number(code) : code;
  const safeCode = typeof numeric === 'number' && Number.isFinite(numeric) ? numeric : 0;
  const entry = TABLES[source][safeCode];
  if (entry === undefined) {
    const params = { code: code === undefined ? '?' : String(code) };
    return {
      source,
      code: safeCode,
      zh: format(UNKNOWN.zh, params),
      en: format(UNKNOWN.en, params),
      action: 'retry',
      known: false,
    };
  }
  const [zh, en, action] = entry;
  return { source, code: safeCode, zh, en, action, known: true };
}

/**
 * For codes that may come from either side (publisherStateUpdate can carry the native pusher code):
 * the first source that knows the code; otherwise the first source's "unknown (code)".
 */
export function describeFirstKnown(sources: ErrorSource[], code: number | string | undefined): ErrorInfo {
  const [first = 'express'] = sources;
  for (const source of sources) {
    const info = describeError(source, code);
    if (info.known) return info;
  }
  return describeError(first, code);
}

/** Every code the table knows, per source; tests walk it. */
export function knownCodes(source: ErrorSource): number[] {
  return Object.keys(TABLES[source]).map(Number);
}

/** Reads `{code}` from whatever an SDK promise rejected with (object, Error, number, string). */
export function codeOf(reason: unknown): number | undefined {
  if (typeof reason === 'number') return reason;
  if (typeof reason === 'object' && reason !== null && 'code' in reason) {
    const value = Number((reason as { code: unknown }).code);
    return Number.isFinite(value) ? value : undefined;
  }
  return undefined;
}
