/**
 * The interactive half of a room visit, between the page and RoomService: co-hosting (CohostHost on
 * the host's phone, CohostGuest on everyone else's), the token service calls that go with it (approve,
 * revoke, heartbeat, end room), the room info the host edits, and the host's end of the room. It never
 * calls setData and imports no SDK: signalling, admin calls, tokens and permissions are injected.
 */
import type { ErrorInfo } from '../../core/errors';
import type { Bilingual } from '../../core/i18n';
import type { Role } from '../../core/ids';
import { ensurePermissions, scopesForRole, type PermissionApi } from '../../core/permissions';
import type { RoomLease } from '../../core/room-admin-client';
import type { TokenProvider } from '../../core/token-provider';
import { CohostGuest, type GuestState } from './cohost-guest';
import { CohostHost, type Cohost, type PendingCohost } from './cohost-host';
import type { CohostSignal } from './cohost-protocol';
import { Emitter } from './emitter';
import { defaultRoomInfo, type RoomInfoDraft } from './room-info';
import type { RoomService } from './room-service';
import type { Clock } from './room-types';
import { Timers } from './timers';

/** The token service's room calls (RoomAdminClient in the app). */
export interface RoomAdmin {
  heartbeat(roomID: string, hostUserID: string): Promise<RoomLease>;
  approveCohost(roomID: string, hostUserID: string, userID: string): Promise<RoomLease>;
  revokeCohost(roomID: string, hostUserID: string, userID: string): Promise<RoomLease>;
  endRoom(roomID: string, hostUserID: string): Promise<void>;
}

export interface InteractiveDeps {
  service: RoomService;
  signal: CohostSignal;
  admin: RoomAdmin;
  tokens: TokenProvider;
  permissions: PermissionApi;
  clock: Clock;
  self: { roomID: string; userID: string; userName: string; role: Role };
  /** How often the host renews its ownership of the room (the lease is several minutes). */
  heartbeatMs?: number;
  /** How long a host waits for the room's existing info before writing its own default. */
  infoWaitMs?: number;
}

export interface InteractiveEvents {
  pending: (list: PendingCohost[]) => void;
  cohosts: (list: Cohost[]) => void;
  guest: (state: GuestState) => void;
  notice: (text: Bilingual) => void;
}

export const HEARTBEAT_MS = 60_000;
const INFO_WAIT_MS = 1000;

export const PERMISSION_NEEDED: Bilingual = {
  zh: '上麦需要摄像头和麦克风权限，请在设置中打开',
  en: 'Going on camera needs the camera and microphone; allow them in Settings',
};

export class InteractiveRoom {
  private readonly events = new Emitter<InteractiveEvents>('interactive');
  private readonly timers: Timers;
  readonly host: CohostHost | null = null;
  readonly guest: CohostGuest | null = null;
  private readonly unsubscribe: Array<() => void> = [];
  private requestSeq = 0;
  private wentLive = false;
  private closed = false;
  /** The first publisher we saw: the host, when the room info has not told us yet. */
  private firstPublisher: string | null = null;

  constructor(private readonly deps: InteractiveDeps) {
    this.timers = new Timers(deps.clock);
    const { service, signal, self } = deps;
    const newRequestID = () => `${self.userID}-${deps.clock.now().toString(36)}-${(this.requestSeq += 1)}`;
    if (self.role === 'host') {
      const host = new CohostHost({
        roomID: self.roomID,
        hostName: self.userName,
        send: (to, message) => signal.send(to, message),
        approve: async (userID) => {
          await deps.admin.approveCohost(self.roomID, self.userID, userID);
        },
        revoke: async (userID) => {
          await deps.admin.revokeCohost(self.roomID, self.userID, userID);
        },
        timers: this.timers,
        newRequestID,
      });
      this.host = host;
      this.unsubscribe.push(
        signal.on((from, message) => host.onMessage(from, message)),
        host.on('pending', (list) => this.events.emit('pending', list)),
        host.on('cohosts', (list) => this.events.emit('cohosts', list)),
        host.on('notice', (text) => this.events.emit('notice', text)),
        service.on('memberLeft', (userID) => host.memberLeft(userID)),
      );
    } else {
      const guest = new CohostGuest({
        roomID: self.roomID,
        userName: self.userName,
        hostUserID: () => this.hostUserID(),
        send: (to, message) => signal.send(to, message),
        goLive: () => this.goLive(),
        stopLive: () => service.stage.leaveStage(),
        mute: () => service.controls?.setMic(false),
        timers: this.timers,
        newRequestID,
      });
      this.guest = guest;
      this.unsubscribe.push(
        signal.on((from, message) => guest.onMessage(from, message)),
        guest.on('state', (state) => this.events.emit('guest', state)),
        guest.on('notice', (text) => this.events.emit('notice', text)),
        service.on('memberLeft', (userID) => {
          if (userID === this.hostUserID()) guest.hostLeft();
        }),
        service.on('streamAdded', (stream) => {
          if (this.firstPublisher === null) this.firstPublisher = stream.userID;
        }),
        service.on('state', (state) => {
          if (state.phase === 'ended' || state.phase === 'host-left') guest.hostLeft();
        }),
      );
    }
    this.unsubscribe.push(service.on('state', (state) => this.onPhase(state.phase)));
  }

  on<K extends keyof InteractiveEvents>(event: K, handler: InteractiveEvents[K]): () => void {
    return this.events.on(event, handler);
  }

  /** Who to ask: the room info names the host; before it arrives, whoever published first. */
  hostUserID(): string | null {
    return this.deps.service.stage.roomInfo?.hostUserID ?? this.firstPublisher;
  }

