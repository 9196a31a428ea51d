/**
 * Decides when an audience member should see "host left". The last stream going away is not enough:
 * a host restarting the push (-1307, a long hide) drops the stream for a moment. So: immediately when
 * the stream's owner also left the room, otherwise after a grace period with no stream back.
 */
import type { Timers } from './timers';

const TIMER = 'host-gone';

export class HostPresence {
  private sawStream = false;
  private streams = 0;
  private readonly departedOwners = new Set<string>();
  gone = false;

  constructor(
    private readonly watching: boolean,
    private readonly timers: Timers,
    private readonly graceMs: number,
    private readonly onChange: (gone: boolean) => void,
  ) {}

  /** After every stream ADD/DELETE, with the remote stream count and the owners of removed streams. */
  streamsChanged(remoteStreams: number, removedOwners: string[] = []): void {
    if (!this.watching) return;
    this.streams = remoteStreams;
    if (remoteStreams > 0) {
      this.sawStream = true;
      this.departedOwners.clear();
      this.timers.cancel(TIMER);
      this.set(false);
      return;
    }
    removedOwners.forEach((id) => this.departedOwners.add(id));
    if (this.sawStream && !this.gone && !this.timers.has(TIMER)) {
      this.timers.after(this.graceMs, () => this.set(true), TIMER);
    }
  }

  membersLeft(userIDs: string[]): void {
    if (!this.watching || this.streams > 0) return;
    if (userIDs.some((id) => this.departedOwners.has(id))) {
      this.timers.cancel(TIMER);
      this.set(true);
    }
  }

  private set(gone: boolean): void {
    if (this.gone === gone) return;
    this.gone = gone;
    this.onChange(gone);
  }
}
