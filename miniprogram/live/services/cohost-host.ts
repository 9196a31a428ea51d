/**
 * The host's side of co-hosting: who is asking, whom the host invited, who is on camera, the limit.
 * No wx, no SDK: messages go out through `send`, approvals through the token service (`approve`,
 * `revoke`), time through Timers, so tests drive it directly.
 *
 * Rules: a request or invitation lapses after `timeoutMs` (30 s); a repeat of the same request is
 * ignored, a new request from someone already waiting replaces the old one; someone already on camera
 * who asks again is told "busy"; at the limit (cohosts + approvals under way) requests are refused
 * "full" and the host is told why; the host leaving refuses every pending request.
 */
import { format, type Bilingual } from '../../core/i18n';
import type { CohostMessage, EndReason, RefuseReason } from './cohost-protocol';
import { HOST_TEXT } from './cohost-text';
import { Emitter } from './emitter';
import type { Timers } from './timers';

export const COHOST_TIMEOUT_MS = 30_000;
export const DEFAULT_COHOST_LIMIT = 3;

export interface PendingCohost {
  userID: string;
  userName: string;
  requestID: string;
  /** request: they asked; invite: the host asked them. */
  kind: 'request' | 'invite';
  /** Approval at the token service is under way. */
  granting: boolean;
}

export interface Cohost {
  userID: string;
  userName: string;
}

export interface CohostHostEvents {
  pending: (list: PendingCohost[]) => void;
  cohosts: (list: Cohost[]) => void;
  notice: (text: Bilingual) => void;
}

export interface CohostHostPorts {
  roomID: string;
  hostName: string;
  send(toUserID: string, message: CohostMessage): Promise<void>;
  approve(userID: string): Promise<void>;
  revoke(userID: string): Promise<void>;
  timers: Timers;
  newRequestID(): string;
  timeoutMs?: number;
  limit?: number;
}

function say(text: Bilingual, params: Record<string, string | number>): Bilingual {
  return { zh: format(text.zh, params), en: format(text.en, params) };
}

export class CohostHost {
  private readonly events = new Emitter<CohostHostEvents>('cohost-host');
  private readonly pending = new Map<string, PendingCohost>();
  private readonly cohosts = new Map<string, Cohost>();
  private closed = false;
  readonly limit: number;
  private readonly timeoutMs: number;

  constructor(private readonly ports: CohostHostPorts) {
    this.limit = ports.limit ?? DEFAULT_COHOST_LIMIT;
    this.timeoutMs = ports.timeoutMs ?? COHOST_TIMEOUT_MS;
  }

  on<K extends keyof CohostHostEvents>(event: K, handler: CohostHostEvents[K]): () => void {
    return this.events.on(event, handler);
  }

  pendingList(): PendingCohost[] {
    return Array.from(this.pending.values(), (p) => ({ ...p }));
  }

  cohostList(): Cohost[] {
    return Array.from(this.cohosts.values(), (c) => ({ ...c }));
  }

  isCohost(userID: string): boolean {
    return this.cohosts.has(userID);
  }

  /** Co-hosts plus approvals under way: what the limit counts. */
  private get seats(): number {
    let granting = 0;
    for (const p of this.pending.values()) if (p.granting) granting += 1;
    return this.cohosts.size + granting;
  }

  private get full(): boolean {
    return this.seats >= this.limit;
  }

  // ---- messages from the audience --------------------------------------------------------------

