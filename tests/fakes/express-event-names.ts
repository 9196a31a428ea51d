/**
 * The Express events our typings declare (typings/zego-express.d.ts). One list for the contract test,
 * which ties it to the typings and checks it against the real `on()`, and for the fake cloud.
 */
export const EXPRESS_EVENT_NAMES = [
  'roomStateUpdate',
  'roomStateChanged',
  'roomStreamUpdate',
  'roomUserUpdate',
  'roomOnlineUserCountUpdate',
  'roomExtraInfoUpdate',
  'publisherStateUpdate',
  'playerStateUpdate',
  'publishQualityUpdate',
  'playQualityUpdate',
  'streamExtraInfoUpdate',
  'IMRecvBroadcastMessage',
  'IMRecvBarrageMessage',
  'IMRecvCustomCommand',
  'tokenWillExpire',
  'roomTokenWillExpire',
] as const;
