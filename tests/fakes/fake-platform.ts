import type { NetworkStatus, RoomPlatform } from '../../miniprogram/live/services/room-types';

/** wx hooks for the RoomService: counts listeners so tests can prove none outlives the page. */
export class FakePlatform implements RoomPlatform {
  readonly network = new Set<(status: NetworkStatus) => void>();
  readonly interruptionEnd = new Set<() => void>();
  keepScreenOn = false;
  readonly keepScreenOnCalls: boolean[] = [];

  onNetworkStatusChange(listener: (status: NetworkStatus) => void): void {
    this.network.add(listener);
  }
  offNetworkStatusChange(listener: (status: NetworkStatus) => void): void {
    this.network.delete(listener);
  }
  onAudioInterruptionEnd(listener: () => void): void {
    this.interruptionEnd.add(listener);
  }
  offAudioInterruptionEnd(listener: () => void): void {
    this.interruptionEnd.delete(listener);
  }
  setKeepScreenOn(keepScreenOn: boolean): void {
    this.keepScreenOn = keepScreenOn;
    this.keepScreenOnCalls.push(keepScreenOn);
  }

  listenerCount(): number {
    return this.network.size + this.interruptionEnd.size;
  }

  setOnline(isConnected: boolean): void {
    for (const listener of Array.from(this.network))
      listener({ isConnected, networkType: isConnected ? 'wifi' : 'none' });
  }

  endInterruption(): void {
    for (const listener of Array.from(this.interruptionEnd)) listener();
  }
}
