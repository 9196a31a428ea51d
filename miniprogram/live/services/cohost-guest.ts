/**
 * An audience member's side of co-hosting: ask, wait (30 s), be invited, answer, go on camera, leave
 * the stage. No wx, no SDK: going live (permissions → cohost token → renewToken → publish) and
 * stopping are ports the room wires in. Only the room's host may invite, grant, end or mute us:
 * those messages from anyone else are ignored.
 */
import { format, type Bilingual } from '../../core/i18n';
import type { CohostMessage, EndReason, RefuseReason } from './cohost-protocol';
import { COHOST_TIMEOUT_MS } from './cohost-host';
import { GUEST_TEXT } from './cohost-text';
import { Emitter } from './emitter';
import type { Timers } from './timers';

export type GuestPhase = 'idle' | 'requesting' | 'invited' | 'accepting' | 'joining' | 'cohost';

export interface GuestState {
  phase: GuestPhase;
  /** The host's name on an invitation. */
  hostName: string;
}

export interface CohostGuestEvents {
  state: (state: GuestState) => void;
  notice: (text: Bilingual) => void;
}

export interface CohostGuestPorts {
  roomID: string;
  userName: string;
  /** Null until we know who the host is (room info or the host's stream). */
  hostUserID(): string | null;
  send(toUserID: string, message: CohostMessage): Promise<void>;
  /** Permissions, cohost token, renewToken, publish. Rejects with words when any step fails. */
  goLive(): Promise<void>;
  stopLive(): void;
  mute(): void;
  timers: Timers;
  newRequestID(): string;
  timeoutMs?: number;
}

const REFUSE_TEXT: Record<RefuseReason, Bilingual> = {
  declined: GUEST_TEXT.declined,
  full: GUEST_TEXT.full,
  busy: GUEST_TEXT.refusedBusy,
  timeout: GUEST_TEXT.refusedTimeout,
  'host-left': GUEST_TEXT.hostLeft,
  failed: GUEST_TEXT.failed,
};

const END_TEXT: Record<EndReason, Bilingual> = {
  left: GUEST_TEXT.hostLeft,
  removed: GUEST_TEXT.removed,
  'host-left': GUEST_TEXT.hostLeft,
  'room-ended': GUEST_TEXT.roomEnded,
};

const TIMER = 'cohost-guest';

export class CohostGuest {
  private readonly events = new Emitter<CohostGuestEvents>('cohost-guest');
  private phase: GuestPhase = 'idle';
  private requestID = '';
  private hostName = '';
  private readonly timeoutMs: number;

  constructor(private readonly ports: CohostGuestPorts) {
    this.timeoutMs = ports.timeoutMs ?? COHOST_TIMEOUT_MS;
  }

  on<K extends keyof CohostGuestEvents>(event: K, handler: CohostGuestEvents[K]): () => void {
    return this.events.on(event, handler);
  }

  get state(): GuestState {
    return { phase: this.phase, hostName: this.hostName };
  }

  /** Ask the host to go on camera. Returns the reason in words when it cannot be sent. */
  request(): Bilingual | null {
    const host = this.ports.hostUserID();
    if (host === null) return GUEST_TEXT.noHost;
    if (this.phase !== 'idle') return GUEST_TEXT.busy;
    this.requestID = this.ports.newRequestID();
    this.setPhase('requesting');
    this.send(host, {
      type: 'cohost.request',
      roomID: this.ports.roomID,
      requestID: this.requestID,
      userName: this.ports.userName,
    });
    this.ports.timers.after(
      this.timeoutMs,
      () => {
        if (this.phase !== 'requesting') return;
        this.cancel();
        this.notice(GUEST_TEXT.noAnswer, { seconds: Math.round(this.timeoutMs / 1000) });
      },
      TIMER,
    );
    return null;
  }

  /** Withdraw our request (also what the 30 s timeout does). */
  cancel(): void {
    if (this.phase !== 'requesting') return;
    const host = this.ports.hostUserID();
    if (host !== null)
      this.send(host, { type: 'cohost.cancel', roomID: this.ports.roomID, requestID: this.requestID });
    this.reset();
  }

  acceptInvite(): void {
    const host = this.ports.hostUserID();
    if (this.phase !== 'invited' || host === null) return;
    this.setPhase('accepting');
    this.send(host, {
      type: 'cohost.reply',
      roomID: this.ports.roomID,
      requestID: this.requestID,
      answer: 'accept',
    });
    // The host now approves us at the token service; no grant in time means it did not happen.
    this.ports.timers.after(
      this.timeoutMs,
      () => {
        if (this.phase !== 'accepting') return;
        this.reset();
        this.notice(GUEST_TEXT.failed);
      },
      TIMER,
    );
  }

