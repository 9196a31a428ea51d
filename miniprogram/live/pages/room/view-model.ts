/**
 * Pure decisions for the room page: is the link usable, what the overlay says for each phase,
 * what the share card says. The page only applies the results with setData.
 */
import type { ErrorAction, ErrorInfo } from '../../../core/errors';
import type { Lang } from '../../../core/i18n';
import { checkId, parseRole, type IdProblem, type Role } from '../../../core/ids';
import type { RoomPhase } from '../../services/room-types';
import { text } from './strings';

export type PagePhase = RoomPhase | 'invalid' | 'not-configured';

export type LinkCheck = { ok: true; roomID: string; role: Role } | { ok: false; message: string };

const ID_PROBLEM: Record<IdProblem, 'idEmpty' | 'idTooLong' | 'idBadChars'> = {
  empty: 'idEmpty',
  too_long: 'idTooLong',
  bad_chars: 'idBadChars',
};

function decode(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

export function checkRoomLink(rawRoomID: unknown, rawRole: unknown, lang: Lang): LinkCheck {
  const room = checkId(decode(rawRoomID));
  if (!room.ok)
    return { ok: false, message: text('invalidRoom', lang, { why: text(ID_PROBLEM[room.problem], lang) }) };
  const role = rawRole === undefined || rawRole === '' ? 'audience' : parseRole(decode(rawRole));
  if (role === null) return { ok: false, message: text('invalidRole', lang) };
  return { ok: true, roomID: room.value, role };
}

export interface Overlay {
  /** Empty when the room is simply live. */
  message: string;
  /** Which buttons to show. */
  canRetry: boolean;
  canOpenSettings: boolean;
  canGoBack: boolean;
  /** Someone else hosts this room: offer to enter it as audience. */
  canJoinAsAudience: boolean;
  /** Reconnecting keeps the video under a translucent overlay (last frame kept). */
  blocking: boolean;
}

export interface OverlayInput {
  error?: ErrorInfo;
  attempt?: number;
  /** The invalid-link message, already in words. */
  message?: string;
}

export function overlayFor(phase: PagePhase, lang: Lang, input: OverlayInput = {}): Overlay {
  const { error, attempt } = input;
  const none = {
    canRetry: false,
    canOpenSettings: false,
    canGoBack: false,
    canJoinAsAudience: false,
    blocking: true,
  };
  const reason = error === undefined ? '' : error[lang];
  switch (phase) {
    case 'idle':
    case 'checking':
      return { ...none, message: text('checking', lang) };
    case 'joining':
      return { ...none, message: text('joining', lang) };
    case 'live':
      return { ...none, message: '', blocking: false };
    case 'reconnecting':
      return {
        ...none,
        blocking: false,
        message:
          attempt !== undefined && attempt > 0
            ? text('reconnectingAttempt', lang, { n: attempt })
            : text('reconnecting', lang),
      };
    case 'failed':
      return {
        ...none,
        message: reason === '' ? text('failed', lang) : `${text('failed', lang)}：${reason}`,
        canRetry: actionAllowsRetry(error?.action),
        canOpenSettings: error?.action === 'open-settings',
        canJoinAsAudience: error?.action === 'join-as-audience',
        canGoBack: true,
      };
    case 'host-left':
      return { ...none, message: text('hostLeft', lang), canGoBack: true };
    case 'kicked':
      return { ...none, message: text('kicked', lang), canGoBack: true };
    case 'update-wechat':
      return { ...none, message: text('updateWeChat', lang), canGoBack: true };
    case 'permission-refused':
      return { ...none, message: text('permissionRefused', lang), canOpenSettings: true, canGoBack: true };
    case 'not-configured':
      return { ...none, message: text('notConfigured', lang), canGoBack: true };
    case 'invalid':
      return { ...none, message: input.message ?? reason, canGoBack: true };
    case 'left':
      return { ...none, message: text('left', lang), canGoBack: true };
    case 'ended':
      return { ...none, message: reason === '' ? text('roomEnded', lang) : reason, canGoBack: true };
  }
}

function actionAllowsRetry(action: ErrorAction | undefined): boolean {
  return action === undefined || action === 'retry' || action === 'relogin' || action === 'none';
}

export function shareCard(
  roomID: string,
  hostName: string,
  lang: Lang,
): { title: string; path: string; query: string } {
  const query = `roomID=${encodeURIComponent(roomID)}&role=audience`;
  const title =
    hostName === ''
      ? text('shareTitleNoHost', lang, { room: roomID })
      : text('shareTitle', lang, { name: hostName });
  return { title, path: `/live/pages/room/index?${query}`, query };
}

/** Data paths are split on dots and brackets: only IDs without them can be keys. */
export function isSafeKey(id: string): boolean {
  return /^[A-Za-z0-9_-]{1,256}$/.test(id);
}
