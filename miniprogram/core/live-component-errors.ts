/**
 * What a `<live-pusher>` / `<live-player>` `binderror` means for the user. WeChat reports a missing
 * live-components permission on the account ("fail:access denied", "jsapi has no permission") and a
 * missing privacy guide ("Not allowed to use camera/microphone") only as text, so this reads both
 * the code and the message. Pure: no wx or SDK import.
 */
import type { ErrorAction } from './errors';
import type { Bilingual } from './i18n';

export type LiveComponentProblem =
  'live-components-disabled' | 'privacy-guide-missing' | 'camera-refused' | 'microphone-refused' | 'other';

export interface LiveComponentError extends Bilingual {
  problem: LiveComponentProblem;
  action: ErrorAction;
}

const WORDS: Record<LiveComponentProblem, [zh: string, en: string, action: ErrorAction]> = {
  'live-components-disabled': [
    '此小程序未开通实时音视频组件。管理员请在小程序后台「开发管理 → 接口设置」开通「实时播放音视频流」和「实时录制音视频流」。',
    'Live video is not enabled for this mini-program. An admin must switch on real-time audio/video play and record under Development → API settings in the WeChat admin console.',
    'leave',
  ],
  'privacy-guide-missing': [
    '小程序的隐私保护指引未声明摄像头或麦克风，暂时无法使用。管理员请在后台「设置 → 服务内容声明」补充后重新提交。',
    'The mini-program’s privacy guide does not declare the camera or microphone, so WeChat blocks them. An admin must add them under Settings → Service declarations and resubmit.',
    'leave',
  ],
  'camera-refused': [
    '摄像头权限被拒绝，请在设置中打开',
    'Camera access was refused: switch it on in Settings',
    'open-settings',
  ],
  'microphone-refused': [
    '麦克风权限被拒绝，请在设置中打开',
    'Microphone access was refused: switch it on in Settings',
    'open-settings',
  ],
  other: ['视频组件出错：{detail}', 'The video component failed: {detail}', 'retry'],
};

export function classifyLiveComponentError(detail: {
  errCode?: unknown;
  errMsg?: unknown;
}): LiveComponentError {
  const code = typeof detail.errCode === 'number' ? detail.errCode : Number(detail.errCode);
  const message = typeof detail.errMsg === 'string' ? detail.errMsg : '';
  let problem: LiveComponentProblem = 'other';
  if (/access denied|has no permission|no permission/i.test(message)) problem = 'live-components-disabled';
  else if (/not allowed to use (camera|microphone)/i.test(message)) problem = 'privacy-guide-missing';
  else if (code === 10001) problem = 'camera-refused';
  else if (code === 10002) problem = 'microphone-refused';
  const [zh, en, action] = WORDS[problem];
  const shown = message !== '' ? message : Number.isFinite(code) ? String(code) : '?';
  return { problem, action, zh: zh.replace('{detail}', shown), en: en.replace('{detail}', shown) };
}
