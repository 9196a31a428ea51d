/** Every word on the room page, in both languages. Pure: no wx. */
import { format, labelsIn, type Bilingual, type Lang } from '../../../core/i18n';

export const ROOM_TEXT = {
  joining: { zh: '正在进入房间…', en: 'Joining the room…' },
  checking: { zh: '正在检查设备…', en: 'Checking your device…' },
  reconnecting: { zh: '网络中断，正在重连…', en: 'Connection lost, reconnecting…' },
  reconnectingAttempt: {
    zh: '网络中断，正在重连（第 {n} 次）…',
    en: 'Connection lost, reconnecting (attempt {n})…',
  },
  failed: { zh: '无法进入房间', en: 'Could not join the room' },
  retry: { zh: '重试', en: 'Try again' },
  back: { zh: '返回首页', en: 'Back to start' },
  hostLeft: { zh: '主播已离开，直播结束', en: 'The host has left; the live has ended' },
  kicked: { zh: '你的账号已在其他设备进入此房间', en: 'Your account joined this room on another device' },
  updateWeChat: {
    zh: '微信版本过低，请升级微信后再试',
    en: 'WeChat is too old for live video; please update WeChat',
  },
  permissionRefused: {
    zh: '开播需要摄像头和麦克风权限。你之前拒绝了授权，请在设置中打开。',
    en: 'Going live needs the camera and microphone. You refused them earlier: switch them on in Settings.',
  },
  openSettings: { zh: '去设置', en: 'Open settings' },
  notConfigured: { zh: '尚未配置，无法进入房间', en: 'Not configured: the room cannot open' },
  invalidRoom: { zh: '链接里的房间号无效：{why}', en: 'The room ID in this link is not valid: {why}' },
  invalidRole: {
    zh: '链接里的身份无效（只能是 host 或 audience）',
    en: 'The role in this link is not valid (host or audience)',
  },
  idEmpty: { zh: '没有房间号', en: 'it is missing' },
  idTooLong: { zh: '超过 32 位', en: 'longer than 32 characters' },
  idBadChars: { zh: '只能包含字母、数字、_ 和 -', en: 'only letters, digits, _ and - are allowed' },
  left: { zh: '已离开房间', en: 'You left the room' },
  roomEnded: { zh: '直播已结束', en: 'The room has ended' },
  waitingHost: { zh: '等待主播开播…', en: 'Waiting for the host to go live…' },
  mic: { zh: '麦克风', en: 'Mic' },
  camera: { zh: '摄像头', en: 'Camera' },
  on: { zh: '开', en: 'on' },
  off: { zh: '关', en: 'off' },
  switchCamera: { zh: '翻转', en: 'Flip' },
  beauty: { zh: '美颜', en: 'Beauty' },
  whiteness: { zh: '美白', en: 'Whiten' },
  leave: { zh: '离开', en: 'Leave' },
  members: { zh: '成员', en: 'Members' },
  memberCount: { zh: '{n} 人在线', en: '{n} online' },
  close: { zh: '关闭', en: 'Close' },
  cameraOff: { zh: '摄像头已关闭', en: 'Camera off' },
  muted: { zh: '已静音', en: 'Muted' },
  good: { zh: '流畅', en: 'Good' },
  fair: { zh: '一般', en: 'Fair' },
  poor: { zh: '较差', en: 'Poor' },
  quality: { zh: '网络质量', en: 'Quality' },
  videoKbps: { zh: '视频码率', en: 'Video bitrate' },
  fps: { zh: '帧率', en: 'Frame rate' },
  resolution: { zh: '分辨率', en: 'Resolution' },
  audioKbps: { zh: '音频码率', en: 'Audio bitrate' },
  me: { zh: '我', en: 'Me' },
  commentPlaceholder: { zh: '说点什么…', en: 'Say something…' },
  send: { zh: '发送', en: 'Send' },
  sendFailed: { zh: '发送失败，点此重试', en: 'Not sent, tap to retry' },
  shareTitle: { zh: '{name} 的直播间', en: "{name}'s live room" },
  shareTitleNoHost: { zh: '来看直播：{room}', en: 'Live now: {room}' },
  settings: { zh: '设置', en: 'Settings' },
  playback: { zh: '播放模式', en: 'Playback' },
  modeLowLatency: { zh: '低延迟', en: 'Low latency' },
  modeSmooth: { zh: '流畅', en: 'Smooth' },
  playbackAuto: { zh: '（自动：按房间人数）', en: '(auto: by room size)' },
  playbackAlwaysRtc: { zh: '主播和连麦嘉宾始终使用低延迟', en: 'Hosts and co-hosts always use low latency' },
  snapshot: { zh: '截图', en: 'Snapshot' },
  snapshotSaved: { zh: '已保存到相册', en: 'Saved to your album' },
  albumRefused: {
    zh: '保存截图需要相册权限，请在设置中打开',
    en: 'Saving snapshots needs access to your photo album: turn it on in Settings',
  },
  albumFailed: { zh: '无法保存到相册，请稍后再试', en: 'Could not save to your album; please try again' },
  torch: { zh: '闪光灯', en: 'Torch' },
  relay: { zh: '转推 CDN', en: 'CDN relay' },
  relayPlaceholder: { zh: 'rtmp://推流地址', en: 'rtmp://your-cdn/app/stream' },
  relayStart: { zh: '开始转推', en: 'Start relay' },
  relayStop: { zh: '停止转推', en: 'Stop relay' },
  relayOn: { zh: '转推中', en: 'Relaying' },
  relayOff: { zh: '未转推', en: 'Not relaying' },
} satisfies Record<string, Bilingual>;

export type RoomTextKey = keyof typeof ROOM_TEXT;

export function text(key: RoomTextKey, lang: Lang, params?: Record<string, string | number>): string {
  return format(ROOM_TEXT[key][lang], params);
}

/** The static labels the WXML shows, flattened for one language. */
export function labelsFor(lang: Lang): Record<RoomTextKey, string> {
  return labelsIn(ROOM_TEXT, lang);
}
