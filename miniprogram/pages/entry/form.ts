/** The entry form's rules as plain functions: what each field says is wrong, and whether Join is enabled. */
import { checkId, checkNickname, type Role } from '../../core/ids';
import { format } from '../../core/i18n';
import type { LinkResult } from '../../core/deep-link';
import type { LiveScope } from '../../core/permissions';
import type { EntryLabels } from './strings';

export function roomIdError(raw: string, labels: EntryLabels): string {
  const checked = checkId(raw);
  if (checked.ok) return '';
  return { empty: labels.idEmpty, too_long: labels.idTooLong, bad_chars: labels.idBadChars }[checked.problem];
}

export function nicknameError(raw: string, labels: EntryLabels): string {
  const checked = checkNickname(raw);
  if (checked.ok) return '';
  return checked.problem === 'empty' ? labels.nicknameEmpty : labels.nicknameTooLong;
}

export function canJoin(form: { roomID: string; nickname: string; role: Role | '' }): boolean {
  return checkId(form.roomID).ok && checkNickname(form.nickname).ok && form.role !== '';
}

export function linkErrorText(result: LinkResult, labels: EntryLabels): string {
  if (result.kind !== 'invalid') return '';
  return { bad_room_id: labels.linkBadRoom, bad_role: labels.linkBadRole, bad_scene: labels.linkBadScene }[
    result.reason
  ];
}

export function permissionHint(denied: LiveScope[], labels: EntryLabels): string {
  const names = denied.map((s) => (s === 'scope.camera' ? labels.camera : labels.microphone));
  return format(labels.permissionHint, { scopes: names.join(labels.and) });
}
