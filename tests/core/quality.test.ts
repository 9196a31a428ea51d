import { gradeQuality, QUALITY_TARGETS } from '../../miniprogram/core/quality';

describe('gradeQuality', () => {
  const rtc = QUALITY_TARGETS.RTC;

  it('is good at the target and fair/poor as bitrate or fps fall', () => {
    expect(gradeQuality({ videoKbps: rtc.videoKbps, fps: rtc.fps })).toBe('good');
    expect(gradeQuality({ videoKbps: rtc.videoKbps * 0.6, fps: rtc.fps * 0.8 })).toBe('good');
    expect(gradeQuality({ videoKbps: rtc.videoKbps * 0.5, fps: rtc.fps })).toBe('fair');
    expect(gradeQuality({ videoKbps: rtc.videoKbps, fps: rtc.fps * 0.6 })).toBe('fair');
    expect(gradeQuality({ videoKbps: rtc.videoKbps * 0.2, fps: rtc.fps })).toBe('poor');
    expect(gradeQuality({ videoKbps: rtc.videoKbps, fps: rtc.fps * 0.4 })).toBe('poor');
    expect(gradeQuality({ videoKbps: 0, fps: 0 })).toBe('poor');
  });

  it('judges against the mode: 500 kbps is good for RTC but poor for FHD', () => {
    expect(gradeQuality({ videoKbps: 500, fps: 15 }, 'RTC')).toBe('good');
    expect(gradeQuality({ videoKbps: 450, fps: 20 }, 'FHD')).toBe('poor');
    expect(gradeQuality({ videoKbps: 1000, fps: 20 }, 'FHD')).toBe('fair');
  });

  it('grades only the audio when the camera is off on purpose', () => {
    expect(gradeQuality({ videoKbps: 0, fps: 0, audioKbps: 32, videoExpected: false })).toBe('good');
    expect(gradeQuality({ videoKbps: 0, fps: 0, audioKbps: 12, videoExpected: false })).toBe('fair');
    expect(gradeQuality({ videoKbps: 0, fps: 0, audioKbps: 0, videoExpected: false })).toBe('poor');
  });

  it('treats NaN or negative figures as nothing measured', () => {
    expect(gradeQuality({ videoKbps: Number.NaN, fps: 15 })).toBe('poor');
    expect(gradeQuality({ videoKbps: -5, fps: -1 })).toBe('poor');
  });
});
