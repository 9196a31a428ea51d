/**
 * The room's info for newcomers (title, host user ID, pinned notice text + link) and two room-wide
 * flags (mixing on, room ended), kept in Express room extra info under ONE key. Pure: no wx, no SDK.
 *
 * Why one key: Express accepts one room-extra-info key per room by default (a second key fails with
 * 1002017), key ≤10 bytes, value ≤128 bytes (sdk-notes). One compact JSON array under "info" keeps
 * every update atomic (a newcomer never sees a new title with an old notice). The 128-byte budget is
 * shared by title, notice and link, so it is checked here, before any SDK call, with words that say
 * how far over it is.
 */
import { format, type Bilingual } from '../../core/i18n';
import { checkId } from '../../core/ids';
import { utf8ByteLength } from './chat/utf8';

export const ROOM_INFO_KEY = 'info';
export const ROOM_INFO_MAX_BYTES = 128;
/** Characters, not bytes: a title longer than this does not fit on the page's bar anyway. */
export const TITLE_MAX_CHARS = 30;

const FLAG_ENDED = 1;
const FLAG_MIXING = 2;

export interface RoomInfo {
  title: string;
  hostUserID: string;
  notice: string;
  link: string;
  /** The host started a mixer task: `${roomID}_mix` can be played with isMix. */
  mixing: boolean;
  /** The host ended the room for everyone. */
  ended: boolean;
}

export interface RoomInfoDraft {
  title: string;
  notice: string;
  link: string;
}

export type RoomInfoProblem =
  'title_empty' | 'title_too_long' | 'link_without_notice' | 'link_invalid' | 'too_large' | 'host_invalid';

export type RoomInfoCheck =
  { ok: true; info: RoomInfo; value: string } | { ok: false; problem: RoomInfoProblem; message: Bilingual };

const PROBLEM_TEXT: Record<RoomInfoProblem, Bilingual> = {
  title_empty: { zh: '请填写房间标题', en: 'Give the room a title' },
  title_too_long: {
    zh: '标题最多 {max} 个字',
    en: 'The title can be at most {max} characters',
  },
  link_without_notice: {
    zh: '链接需要配一段公告文字',
    en: 'A link needs notice text to go with it',
  },
  link_invalid: {
    zh: '链接需以 https:// 开头，或是以 / 开头的小程序页面路径',
    en: 'The link must start with https:// or be a mini-program path starting with /',
  },
  too_large: {
    zh: '房间信息共 {bytes} 字节，超过上限 {max} 字节（一个汉字占 3 字节），请缩短标题、公告或链接',
    en: 'The room info is {bytes} bytes, over the {max}-byte limit (a Chinese character takes 3); shorten the title, notice or link',
  },
  host_invalid: { zh: '主播用户 ID 不正确', en: 'The host user ID is not valid' },
};

function problem(kind: RoomInfoProblem, params: Record<string, string | number> = {}): RoomInfoCheck {
  const text = PROBLEM_TEXT[kind];
  return { ok: false, problem: kind, message: { zh: format(text.zh, params), en: format(text.en, params) } };
}

export function encodeRoomInfo(info: RoomInfo): string {
  const flags = (info.ended ? FLAG_ENDED : 0) | (info.mixing ? FLAG_MIXING : 0);
  const fields: Array<string | number> = [info.title, info.hostUserID, info.notice, info.link, flags];
  return JSON.stringify(fields);
}

/** A peer's value: anything malformed is null (never throws). */
export function decodeRoomInfo(value: unknown): RoomInfo | null {
  if (typeof value !== 'string' || value === '') return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return null;
  }
  if (!Array.isArray(parsed)) return null;
  const [title, hostUserID, notice, link, flags] = parsed as unknown[];
  if (typeof title !== 'string' || typeof hostUserID !== 'string') return null;
  const bits = typeof flags === 'number' && Number.isInteger(flags) ? flags : 0;
  return {
    title,
    hostUserID,
    notice: typeof notice === 'string' ? notice : '',
    link: typeof link === 'string' ? link : '',
    mixing: (bits & FLAG_MIXING) !== 0,
    ended: (bits & FLAG_ENDED) !== 0,
  };
}

function isValidLink(link: string): boolean {
  if (/\s/.test(link)) return false;
  return /^https:\/\/[^/]+\.[^/]+/.test(link) || /^\/[A-Za-z0-9_\-/]+(\?.*)?$/.test(link);
}

/** Validates an edit (or any change of flags) and returns the exact value to store. */
export function checkRoomInfo(
  draft: RoomInfoDraft,
  hostUserID: string,
  flags: { mixing: boolean; ended: boolean } = { mixing: false, ended: false },
): RoomInfoCheck {
  const title = draft.title.trim();
  const notice = draft.notice.trim();
  const link = draft.link.trim();
  if (!checkId(hostUserID).ok) return problem('host_invalid');
  if (title === '') return problem('title_empty');
  if (Array.from(title).length > TITLE_MAX_CHARS) return problem('title_too_long', { max: TITLE_MAX_CHARS });
  if (link !== '' && notice === '') return problem('link_without_notice');
  if (link !== '' && !isValidLink(link)) return problem('link_invalid');
  const info: RoomInfo = { title, hostUserID, notice, link, ...flags };
  const value = encodeRoomInfo(info);
  const bytes = utf8ByteLength(value);
  if (bytes > ROOM_INFO_MAX_BYTES) return problem('too_large', { bytes, max: ROOM_INFO_MAX_BYTES });
  return { ok: true, info, value };
}

/** The room info a host starts with: its name as the title, shortened until it fits the budget. */
export function defaultRoomInfo(hostUserID: string, hostName: string): RoomInfo {
  let chars = Array.from(hostName.trim() || hostUserID).slice(0, TITLE_MAX_CHARS);
  const info = (): RoomInfo => ({
    title: chars.join(''),
    hostUserID,
    notice: '',
    link: '',
    mixing: false,
    ended: false,
  });
  while (chars.length > 1 && utf8ByteLength(encodeRoomInfo(info())) > ROOM_INFO_MAX_BYTES)
    chars = chars.slice(0, -1);
  return info();
}
