/**
 * The host's mixer task: host + co-hosts into one stream, from the pure layout in mix-layout.ts.
 * `sync` starts it, updates it (startMixerTask again with the same taskID, as Express does) when the
 * set of streams changes, and `stop` ends it. No wx and no SDK import: the SDK calls come in as ports.
 */
import { describeError, type ErrorInfo } from '../../core/errors';
import { MAX_MIX_INPUTS, mixPlan, type MixOutputSpec, type MixPlan } from './mix-layout';

export const DEFAULT_MIX_OUTPUT: MixOutputSpec = { width: 540, height: 960, bitrate: 1200, fps: 15 };

export function mixStreamIdFor(roomID: string): string {
  return `${roomID}_mix`;
}

export function mixTaskIdFor(roomID: string): string {
  return `${roomID}_mixtask`;
}

export interface MixerPorts {
  start(plan: MixPlan): Promise<unknown>;
  stop(taskID: string): Promise<unknown>;
}

export type MixerStatus = 'off' | 'starting' | 'on';

/** SDK rejections are `{errorCode, extendedData}` (or `{code}`): words from core/errors.ts. */
export function describeMixerError(error: unknown): ErrorInfo {
  const raw =
    typeof error === 'object' && error !== null
      ? ((error as { errorCode?: unknown; code?: unknown }).errorCode ?? (error as { code?: unknown }).code)
      : error;
  const code = typeof raw === 'number' || typeof raw === 'string' ? raw : undefined;
  return describeError('express', code);
}

export class MixerController {
  readonly taskID: string;
  readonly outputStreamID: string;
  private status: MixerStatus = 'off';
  private inputs: string[] = [];
  /** Calls are chained so an update never overtakes the start it follows. */
  private chain: Promise<void> = Promise.resolve();

  constructor(
    roomID: string,
    private readonly ports: MixerPorts,
    private readonly onChange: (status: MixerStatus, error?: ErrorInfo) => void,
    private readonly output: MixOutputSpec = DEFAULT_MIX_OUTPUT,
  ) {
    this.taskID = mixTaskIdFor(roomID);
    this.outputStreamID = mixStreamIdFor(roomID);
  }

  get state(): MixerStatus {
    return this.status;
  }

  /** Host first, then co-hosts in arrival order; more than the layout holds are left out. */
  start(streamIDs: string[]): Promise<void> {
    return this.enqueue(async () => {
      const inputs = streamIDs.slice(0, MAX_MIX_INPUTS);
      if (inputs.length === 0) return;
      this.status = 'starting';
      this.onChange('starting');
      try {
        await this.ports.start(mixPlan(this.taskID, this.outputStreamID, inputs, this.output));
      } catch (error) {
        this.status = 'off';
        this.inputs = [];
        this.onChange('off', describeMixerError(error));
        return;
      }
      this.inputs = inputs;
      this.status = 'on';
      this.onChange('on');
    });
  }

  /** The streams changed: update a running task (nothing when off or unchanged). */
  sync(streamIDs: string[]): Promise<void> {
    return this.enqueue(async () => {
      if (this.status !== 'on') return;
      const inputs = streamIDs.slice(0, MAX_MIX_INPUTS);
      if (sameList(inputs, this.inputs) || inputs.length === 0) return;
      try {
        await this.ports.start(mixPlan(this.taskID, this.outputStreamID, inputs, this.output));
        this.inputs = inputs;
      } catch (error) {
        this.onChange('on', describeMixerError(error));
      }
    });
  }

  stop(): Promise<void> {
    return this.enqueue(async () => {
      if (this.status === 'off') return;
      this.status = 'off';
      this.inputs = [];
      this.onChange('off');
      try {
        await this.ports.stop(this.taskID);
      } catch (error) {
        this.onChange('off', describeMixerError(error));
      }
    });
  }

  private enqueue(step: () => Promise<void>): Promise<void> {
    this.chain = this.chain.then(step, step);
    return this.chain;
  }
}

function sameList(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

/**
 * WeChat renders only a few <live-player>s smoothly at once: past this many remote streams an audience
 * member watches the mixed stream instead (when the host is mixing).
 */
export const DIRECT_PLAY_LIMIT = 3;

export type PlayMode = 'direct' | 'mix';

/**
 * What an audience member plays. Co-hosts (and the host) always play directly: they need the low
 * latency of RTC to talk. The viewer's own choice wins when the mix exists; otherwise the mix is
 * chosen automatically once the room is over the direct-play limit.
 */
export function choosePlayMode(input: {
  onStage: boolean;
  mixAvailable: boolean;
  remoteStreams: number;
  choice: PlayMode | null;
}): PlayMode {
  if (input.onStage || !input.mixAvailable) return 'direct';
  if (input.choice !== null) return input.choice;
  return input.remoteStreams > DIRECT_PLAY_LIMIT ? 'mix' : 'direct';
}
