/**
 * Turns RoomService and RoomChat events into the smallest setData the page can make: by path, one
 * tile / member / comment at a time, never a whole growing list. No wx and no SDK here.
 */
import type { ErrorInfo } from '../../../core/errors';
import type { Lang } from '../../../core/i18n';
import type { RoomChat, RoomComment } from '../../services/room-chat';
import type { RoomService } from '../../services/room-service';
import type { LocalMedia, RoomState } from '../../services/room-types';
import { text } from './strings';
import { isSafeKey } from './view-model';

/** Comments shown at once; older ones scroll away. */
export const MAX_COMMENTS = 50;

export interface RoomViewData {
  tileCount: number;
  detailStream: string;
  self: Pick<LocalMedia, 'micOn' | 'cameraOn' | 'frontCamera' | 'beauty' | 'whiteness'>;
  comments: RoomComment[];
}

export interface RoomView {
  readonly data: RoomViewData;
  setData(patch: Record<string, unknown>): void;
}

export interface ViewContext {
  lang: Lang;
  /** Comment id → index in `comments`, for state updates by path. */
  commentIndex: Map<string, number>;
  /** Called with the first remote stream's user: the host's name for the share card. */
  onHostName(name: string): void;
  onState(state: RoomState): void;
}

export function bindServiceToView(view: RoomView, service: RoomService, ctx: ViewContext): Array<() => void> {
  return [
    service.on('state', (state) => ctx.onState(state)),
    service.on('streamAdded', (s) => {
      ctx.onHostName(s.userName);
      if (!isSafeKey(s.streamID)) return;
      view.setData({
        [`tiles.${s.streamID}`]: { name: s.userName, cameraOn: s.cameraOn, micOn: s.micOn },
        tileCount: view.data.tileCount + 1,
      });
    }),
    service.on('streamUpdated', (s) => {
      if (!isSafeKey(s.streamID)) return;
      view.setData({ [`tiles.${s.streamID}.cameraOn`]: s.cameraOn, [`tiles.${s.streamID}.micOn`]: s.micOn });
    }),
    service.on('streamRemoved', (streamID) => {
      if (!isSafeKey(streamID)) return;
      view.setData({
        [`tiles.${streamID}`]: null,
        [`stats.${streamID}`]: null,
        tileCount: Math.max(0, view.data.tileCount - 1),
        ...(view.data.detailStream === streamID ? { detailStream: '' } : {}),
      });
    }),
    service.on('localMedia', (media) => {
      const patch: Record<string, unknown> = {};
      for (const key of ['micOn', 'cameraOn', 'frontCamera', 'beauty', 'whiteness'] as const) {
        if (view.data.self[key] !== media[key]) patch[`self.${key}`] = media[key];
      }
      if (Object.keys(patch).length > 0) view.setData(patch);
    }),
    service.on('quality', (streamID, quality) => {
      if (isSafeKey(streamID)) view.setData({ [`stats.${streamID}`]: { ...quality } });
    }),
    service.on('memberJoined', (m) => {
      if (isSafeKey(m.userID)) view.setData({ [`members.${m.userID}`]: m.userName });
    }),
    service.on('memberLeft', (userID) => {
      if (isSafeKey(userID)) view.setData({ [`members.${userID}`]: null });
    }),
    service.on('memberCount', (n) =>
      view.setData({ memberCount: n, memberCountText: text('memberCount', ctx.lang, { n }) }),
    ),
    // A camera/mic that failed to open (-1301/-1302, refused) needs the Settings button, not just words.
    service.on('notice', (info: ErrorInfo) =>
      view.setData({ notice: info[ctx.lang], noticeOpensSettings: info.action === 'open-settings' }),
    ),
  ];
}

export function bindChatToView(view: RoomView, chat: RoomChat, ctx: ViewContext): Array<() => void> {
  return [
    chat.on('comment', (comment) => appendComment(view, ctx, comment)),
    chat.on('commentState', (comment) => {
      const index = ctx.commentIndex.get(comment.id);
      if (index !== undefined) view.setData({ [`comments[${index}].state`]: comment.state });
    }),
  ];
}

export function appendComment(view: RoomView, ctx: ViewContext, comment: RoomComment): void {
  const list = view.data.comments;
  if (list.length >= MAX_COMMENTS * 2) {
    // A rare, bounded trim; every other update appends by path.
    const kept = list.slice(-MAX_COMMENTS);
    ctx.commentIndex.clear();
    kept.forEach((c, i) => ctx.commentIndex.set(c.id, i));
    view.setData({ comments: kept });
  }
  const index = view.data.comments.length;
  ctx.commentIndex.set(comment.id, index);
  view.setData({ [`comments[${index}]`]: comment });
}
