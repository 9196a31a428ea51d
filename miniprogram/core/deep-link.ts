/**
 * Reads a room link: page query (`roomID`, `role`) or a QR code's `scene` (URL-encoded, e.g.
 * `r%3Dabc%26role%3Daudience`, or a bare room ID). Every value is validated like typed input;
 * a bad link yields a reason the page can show above the entry form, never a blank page.
 */
import { checkId, parseRole, type IdProblem, type Role } from './ids';

export interface RoomLink {
  roomID: string;
  role: Role;
}

export type LinkResult =
  | { kind: 'none' }
  | { kind: 'room'; link: RoomLink }
  | { kind: 'invalid'; reason: 'bad_room_id' | 'bad_role' | 'bad_scene'; detail?: IdProblem };

/** A query value as the user typed it: decoded when it was URL-encoded, as is when it cannot be. */
export function decodeQueryValue(value: unknown): string {
  if (typeof value !== 'string') return '';
  return safeDecode(value) ?? value;
}

function safeDecode(value: string): string | null {
  try {
    return decodeURIComponent(value);
  } catch {
    return null;
  }
}

/** `scene` is at most 32 visible characters, so QR codes carry `r=<roomID>&ro=a|h` or just the room ID. */
function sceneToQuery(scene: string): Record<string, string> | null {
  const decoded = safeDecode(scene);
  if (decoded === null) return null;
  if (!decoded.includes('=')) return { roomID: decoded };
  const out: Record<string, string> = {};
  for (const pair of decoded.split('&')) {
    const [key = '', value = ''] = pair.split('=');
    const name = key === 'r' ? 'roomID' : key === 'ro' ? 'role' : key;
    const roleValue =
      name === 'role' ? ({ a: 'audience', h: 'host' } as Record<string, string>)[value] : undefined;
    out[name] = roleValue ?? value;
  }
  return out;
}

export function parseRoomLink(query: Record<string, string | undefined> | undefined): LinkResult {
  if (query === undefined) return { kind: 'none' };
  let source: Record<string, string | undefined> = query;
  if (typeof query.scene === 'string' && query.scene !== '' && query.roomID === undefined) {
    const fromScene = sceneToQuery(query.scene);
    if (fromScene === null) return { kind: 'invalid', reason: 'bad_scene' };
    source = fromScene;
  }
  const rawRoom = source.roomID;
  if (rawRoom === undefined || rawRoom === '') return { kind: 'none' };
  const decodedRoom = safeDecode(rawRoom);
  const room = checkId(decodedRoom);
  if (!room.ok) return { kind: 'invalid', reason: 'bad_room_id', detail: room.problem };
  const rawRole = source.role;
  const role = rawRole === undefined || rawRole === '' ? 'audience' : parseRole(safeDecode(rawRole));
  if (role === null) return { kind: 'invalid', reason: 'bad_role' };
  return { kind: 'room', link: { roomID: room.value, role } };
}

export function roomPagePath(link: RoomLink, userName?: string): string {
  const params = [`roomID=${encodeURIComponent(link.roomID)}`, `role=${link.role}`];
  if (userName !== undefined && userName !== '') params.push(`userName=${encodeURIComponent(userName)}`);
  return `/live/pages/room/index?${params.join('&')}`;
}
