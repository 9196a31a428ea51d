import { labelsIn, type Bilingual, type Lang } from '../../core/i18n';

const text = {
  title: { zh: 'ZEGO 直播间', en: 'ZEGO Live' },
  subtitle: { zh: '输入房间号，开播或观看', en: 'Enter a room to go live or watch' },
  roomID: { zh: '房间号', en: 'Room ID' },
  roomIDPlaceholder: { zh: '字母、数字、_ 或 -，最多 32 位', en: 'Letters, digits, _ or -, up to 32' },
  nickname: { zh: '昵称', en: 'Nickname' },
  nicknamePlaceholder: { zh: '别人看到的名字', en: 'The name others see' },
  role: { zh: '身份', en: 'Role' },
  host: { zh: '主播（开播）', en: 'Host (go live)' },
  audience: { zh: '观众（观看）', en: 'Audience (watch)' },
  join: { zh: '进入房间', en: 'Enter room' },
  joining: { zh: '正在进入…', en: 'Entering…' },
  recent: { zh: '最近的房间', en: 'Recent rooms' },
  recentEmpty: { zh: '还没有进入过房间', en: 'No rooms yet' },
  messages: { zh: '私信', en: 'Messages' },
  notConfiguredTitle: { zh: '尚未配置', en: 'Not configured' },
  notConfiguredHint: {
    zh: '构建前设置以下环境变量，然后运行 npm run build：',
    en: 'Set these environment variables, then run npm run build:',
  },
  updateTitle: { zh: '微信版本过低', en: 'WeChat is too old' },
  updateHint: {
    zh: '直播需要微信基础库 {min} 或更高（当前 {current}）。请在应用商店更新微信后重试。',
    en: 'Live video needs base library {min} or newer (this phone has {current}). Update WeChat, then try again.',
  },
  permissionTitle: { zh: '需要摄像头和麦克风', en: 'Camera and microphone needed' },
  permissionHint: {
    zh: '开播需要使用{scopes}。你之前拒绝了授权，请在设置中打开后返回。',
    en: 'Going live needs your {scopes}. You refused it earlier: switch it on in Settings, then come back.',
  },
  openSettings: { zh: '去设置', en: 'Open settings' },
  camera: { zh: '摄像头', en: 'camera' },
  microphone: { zh: '麦克风', en: 'microphone' },
  and: { zh: '和', en: ' and ' },
  idEmpty: { zh: '请输入房间号', en: 'Enter a room ID' },
  idTooLong: { zh: '房间号最多 32 位', en: 'A room ID has at most 32 characters' },
  idBadChars: {
    zh: '房间号只能包含字母、数字、下划线和短横线',
    en: 'A room ID may contain only letters, digits, _ and -',
  },
  nicknameEmpty: { zh: '请输入昵称', en: 'Enter a nickname' },
  nicknameTooLong: { zh: '昵称最多 32 个字', en: 'A nickname has at most 32 characters' },
  linkBadRoom: {
    zh: '链接中的房间号无效，请检查或手动输入。',
    en: 'The link has an invalid room ID. Check it or type the room ID.',
  },
  linkBadRole: {
    zh: '链接中的身份无效（应为 host 或 audience）。',
    en: 'The link has an invalid role (host or audience).',
  },
  linkBadScene: {
    zh: '二维码内容无法识别，请手动输入房间号。',
    en: 'This QR code could not be read. Type the room ID.',
  },
  navigateFailed: { zh: '无法打开房间页面：{reason}', en: 'Could not open the room: {reason}' },
} satisfies Record<string, Bilingual>;

export type EntryTextKey = keyof typeof text;
export type EntryLabels = Record<EntryTextKey, string>;

export function entryLabels(lang: Lang): EntryLabels {
  return labelsIn(text, lang);
}