  // ---- host ------------------------------------------------------------------------------------

  private onPhase(phase: string): void {
    if (phase !== 'live' || this.wentLive || this.deps.self.role !== 'host') return;
    this.wentLive = true;
    const { roomID, userID, userName } = this.deps.self;
    // A returning host finds its room info still there; a new room gets the default.
    this.timers.after(
      this.deps.infoWaitMs ?? INFO_WAIT_MS,
      () => {
        const existing = this.deps.service.stage.roomInfo;
        // Ours from an earlier visit: kept. Another host's, or an ended room's: replaced.
        if (existing !== null && existing.hostUserID === userID && !existing.ended) return;
        const info = defaultRoomInfo(userID, userName);
        this.deps.service.stage
          .publishInfo(info, { mixing: false, ended: false })
          .catch((error: ErrorInfo) => this.notice(error));
      },
      'room-info',
    );
    const beat = () => {
      this.deps.admin
        .heartbeat(roomID, userID)
        .then(() => undefined)
        .catch((error: unknown) => this.heartbeatFailed(error))
        .finally(() => {
          if (!this.closed) this.timers.after(this.deps.heartbeatMs ?? HEARTBEAT_MS, beat, 'heartbeat');
        });
    };
    this.timers.after(this.deps.heartbeatMs ?? HEARTBEAT_MS, beat, 'heartbeat');
  }

  /** The host edits the room info; returns the reason in words when it was not saved. */
  async saveRoomInfo(draft: RoomInfoDraft): Promise<Bilingual | null> {
    try {
      await this.deps.service.stage.publishInfo(draft);
      return null;
    } catch (error) {
      return words(error);
    }
  }

  /**
   * End the room for everyone: pending requests refused, co-hosts told, the room info flagged
   * "ended" (every viewer leaves on it, newcomers too), the mixer stopped, ownership released.
   */
  async endRoom(): Promise<void> {
    if (this.deps.self.role !== 'host' || this.closed) return;
    this.host?.close('room-ended');
    const stage = this.deps.service.stage;
    const info = stage.roomInfo ?? defaultRoomInfo(this.deps.self.userID, this.deps.self.userName);
    await stage.publishInfo(info, { ended: true, mixing: false }).catch((error: unknown) => {
      console.warn('marking the room ended failed', error);
    });
    await stage.stopMixing();
    await this.deps.admin
      .endRoom(this.deps.self.roomID, this.deps.self.userID)
      .catch((error: unknown) => console.warn('ending the room at the token service failed', error));
    await this.leave();
  }

  // ---- audience --------------------------------------------------------------------------------

  /** Permissions first (before the camera starts), then a token that may publish, then publish. */
  private async goLive(): Promise<void> {
    const outcome = await ensurePermissions(scopesForRole('host'), this.deps.permissions);
    if (!outcome.granted) throw PERMISSION_NEEDED;
    const { roomID, userID, userName } = this.deps.self;
    const issued = await this.deps.tokens.getToken(
      { userID, roomID, role: 'cohost', userName },
      { forceRefresh: true },
    );
    await this.deps.service.stage.goOnStage(issued.token);
  }

  // ---- life ------------------------------------------------------------------------------------

  /** Leaving the page: co-hosting ends, requests are withdrawn or refused. Then the room leaves. */
  async leave(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.host?.close('host-left');
    if (this.host !== null) await this.stopMixingBeforeLeaving();
    if (this.guest !== null) {
      this.guest.leaveStage();
      this.guest.cancel();
      this.guest.declineInvite();
    }
    this.timers.cancelAll();
    for (const off of this.unsubscribe.splice(0)) off();
    await this.deps.service.leave();
  }

  /** The audience must not keep waiting for a mix that is gone: stop it and clear the flag first. */
  private async stopMixingBeforeLeaving(): Promise<void> {
    const stage = this.deps.service.stage;
    const info = stage.roomInfo;
    if (stage.mixState.status === 'off' && info?.mixing !== true) return;
    await stage.stopMixing();
    if (info !== null && info.mixing && !info.ended)
      await stage.publishInfo(info, { mixing: false }).catch(() => undefined);
  }

  /**
   * The lease lapsed (a long time in the background, a token-service restart): the room is nobody's,
   * so asking for a host token claims it again. Lost to another host: the host is told. Anything else
   * (network) is tried again on the next beat.
   */
  private async heartbeatFailed(error: unknown): Promise<void> {
    const serverCode = (error as { detail?: { serverCode?: unknown } } | null)?.detail?.serverCode;
    if (this.closed) return;
    if (serverCode === 'not_room_host') {
      // Another user owns the room now: say so rather than fail quietly on every beat.
      this.notice(error);
      return;
    }
    if (serverCode !== 'room_not_found') {
      console.warn('room heartbeat failed', error);
      return;
    }
    const { roomID, userID, userName } = this.deps.self;
    try {
      await this.deps.tokens.getToken({ roomID, userID, userName, role: 'host' }, { forceRefresh: true });
    } catch (reclaimError) {
      // Someone else claimed the room meanwhile: the host is told, in words.
      this.notice(reclaimError);
    }
  }

  private notice(error: unknown): void {
    this.events.emit('notice', words(error));
  }
}

function words(error: unknown): Bilingual {
  if (typeof error === 'object' && error !== null && 'zh' in error && 'en' in error) {
    const { zh, en } = error as { zh: unknown; en: unknown };
    return { zh: String(zh), en: String(en) };
  }
  const text = error instanceof Error ? error.message : String(error);
  return { zh: text, en: text };
}