  onMessage(from: string, message: CohostMessage): void {
    if (this.closed || message.roomID !== this.ports.roomID) return;
    const waiting = this.pending.get(from);
    switch (message.type) {
      case 'cohost.request':
        if (this.cohosts.has(from)) return this.refuse(from, message.requestID, 'busy');
        if (waiting?.requestID === message.requestID) return; // a repeat
        if (waiting?.kind === 'invite' && !waiting.granting) {
          // They asked while our invitation was on its way: that is a yes.
          void this.grant(from);
          return;
        }
        if (this.full) {
          this.refuse(from, message.requestID, 'full');
          this.notice(HOST_TEXT.full, { limit: this.limit });
          return;
        }
        this.addPending({
          userID: from,
          userName: message.userName || from,
          requestID: message.requestID,
          kind: 'request',
          granting: false,
        });
        return;
      case 'cohost.cancel':
        if (waiting?.requestID !== message.requestID || waiting.granting) return;
        this.dropPending(from);
        this.notice(HOST_TEXT.cancelled, { name: waiting.userName });
        return;
      case 'cohost.reply':
        if (waiting?.kind !== 'invite' || waiting.requestID !== message.requestID || waiting.granting) return;
        if (message.answer === 'accept') {
          void this.grant(from);
          return;
        }
        this.dropPending(from);
        this.notice(message.answer === 'busy' ? HOST_TEXT.busy : HOST_TEXT.declined, {
          name: waiting.userName,
        });
        return;
      case 'cohost.end': {
        const cohost = this.cohosts.get(from);
        if (cohost === undefined) return;
        this.dropCohost(from);
        this.notice(HOST_TEXT.left, { name: cohost.userName });
        return;
      }
      default:
        return; // host-only messages from someone else: ignored
    }
  }

  // ---- the host's own actions ------------------------------------------------------------------

  /** Accept a request. Resolves false (with a notice) when it cannot be done. */
  accept(userID: string): Promise<boolean> {
    const waiting = this.pending.get(userID);
    if (waiting?.kind !== 'request' || waiting.granting) return Promise.resolve(false);
    return this.grant(userID);
  }

  decline(userID: string): void {
    const waiting = this.pending.get(userID);
    if (waiting?.kind !== 'request' || waiting.granting) return;
    this.dropPending(userID);
    this.send(userID, {
      type: 'cohost.refuse',
      roomID: this.ports.roomID,
      requestID: waiting.requestID,
      reason: 'declined',
    });
  }

  /** Invite a member from the list. Returns the reason in words when it cannot. */
  invite(userID: string, userName: string): Bilingual | null {
    if (this.closed) return null;
    const name = userName || userID;
    if (this.cohosts.has(userID)) return say(HOST_TEXT.alreadyCohost, { name });
    if (this.pending.has(userID)) return say(HOST_TEXT.alreadyPending, { name });
    if (this.full) return say(HOST_TEXT.full, { limit: this.limit });
    const requestID = this.ports.newRequestID();
    this.addPending({ userID, userName: name, requestID, kind: 'invite', granting: false });
    this.send(userID, {
      type: 'cohost.invite',
      roomID: this.ports.roomID,
      requestID,
      userName: this.ports.hostName,
    });
    return null;
  }

  cancelInvite(userID: string): void {
    const waiting = this.pending.get(userID);
    if (waiting?.kind !== 'invite' || waiting.granting) return;
    this.dropPending(userID);
    this.send(userID, { type: 'cohost.cancel', roomID: this.ports.roomID, requestID: waiting.requestID });
  }

  remove(userID: string): void {
    if (!this.cohosts.has(userID)) return;
    this.dropCohost(userID);
    this.send(userID, { type: 'cohost.end', roomID: this.ports.roomID, reason: 'removed' });
  }

  askToMute(userID: string): void {
    if (this.cohosts.has(userID)) this.send(userID, { type: 'cohost.mute', roomID: this.ports.roomID });
  }

  /** A member left the room: their request lapses; a co-host who left is revoked. */
  memberLeft(userID: string): void {
    if (this.pending.has(userID)) this.dropPending(userID);
    if (this.cohosts.has(userID)) this.dropCohost(userID);
  }

  /**
   * The host leaves or ends the room: every pending request is refused, every co-host told. The
   * approvals are not revoked one by one: ending the room releases them all at the token service,
   * and a host who only left keeps the room (and may come back) until its lease lapses.
   */
  close(reason: 'host-left' | 'room-ended'): void {
    if (this.closed) return;
    this.closed = true;
    for (const waiting of this.pending.values()) {
      this.ports.timers.cancel(timerKey(waiting.userID));
      if (waiting.kind === 'request' || waiting.granting)
        this.send(waiting.userID, {
          type: 'cohost.refuse',
          roomID: this.ports.roomID,
          requestID: waiting.requestID,
          reason: 'host-left',
        });
      else
        this.send(waiting.userID, {
          type: 'cohost.cancel',
          roomID: this.ports.roomID,
          requestID: waiting.requestID,
        });
    }
    this.pending.clear();
    const endReason: EndReason = reason;
    for (const userID of this.cohosts.keys())
      this.send(userID, { type: 'cohost.end', roomID: this.ports.roomID, reason: endReason });
    this.cohosts.clear();
    this.events.emit('pending', []);
    this.events.emit('cohosts', []);
  }

