import type { ErrorInfo } from '../../miniprogram/core/errors';
import type { MixPlan } from '../../miniprogram/live/services/mix-layout';
import {
  choosePlayMode,
  DIRECT_PLAY_LIMIT,
  MixerController,
  type MixerStatus,
} from '../../miniprogram/live/services/mixer';

function setup(failStartWith?: unknown) {
  const calls: Array<['start', MixPlan] | ['stop', string]> = [];
  const changes: Array<[MixerStatus, ErrorInfo | undefined]> = [];
  const mixer = new MixerController(
    'room1',
    {
      start: async (plan) => {
        calls.push(['start', plan]);
        if (failStartWith !== undefined) throw failStartWith;
      },
      stop: async (taskID) => {
        calls.push(['stop', taskID]);
      },
    },
    (status, error) => changes.push([status, error]),
    { width: 360, height: 640, bitrate: 800, fps: 15 },
  );
  return { calls, changes, mixer };
}

describe('MixerController', () => {
  it('starts with the host full-frame, updates as co-hosts come and go, stops', async () => {
    const { calls, changes, mixer } = setup();
    await mixer.start(['room1_host_main']);
    await mixer.sync(['room1_host_main', 'room1_a_main']);
    await mixer.sync(['room1_host_main', 'room1_a_main']); // unchanged: no call
    await mixer.sync(['room1_host_main']);
    await mixer.stop();
    await mixer.stop(); // already off: no call
    expect(
      calls.map(([kind, arg]) => (kind === 'start' ? arg.inputList.map((i) => i.streamID) : arg)),
    ).toEqual([
      ['room1_host_main'],
      ['room1_host_main', 'room1_a_main'],
      ['room1_host_main'],
      'room1_mixtask',
    ]);
    const update = calls[1]?.[1] as MixPlan;
    expect(update).toMatchObject({
      taskID: 'room1_mixtask',
      outputList: [{ target: 'room1_mix' }],
      outputConfig: { outputWidth: 360, outputHeight: 640, outputBitrate: 800, outputFPS: 15 },
    });
    expect(update.inputList[1]?.layout).toEqual({ top: 426, left: 240, bottom: 640, right: 360 });
    expect(changes.map(([s]) => s)).toEqual(['starting', 'on', 'off']);
  });

  it('turns "mixing not enabled for this AppID" into a clear error and stays off', async () => {
    const { changes, mixer } = setup({ errorCode: 1005000, extendedData: 'no service' });
    await mixer.start(['room1_host_main']);
    expect(mixer.state).toBe('off');
    const [status, error] = changes.at(-1) ?? [];
    expect(status).toBe('off');
    expect(error?.en).toBe('Stream mixing is not enabled for this AppID; switch it on in the ZEGO console');
  });

  it('sync does nothing while the mixer is off', async () => {
    const { calls, mixer } = setup();
    await mixer.sync(['a']);
    expect(calls).toEqual([]);
  });
});

describe('choosePlayMode', () => {
  const base = { onStage: false, mixAvailable: true, remoteStreams: 1, choice: null };
  it('plays directly until the room is over the direct-play limit, then the mix', () => {
    expect(choosePlayMode({ ...base, remoteStreams: DIRECT_PLAY_LIMIT })).toBe('direct');
    expect(choosePlayMode({ ...base, remoteStreams: DIRECT_PLAY_LIMIT + 1 })).toBe('mix');
  });
  it('never mixes without a mix, or for someone on stage; the viewer choice wins otherwise', () => {
    expect(choosePlayMode({ ...base, remoteStreams: 9, mixAvailable: false })).toBe('direct');
    expect(choosePlayMode({ ...base, remoteStreams: 9, onStage: true })).toBe('direct');
    expect(choosePlayMode({ ...base, remoteStreams: 9, choice: 'direct' })).toBe('direct');
    expect(choosePlayMode({ ...base, remoteStreams: 1, choice: 'mix' })).toBe('mix');
  });
});
