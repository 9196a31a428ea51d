/**
 * Which native player mode a viewer gets. Pure: no wx, no SDK.
 *
 * `RTC` (≈500 ms) is for calls and anyone on the mic: the host and co-hosts always play in it, since
 * they talk to each other. `live` buffers (min-cache / max-cache, seconds) and plays smoother on a
 * weak network at a few seconds of latency: the default for a pure audience member in a busy room.
 * The viewer can pick either in the settings sheet ("low latency" / "smooth"); that choice is kept.
 */
import type { PlayerAttributes } from '../../../typings/zego-express';

export type PlaybackMode = 'RTC' | 'live';
/** `auto` follows the room size; the other two are the viewer's own choice. */
export type PlaybackPreference = 'auto' | 'low-latency' | 'smooth';
export type PlaybackRole = 'host' | 'co-host' | 'audience';

/** A room with this many people online counts as busy: audience playback turns to `live`. */
export const BUSY_ROOM = 20;
/** …and back to `RTC` only once it is below this (no flapping around one number). */
export const CALM_ROOM = 10;
/** `live` cache in seconds: WeChat's own defaults (1 / 3) keep latency at a few seconds. */
export const LIVE_MIN_CACHE = 1;
export const LIVE_MAX_CACHE = 3;

export interface PlaybackInput {
  role: PlaybackRole;
  /** People online (roomOnlineUserCountUpdate); undefined until the first count arrives. */
  memberCount: number | undefined;
  preference: PlaybackPreference;
  /** The mode now in use, for hysteresis; undefined on the first decision. */
  current?: PlaybackMode;
}

export function choosePlaybackMode(input: PlaybackInput): PlaybackMode {
  if (input.role !== 'audience') return 'RTC';
  if (input.preference === 'low-latency') return 'RTC';
  if (input.preference === 'smooth') return 'live';
  const count = input.memberCount;
  if (count === undefined) return input.current ?? 'RTC';
  if (count >= BUSY_ROOM) return 'live';
  if (count < CALM_ROOM) return 'RTC';
  return input.current ?? 'RTC';
}

/**
 * The live-player attributes for a mode (what the SDK writes into `playerList`). RTC leaves the cache
 * unset: the native player ignores it there and WeChat's guidance is to keep the defaults. A switch
 * re-plays on a fresh SDK player, so no live cache value lingers.
 */
export function playerAttributesFor(mode: PlaybackMode): PlayerAttributes {
  return mode === 'live'
    ? { mode: 'live', minCache: LIVE_MIN_CACHE, maxCache: LIVE_MAX_CACHE, objectFit: 'contain' }
    : { mode: 'RTC', objectFit: 'contain' };
}

/** What the settings sheet's two buttons store; anything else read back from storage is `auto`. */
export function parsePlaybackPreference(value: unknown): PlaybackPreference {
  return value === 'low-latency' || value === 'smooth' ? value : 'auto';
}

export const PLAYBACK_PREFERENCE_KEY = 'live.playbackPreference';
