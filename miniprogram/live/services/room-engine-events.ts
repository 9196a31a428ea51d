/**
 * Registers every Express handler the room needs, before loginRoom, and returns the way to remove them
 * all. Handlers translate SDK arguments into the RoomService's own terms; names are checked against
 * the real SDK by tests/contract/express.test.ts.
 */
import type {
  ZegoEventMap,
  ZegoEventName,
  ZegoExpressEngine,
  ZegoPlayStats,
  ZegoPlayerState,
  ZegoPublishStats,
  ZegoPublisherState,
  ZegoRoomExtraInfo,
  ZegoRoomState,
  ZegoRoomStateChangedReason,
  ZegoStreamExtraInfo,
  ZegoStreamInfo,
} from '../../../typings/zego-express';
import type { Member, RoomServiceEvents } from './room-types';

export interface RoomEventSink {
  roomState(state: ZegoRoomState, code: number): void;
  roomStateChanged(reason: ZegoRoomStateChangedReason, code: number): void;
  streamsAdded(list: ZegoStreamInfo[]): void;
  streamsRemoved(list: ZegoStreamInfo[]): void;
  extraInfo(list: ZegoStreamExtraInfo[]): void;
  membersJoined(members: Member[]): void;
  membersLeft(userIDs: string[]): void;
  memberCount(count: number): void;
  publisherState(result: ZegoPublisherState): void;
  playerState(result: ZegoPlayerState): void;
  quality(streamID: string, stats: ZegoPublishStats | ZegoPlayStats): void;
  barrage(message: Parameters<RoomServiceEvents['barrage']>[0]): void;
  tokenWillExpire(): void;
  roomExtraInfo(list: ZegoRoomExtraInfo[]): void;
}

/** Registers every handler; the returned function removes exactly those handlers. */
export function bindEngineEvents(engine: ZegoExpressEngine, sink: RoomEventSink): { unbind: () => void } {
  const registered: Array<[ZegoEventName, (...args: never[]) => void]> = [];
  const on = <K extends ZegoEventName>(name: K, handler: ZegoEventMap[K]) => {
    if (engine.on(name, handler)) registered.push([name, handler as (...args: never[]) => void]);
    else console.error(`Express refused the ${name} handler`);
  };
  on('roomStateUpdate', (_roomID, state, code) => sink.roomState(state, code));
  on('roomStateChanged', (_roomID, reason, code) => sink.roomStateChanged(reason, code));
  on('roomStreamUpdate', (_roomID, type, list) =>
    type === 'ADD' ? sink.streamsAdded(list) : sink.streamsRemoved(list),
  );
  on('streamExtraInfoUpdate', (_roomID, list) => sink.extraInfo(list));
  on('roomExtraInfoUpdate', (_roomID, list) => sink.roomExtraInfo(list));
  on('roomUserUpdate', (_roomID, type, users) => {
    if (type === 'ADD')
      sink.membersJoined(users.map((u) => ({ userID: u.userID, userName: u.userName ?? u.userID })));
    else sink.membersLeft(users.map((u) => u.userID));
  });
  on('roomOnlineUserCountUpdate', (_roomID, count) => sink.memberCount(count));
  on('publisherStateUpdate', (result) => sink.publisherState(result));
  on('playerStateUpdate', (result) => sink.playerState(result));
  on('publishQualityUpdate', (streamID, stats) => sink.quality(streamID, stats));
  on('playQualityUpdate', (streamID, stats) => sink.quality(streamID, stats));
  on('IMRecvBarrageMessage', (_roomID, messages) => {
    for (const m of messages) {
      sink.barrage({
        id: m.messageID,
        userID: m.fromUser.userID,
        userName: m.fromUser.userName ?? m.fromUser.userID,
        text: m.message,
        sentAt: m.sendTime,
      });
    }
  });
  // The runtime fires both names 30 s before expiry; the sink renews once.
  on('tokenWillExpire', () => sink.tokenWillExpire());
  on('roomTokenWillExpire', () => sink.tokenWillExpire());
  return {
    unbind: () => {
      for (const [name, handler] of registered.splice(0)) {
        try {
          engine.off(name, handler as never);
        } catch (error) {
          console.warn(`off(${name}) failed`, error);
        }
      }
    },
  };
}
