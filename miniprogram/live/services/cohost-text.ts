/** Every co-hosting message either side shows, in both languages. Pure: no wx, no SDK. */
import type { Bilingual } from '../../core/i18n';

/** What the host is told. */
export const HOST_TEXT = {
  full: {
    zh: '连麦人数已达上限（{limit} 人），请先让一位嘉宾下麦',
    en: 'The co-host limit ({limit}) is reached; remove a co-host first',
  },
  alreadyCohost: { zh: '{name} 已经在连麦中', en: '{name} is already co-hosting' },
  alreadyPending: { zh: '已经在等待 {name} 的回应', en: 'Already waiting for an answer from {name}' },
  cancelled: { zh: '{name} 取消了连麦申请', en: '{name} withdrew the request' },
  timedOut: { zh: '{name} 的连麦申请已超时', en: "{name}'s request timed out" },
  inviteTimedOut: { zh: '{name} 没有回应邀请', en: '{name} did not answer the invitation' },
  declined: { zh: '{name} 拒绝了连麦邀请', en: '{name} declined the invitation' },
  busy: { zh: '{name} 正忙（已在连麦或申请中）', en: '{name} is busy (already co-hosting or asking)' },
  left: { zh: '{name} 结束了连麦', en: '{name} left the stage' },
  approveFailed: { zh: '无法让 {name} 上麦：{why}', en: 'Could not bring {name} on camera: {why}' },
} satisfies Record<string, Bilingual>;

/** What an audience member is told. */
export const GUEST_TEXT = {
  noHost: { zh: '主播不在房间里，暂时不能连麦', en: 'The host is not in the room; you cannot co-host now' },
  busy: { zh: '你已经在连麦或申请中', en: 'You are already co-hosting or waiting for an answer' },
  noAnswer: { zh: '主播 {seconds} 秒内没有回应', en: 'The host did not answer within {seconds} s' },
  inviteExpired: { zh: '连麦邀请已过期', en: 'The invitation expired' },
  inviteWithdrawn: { zh: '主播撤回了连麦邀请', en: 'The host withdrew the invitation' },
  declined: { zh: '主播拒绝了你的连麦申请', en: 'The host declined your request' },
  full: {
    zh: '连麦人数已满，请稍后再试',
    en: 'The co-host seats are full; try again later',
  },
  refusedBusy: { zh: '你已经在连麦中', en: 'You are already co-hosting' },
  refusedTimeout: { zh: '连麦申请已超时', en: 'Your request timed out' },
  hostLeft: { zh: '主播已离开，连麦结束', en: 'The host left; co-hosting is over' },
  failed: { zh: '主播那边出了问题，请稍后再试', en: 'Something failed on the host side; try again later' },
  removed: { zh: '主播结束了你的连麦', en: 'The host took you off the stage' },
  roomEnded: { zh: '直播已结束', en: 'The room has ended' },
  muted: {
    zh: '主播请你静音，麦克风已关闭（可自行打开）',
    en: 'The host asked you to mute; your mic is off (you can turn it on again)',
  },
  goLiveFailed: { zh: '上麦失败：{why}', en: 'Could not go on camera: {why}' },
  live: { zh: '你已上麦', en: 'You are on camera' },
} satisfies Record<string, Bilingual>;
