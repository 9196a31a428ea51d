/**
 * Where each stream sits in the mixed picture. Pure: the room service turns it into the SDK's
 * startMixerTask config. The host fills the frame; co-hosts are thirds of the width along the bottom
 * (second bottom-right, third bottom-left, fourth bottom-centre), so faces stay clear of each other.
 */

export interface MixOutputSpec {
  width: number;
  height: number;
  /** kbps */
  bitrate: number;
  fps: number;
}

export interface MixRect {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export interface MixInput {
  streamID: string;
  contentType: 'VIDEO';
  layout: MixRect;
}

export interface MixPlan {
  taskID: string;
  inputList: MixInput[];
  outputList: { target: string }[];
  outputConfig: { outputBitrate: number; outputFPS: number; outputWidth: number; outputHeight: number };
}

export const MAX_MIX_INPUTS = 4;

/** Small tiles take a third of the width and a third of the height, in this order of columns. */
const SMALL_TILE_COLUMNS = [2, 0, 1];

export function mixLayout(streamIDs: string[], output: MixOutputSpec): MixInput[] {
  if (streamIDs.length > MAX_MIX_INPUTS) {
    throw new RangeError(`at most ${MAX_MIX_INPUTS} streams can be mixed, got ${streamIDs.length}`);
  }
  // Even pixel edges: encoders reject odd sizes for YUV 4:2:0.
  const even = (n: number) => Math.round(n / 2) * 2;
  const tileWidth = even(output.width / 3);
  const tileHeight = even(output.height / 3);
  return streamIDs.map((streamID, index) => {
    if (index === 0) {
      return {
        streamID,
        contentType: 'VIDEO',
        layout: { top: 0, left: 0, bottom: output.height, right: output.width },
      };
    }
    const column = SMALL_TILE_COLUMNS[index - 1] ?? 0;
    const left = column === 2 ? output.width - tileWidth : column * tileWidth;
    return {
      streamID,
      contentType: 'VIDEO',
      layout: { top: output.height - tileHeight, left, bottom: output.height, right: left + tileWidth },
    };
  });
}

export function mixPlan(
  taskID: string,
  outputStreamID: string,
  streamIDs: string[],
  output: MixOutputSpec,
): MixPlan {
  return {
    taskID,
    inputList: mixLayout(streamIDs, output),
    outputList: [{ target: outputStreamID }],
    outputConfig: {
      outputBitrate: output.bitrate,
      outputFPS: output.fps,
      outputWidth: output.width,
      outputHeight: output.height,
    },
  };
}
