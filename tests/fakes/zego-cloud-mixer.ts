/**
 * The fake cloud's room extra info and mixer tasks, behaving as the real cloud does where the app can
 * tell: one extra-info key per room by default (a second key is 1002017), key ≤10 B (1002015), value
 * ≤128 B (1002016), the update reaching every other member and every newcomer on login; mixer tasks
 * that need mixing enabled for the AppID (1005000), inputs that are published streams in the room
 * (1005026), layouts inside the output (1005027), at most 9 inputs (1005025), a second start with the
 * same taskID updating the task, and only the starting user able to stop it (1005012).
 */
import type {
  ZegoMixerTask,
  ZegoRoomExtraInfo,
  ZegoServerResponse,
  ZegoUser,
} from '../../typings/zego-express';

export const EXTRA_INFO_KEY_MAX_BYTES = 10;
export const EXTRA_INFO_VALUE_MAX_BYTES = 128;
const MAX_MIX_INPUTS = 9;

export interface MixerRecord {
  ownerUserID: string;
  task: ZegoMixerTask;
  /** How many times startMixerTask was accepted for this task (1 = started, more = updates). */
  starts: number;
}

export interface RoomInteractiveState {
  extraInfo: Map<string, ZegoRoomExtraInfo>;
  mixers: Map<string, MixerRecord>;
}

export class FakeInteractiveCloud {
  /** False: every startMixerTask fails with 1005000 (mixing not enabled for this AppID). */
  mixingEnabled = true;
  extraInfoKeyLimit = 1;
  private readonly rooms = new Map<string, RoomInteractiveState>();

  state(roomID: string): RoomInteractiveState {
    let state = this.rooms.get(roomID);
    if (state === undefined) {
      state = { extraInfo: new Map(), mixers: new Map() };
      this.rooms.set(roomID, state);
    }
    return state;
  }

  /** The running mixer tasks of a room. */
  mixers(roomID: string): MixerRecord[] {
    return Array.from(this.state(roomID).mixers.values());
  }

  /** Returns the update every other member must receive, or throws the cloud's error. */
  setExtraInfo(roomID: string, user: ZegoUser, key: string, value: string, now: number): ZegoRoomExtraInfo {
    const state = this.state(roomID);
    if (key === '' || bytes(key) > EXTRA_INFO_KEY_MAX_BYTES)
      throw failure(1002015, 'room extra info key too long');
    if (bytes(value) > EXTRA_INFO_VALUE_MAX_BYTES) throw failure(1002016, 'room extra info value too long');
    if (!state.extraInfo.has(key) && state.extraInfo.size >= this.extraInfoKeyLimit)
      throw failure(1002017, 'room extra info key exceed the limit');
    const info: ZegoRoomExtraInfo = { key, value, updateUser: { ...user }, updateTime: now };
    state.extraInfo.set(key, info);
    return { ...info };
  }

  extraInfoList(roomID: string): ZegoRoomExtraInfo[] {
    return Array.from(this.state(roomID).extraInfo.values()).map((i) => ({ ...i }));
  }

  startMixer(
    roomID: string,
    userID: string,
    task: ZegoMixerTask,
    published: Set<string>,
  ): ZegoServerResponse {
    if (!this.mixingEnabled) throw mixFailure(1005000, 'mix stream service not enabled');
    if (typeof task.taskID !== 'string' || task.taskID === '')
      throw mixFailure(1005001, 'mixer task is null');
    if (!/^[A-Za-z0-9_-]{1,256}$/.test(task.taskID)) throw mixFailure(1005003, 'illegal task ID');
    if (task.inputList.length === 0) throw mixFailure(1005020, 'input list is null');
    if (task.inputList.length > MAX_MIX_INPUTS) throw mixFailure(1005025, 'too many inputs');
    if (task.outputList.length === 0) throw mixFailure(1005021, 'output list is null');
    const { outputWidth: width, outputHeight: height } = task.outputConfig;
    for (const input of task.inputList) {
      const { top, left, bottom, right } = input.layout;
      const edges = [top, left, bottom, right];
      if (
        !edges.every(Number.isInteger) ||
        left < 0 ||
        top < 0 ||
        right > width ||
        bottom > height ||
        left >= right ||
        top >= bottom
      )
        throw mixFailure(1005027, 'mix stream input parameters are wrong');
      if (!published.has(input.streamID))
        throw mixFailure(1005026, `input stream ${input.streamID} does not exist`);
    }
    const state = this.state(roomID);
    const existing = state.mixers.get(task.taskID);
    if (existing !== undefined && existing.ownerUserID !== userID)
      throw mixFailure(1005012, 'mixed task must be stopped by the start user of the task');
    state.mixers.set(task.taskID, {
      ownerUserID: userID,
      task: JSON.parse(JSON.stringify(task)) as ZegoMixerTask,
      starts: (existing?.starts ?? 0) + 1,
    });
    return { errorCode: 0 };
  }

  stopMixer(roomID: string, userID: string, taskID: string): ZegoServerResponse {
    const state = this.state(roomID);
    const existing = state.mixers.get(taskID);
    if (existing !== undefined && existing.ownerUserID !== userID)
      throw mixFailure(1005012, 'mixed task must be stopped by the start user of the task');
    state.mixers.delete(taskID);
    return { errorCode: 0 };
  }

  /** Is some running task in the room outputting this stream? */
  mixOutputExists(roomID: string, streamID: string): boolean {
    return this.mixers(roomID).some((m) => m.task.outputList.some((o) => o.target === streamID));
  }
}

function bytes(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

function failure(code: number, msg: string): { code: number; msg: string } {
  return { code, msg };
}

function mixFailure(errorCode: number, extendedData: string): ZegoServerResponse {
  return { errorCode, extendedData };
}
