/**
 * Grades a stream's measured quality (good / fair / poor) against what its mode aims for.
 * Pure: the room page calls it with the figures from publishQualityUpdate / playQualityUpdate
 * (at runtime only video bitrate/fps/size and audio bitrate are filled, all in kbps / fps).
 */

export type QualityGrade = 'good' | 'fair' | 'poor';

/** live-pusher modes; the room publishes in RTC. */
export type QualityMode = 'RTC' | 'SD' | 'HD' | 'FHD';

export interface QualityTarget {
  videoKbps: number;
  fps: number;
}

/** What each mode aims for: RTC is the live-pusher's low-latency default (≈360p, 15 fps). */
export const QUALITY_TARGETS: Record<QualityMode, QualityTarget> = {
  RTC: { videoKbps: 500, fps: 15 },
  SD: { videoKbps: 700, fps: 20 },
  HD: { videoKbps: 1200, fps: 20 },
  FHD: { videoKbps: 2000, fps: 20 },
};

export interface MeasuredQuality {
  videoKbps: number;
  fps: number;
  audioKbps?: number;
  /** False when the camera is off on purpose: then only the audio counts. */
  videoExpected?: boolean;
}

/** Ratios of the target: at or above GOOD is good; below POOR (either figure) is poor. */
const GOOD_RATIO = { bitrate: 0.6, fps: 0.8 };
const POOR_RATIO = { bitrate: 0.25, fps: 0.5 };
/** Speech stays intelligible down to about this many kbps. */
const AUDIO_GOOD_KBPS = 24;
const AUDIO_POOR_KBPS = 8;

function finiteOrZero(value: number | undefined): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : 0;
}

export function gradeQuality(measured: MeasuredQuality, mode: QualityMode = 'RTC'): QualityGrade {
  if (measured.videoExpected === false) {
    const audio = finiteOrZero(measured.audioKbps);
    if (audio >= AUDIO_GOOD_KBPS) return 'good';
    return audio < AUDIO_POOR_KBPS ? 'poor' : 'fair';
  }
  const target = QUALITY_TARGETS[mode];
  const bitrateRatio = finiteOrZero(measured.videoKbps) / target.videoKbps;
  const fpsRatio = finiteOrZero(measured.fps) / target.fps;
  if (bitrateRatio < POOR_RATIO.bitrate || fpsRatio < POOR_RATIO.fps) return 'poor';
  if (bitrateRatio >= GOOD_RATIO.bitrate && fpsRatio >= GOOD_RATIO.fps) return 'good';
  return 'fair';
}