  declineInvite(): void {
    const host = this.ports.hostUserID();
    if (this.phase !== 'invited' || host === null) return;
    this.send(host, {
      type: 'cohost.reply',
      roomID: this.ports.roomID,
      requestID: this.requestID,
      answer: 'decline',
    });
    this.reset();
  }

  /** We end co-hosting ourselves. */
  leaveStage(): void {
    if (this.phase !== 'cohost' && this.phase !== 'joining') return;
    const host = this.ports.hostUserID();
    if (host !== null) this.send(host, { type: 'cohost.end', roomID: this.ports.roomID, reason: 'left' });
    this.ports.stopLive();
    this.reset();
  }

  /** The host left the room: whatever we were doing with them is over. */
  hostLeft(): void {
    if (this.phase === 'idle') return;
    if (this.phase === 'cohost' || this.phase === 'joining') this.ports.stopLive();
    this.reset();
    this.notice(GUEST_TEXT.hostLeft);
  }

  onMessage(from: string, message: CohostMessage): void {
    if (message.roomID !== this.ports.roomID) return;
    const host = this.ports.hostUserID();
    if (host === null || from !== host) return;
    const current = 'requestID' in message && message.requestID === this.requestID;
    switch (message.type) {
      case 'cohost.invite':
        if (this.phase !== 'idle') {
          this.send(from, {
            type: 'cohost.reply',
            roomID: this.ports.roomID,
            requestID: message.requestID,
            answer: 'busy',
          });
          return;
        }
        this.requestID = message.requestID;
        this.hostName = message.userName;
        this.setPhase('invited');
        this.ports.timers.after(
          this.timeoutMs,
          () => {
            if (this.phase !== 'invited') return;
            this.reset();
            this.notice(GUEST_TEXT.inviteExpired);
          },
          TIMER,
        );
        return;
      case 'cohost.cancel':
        if (!current || this.phase !== 'invited') return;
        this.reset();
        this.notice(GUEST_TEXT.inviteWithdrawn);
        return;
      case 'cohost.grant':
        if (!current || (this.phase !== 'requesting' && this.phase !== 'accepting')) return;
        void this.join();
        return;
      case 'cohost.refuse':
        if (!current || (this.phase !== 'requesting' && this.phase !== 'accepting')) return;
        this.reset();
        this.notice(REFUSE_TEXT[message.reason]);
        return;
      case 'cohost.end':
        if (this.phase !== 'cohost' && this.phase !== 'joining') {
          // An invitation or request outlived by the room: drop it quietly.
          if (this.phase !== 'idle') this.reset();
          return;
        }
        this.ports.stopLive();
        this.reset();
        this.notice(END_TEXT[message.reason]);
        return;
      case 'cohost.mute':
        if (this.phase !== 'cohost') return;
        this.ports.mute();
        this.notice(GUEST_TEXT.muted);
        return;
      default:
        return;
    }
  }

  private async join(): Promise<void> {
    this.ports.timers.cancel(TIMER);
    this.setPhase('joining');
    const requestID = this.requestID;
    try {
      await this.ports.goLive();
    } catch (error) {
      if (this.phase !== 'joining' || this.requestID !== requestID) return;
      const host = this.ports.hostUserID();
      // Tell the host, so the seat is freed and the approval revoked.
      if (host !== null) this.send(host, { type: 'cohost.end', roomID: this.ports.roomID, reason: 'left' });
      this.ports.stopLive();
      this.reset();
      const why = wordsOf(error);
      this.events.emit('notice', {
        zh: format(GUEST_TEXT.goLiveFailed.zh, { why: why.zh }),
        en: format(GUEST_TEXT.goLiveFailed.en, { why: why.en }),
      });
      return;
    }
    if (this.phase !== 'joining' || this.requestID !== requestID) return;
    this.setPhase('cohost');
  }

  private reset(): void {
    this.ports.timers.cancel(TIMER);
    this.requestID = '';
    this.hostName = '';
    this.setPhase('idle');
  }

  private setPhase(phase: GuestPhase): void {
    if (this.phase === phase && phase !== 'invited') return;
    this.phase = phase;
    this.events.emit('state', this.state);
  }

  private send(to: string, message: CohostMessage): void {
    this.ports.send(to, message).catch((error: unknown) => console.warn('co-host signal not sent', error));
  }

  private notice(text: Bilingual, params: Record<string, string | number> = {}): void {
    this.events.emit('notice', { zh: format(text.zh, params), en: format(text.en, params) });
  }
}

function wordsOf(error: unknown): Bilingual {
  if (typeof error === 'object' && error !== null && 'en' in error && 'zh' in error) {
    const { zh, en } = error as { zh: unknown; en: unknown };
    return { zh: String(zh), en: String(en) };
  }
  const text = error instanceof Error ? error.message : String(error);
  return { zh: text, en: text };
}
