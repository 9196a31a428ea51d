/**
 * What the room does when the phone, not the room, changes: network lost and back, a phone/WeChat
 * call ending, the page hidden and shown. It owns the wx listeners (registered once, removed on
 * detach) and decides; the RoomService acts.
 *
 * Per role (README): nothing is stopped on hide, so a host's audio keeps going through a short hide
 * (WeChat pauses the camera itself). On show, a hide longer than `longHideMs` (iOS stops publishing
 * after ≈36 s) or an unfinished call interruption restarts our media (host: push again; everyone:
 * play every stream again); a short one only re-sends our camera/mic state. A recovery waiting out its
 * backoff runs at once on show or when the network returns.
 */
import type { Clock, NetworkStatus, RoomPlatform } from './room-types';

export interface RecoveryTarget {
  /** False once the room has ended (left, kicked …): then nothing restarts. */
  canRecover(): boolean;
  loggedIn(): boolean;
  /** A re-login is scheduled (waiting out its backoff). */
  reloginPending(): boolean;
  reloginNow(): void;
  interrupted(): boolean;
  restartMedia(): void;
  resyncMediaState(): void;
}

export class PlatformHooks {
  private hiddenAt: number | null = null;
  private offline = false;
  private attached = false;
  private readonly onNetwork = (status: NetworkStatus) => this.networkChanged(status);
  private readonly onInterruptionEnd = () => this.interruptionEnded();

  constructor(
    private readonly platform: RoomPlatform,
    private readonly clock: Clock,
    private readonly longHideMs: number,
    private readonly target: RecoveryTarget,
  ) {}

  attach(): void {
    if (this.attached) return;
    this.attached = true;
    this.platform.onNetworkStatusChange(this.onNetwork);
    this.platform.onAudioInterruptionEnd(this.onInterruptionEnd);
  }

  detach(): void {
    if (!this.attached) return;
    this.attached = false;
    this.platform.offNetworkStatusChange(this.onNetwork);
    this.platform.offAudioInterruptionEnd(this.onInterruptionEnd);
  }

  onHide(): void {
    this.hiddenAt = this.clock.now();
  }

  onShow(): void {
    const hiddenFor = this.hiddenAt === null ? 0 : this.clock.now() - this.hiddenAt;
    this.hiddenAt = null;
    if (!this.target.canRecover()) return;
    if (this.target.reloginPending()) return this.target.reloginNow();
    if (!this.target.loggedIn()) return;
    if (hiddenFor >= this.longHideMs || this.target.interrupted()) this.target.restartMedia();
    else this.target.resyncMediaState();
  }

  /** Only a return from offline counts: a Wi-Fi → 4G switch is the native components' own business. */
  private networkChanged(status: NetworkStatus): void {
    if (!status.isConnected) {
      this.offline = true;
      return;
    }
    const wasOffline = this.offline;
    this.offline = false;
    if (!wasOffline || !this.target.canRecover()) return;
    if (this.target.reloginPending()) this.target.reloginNow();
    else if (this.target.loggedIn()) this.target.restartMedia();
  }

  private interruptionEnded(): void {
    if (this.target.canRecover() && this.target.loggedIn() && this.target.interrupted())
      this.target.restartMedia();
  }
}