  // ---- internals -------------------------------------------------------------------------------

  private async grant(userID: string): Promise<boolean> {
    const waiting = this.pending.get(userID);
    if (waiting === undefined) return false;
    if (this.full) {
      this.dropPending(userID);
      this.refuse(userID, waiting.requestID, 'full');
      this.notice(HOST_TEXT.full, { limit: this.limit });
      return false;
    }
    waiting.granting = true;
    this.ports.timers.cancel(timerKey(userID));
    this.emitPending();
    try {
      await this.ports.approve(userID);
    } catch (error) {
      if (this.pending.get(userID) !== waiting) return false;
      this.dropPending(userID);
      this.refuse(userID, waiting.requestID, 'failed');
      const why = reasonOf(error);
      this.events.emit('notice', {
        zh: format(HOST_TEXT.approveFailed.zh, { name: waiting.userName, why: why.zh }),
        en: format(HOST_TEXT.approveFailed.en, { name: waiting.userName, why: why.en }),
      });
      return false;
    }
    if (this.closed || this.pending.get(userID) !== waiting) {
      // Left, cancelled or the host left while the service answered: undo the approval.
      void this.ports.revoke(userID).catch(() => undefined);
      return false;
    }
    this.pending.delete(userID);
    this.cohosts.set(userID, { userID, userName: waiting.userName });
    this.emitPending();
    this.events.emit('cohosts', this.cohostList());
    this.send(userID, { type: 'cohost.grant', roomID: this.ports.roomID, requestID: waiting.requestID });
    return true;
  }

  private addPending(entry: PendingCohost): void {
    this.pending.set(entry.userID, entry);
    this.ports.timers.after(
      this.timeoutMs,
      () => {
        if (this.pending.get(entry.userID) !== entry || entry.granting) return;
        this.pending.delete(entry.userID);
        this.emitPending();
        if (entry.kind === 'request') {
          this.refuse(entry.userID, entry.requestID, 'timeout');
          this.notice(HOST_TEXT.timedOut, { name: entry.userName });
        } else {
          this.send(entry.userID, {
            type: 'cohost.cancel',
            roomID: this.ports.roomID,
            requestID: entry.requestID,
          });
          this.notice(HOST_TEXT.inviteTimedOut, { name: entry.userName });
        }
      },
      timerKey(entry.userID),
    );
    this.emitPending();
  }

  private dropPending(userID: string): void {
    this.ports.timers.cancel(timerKey(userID));
    if (this.pending.delete(userID)) this.emitPending();
  }

  private dropCohost(userID: string): void {
    this.cohosts.delete(userID);
    this.events.emit('cohosts', this.cohostList());
    void this.ports
      .revoke(userID)
      .catch((error: unknown) => console.warn('revoking a co-host failed', error));
  }

  private refuse(userID: string, requestID: string, reason: RefuseReason): void {
    this.send(userID, { type: 'cohost.refuse', roomID: this.ports.roomID, requestID, reason });
  }

  private send(userID: string, message: CohostMessage): void {
    this.ports
      .send(userID, message)
      .catch((error: unknown) => console.warn('co-host signal not sent', error));
  }

  private notice(text: Bilingual, params: Record<string, string | number>): void {
    this.events.emit('notice', say(text, params));
  }

  private emitPending(): void {
    this.events.emit('pending', this.pendingList());
  }
}

function timerKey(userID: string): string {
  return `cohost:${userID}`;
}

function reasonOf(error: unknown): Bilingual {
  // A TokenError (cohost_limit, not_room_host …) is already in words.
  if (typeof error === 'object' && error !== null && 'en' in error && 'zh' in error) {
    const { zh, en } = error as { zh: unknown; en: unknown };
    return { zh: String(zh), en: String(en) };
  }
  const text = error instanceof Error ? error.message : String(error);
  return { zh: text, en: text };
}
