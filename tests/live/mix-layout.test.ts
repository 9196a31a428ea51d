import { mixLayout, mixPlan } from '../../miniprogram/live/services/mix-layout';

const OUTPUT = { width: 540, height: 960, bitrate: 1200, fps: 15 };

describe('mix layout', () => {
  it('one stream fills the frame', () => {
    expect(mixLayout(['host'], OUTPUT)).toEqual([
      { streamID: 'host', contentType: 'VIDEO', layout: { top: 0, left: 0, bottom: 960, right: 540 } },
    ]);
  });

  it('two streams: the second sits in the bottom-right third', () => {
    expect(mixLayout(['host', 'co1'], OUTPUT)[1]?.layout).toEqual({
      top: 640,
      left: 360,
      bottom: 960,
      right: 540,
    });
  });

  it('three streams: the third sits in the bottom-left third', () => {
    const layout = mixLayout(['host', 'co1', 'co2'], OUTPUT);
    expect(layout.map((i) => i.streamID)).toEqual(['host', 'co1', 'co2']);
    expect(layout[2]?.layout).toEqual({ top: 640, left: 0, bottom: 960, right: 180 });
  });

  it('four streams: the fourth fills the bottom-centre third, no tile overlapping another small tile', () => {
    const small = mixLayout(['h', 'a', 'b', 'c'], OUTPUT)
      .slice(1)
      .map((i) => i.layout);
    expect(small[2]).toEqual({ top: 640, left: 180, bottom: 960, right: 360 });
    const lefts = small.map((r) => r.left).sort((x, y) => x - y);
    expect(lefts).toEqual([0, 180, 360]);
  });

  it('keeps tile edges even for odd output sizes and inside the frame', () => {
    const odd = { ...OUTPUT, width: 361, height: 641 };
    for (const input of mixLayout(['h', 'a', 'b', 'c'], odd).slice(1)) {
      expect((input.layout.right - input.layout.left) % 2).toBe(0);
      expect(input.layout.right).toBeLessThanOrEqual(361);
      expect(input.layout.bottom).toBe(641);
    }
  });

  it('refuses more streams than the co-host limit allows', () => {
    expect(() => mixLayout(['1', '2', '3', '4', '5'], OUTPUT)).toThrow(RangeError);
  });

  it('builds the mixer task with the output size and bitrate as given', () => {
    const plan = mixPlan('mix_room1', 'room1_mix', ['h', 'a'], OUTPUT);
    expect(plan.outputList).toEqual([{ target: 'room1_mix' }]);
    expect(plan.outputConfig).toEqual({
      outputBitrate: 1200,
      outputFPS: 15,
      outputWidth: 540,
      outputHeight: 960,
    });
    expect(plan.inputList).toHaveLength(2);
  });
});
