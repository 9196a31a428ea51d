/** The real wx hooks and clock behind RoomService's injected interfaces. */
import type { Clock, RoomPlatform } from './room-types';

export const wxRoomPlatform: RoomPlatform = {
  onNetworkStatusChange: (listener) => wx.onNetworkStatusChange(listener),
  // The typings give off* a narrower callback type than on*; it is the same function object.
  offNetworkStatusChange: (listener) =>
    wx.offNetworkStatusChange(listener as unknown as WechatMiniprogram.OffNetworkStatusChangeCallback),
  onAudioInterruptionEnd: (listener) => wx.onAudioInterruptionEnd(listener),
  offAudioInterruptionEnd: (listener) => wx.offAudioInterruptionEnd(listener),
  setKeepScreenOn: (keepScreenOn) => {
    wx.setKeepScreenOn({ keepScreenOn, fail: () => undefined });
  },
};

export const systemClock: Clock = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  now: () => Date.now(),
};
