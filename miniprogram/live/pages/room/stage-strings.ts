/** Every word of the room's interactive parts (co-hosting, room info, mixing, host controls). Pure: no wx. */
import { format, labelsIn, type Bilingual, type Lang } from '../../../core/i18n';

export const STAGE_TEXT = {
  requestCohost: { zh: '申请连麦', en: 'Ask to co-host' },
  cancelRequest: { zh: '取消申请', en: 'Cancel request' },
  waitingHost: { zh: '等待主播回应…', en: 'Waiting for the host…' },
  invitedBy: { zh: '{name} 邀请你连麦', en: '{name} invites you on camera' },
  accept: { zh: '接受', en: 'Accept' },
  decline: { zh: '拒绝', en: 'Decline' },
  joining: { zh: '正在上麦…', en: 'Going on camera…' },
  leaveStage: { zh: '下麦', en: 'Leave the stage' },
  requests: { zh: '连麦申请', en: 'Co-host requests' },
  invited: { zh: '已邀请', en: 'Invited' },
  approving: { zh: '正在批准…', en: 'Approving…' },
  invite: { zh: '邀请连麦', en: 'Invite' },
  remove: { zh: '下麦', en: 'Remove' },
  askMute: { zh: '请其静音', en: 'Ask to mute' },
  message: { zh: '私信', en: 'Message' },
  cohostMark: { zh: '连麦中', en: 'on camera' },
  cohostCount: { zh: '连麦 {n}/{limit}', en: 'Co-hosts {n}/{limit}' },
  roomInfo: { zh: '房间信息', en: 'Room info' },
  title: { zh: '标题', en: 'Title' },
  notice: { zh: '公告', en: 'Pinned notice' },
  link: { zh: '链接（https:// 或小程序路径）', en: 'Link (https:// or a mini-program path)' },
  save: { zh: '保存', en: 'Save' },
  saved: { zh: '房间信息已更新', en: 'Room info updated' },
  hostID: { zh: '主播 ID：{id}', en: 'Host ID: {id}' },
  linkCopied: { zh: '链接已复制', en: 'Link copied' },
  mixStart: { zh: '开始混流', en: 'Start mixing' },
  mixStop: { zh: '停止混流', en: 'Stop mixing' },
  mixStarting: { zh: '正在启动混流…', en: 'Starting the mix…' },
  watchMix: { zh: '看合流画面', en: 'Watch the mixed stream' },
  watchDirect: { zh: '看各路画面', en: 'Watch each stream' },
  mixedStream: { zh: '合流画面', en: 'Mixed stream' },
  endRoom: { zh: '结束直播', en: 'End the room' },
  endRoomConfirm: {
    zh: '结束后所有观众都会离开房间，确定结束吗？',
    en: 'Everyone will leave the room. End it now?',
  },
  joinAsAudience: { zh: '作为观众进入', en: 'Join as audience' },
} satisfies Record<string, Bilingual>;

export type StageTextKey = keyof typeof STAGE_TEXT;

export function stageText(key: StageTextKey, lang: Lang, params?: Record<string, string | number>): string {
  return format(STAGE_TEXT[key][lang], params);
}

export function stageLabelsFor(lang: Lang): Record<StageTextKey, string> {
  return labelsIn(STAGE_TEXT, lang);
}
