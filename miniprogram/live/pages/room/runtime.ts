/** What a room page holds besides its view data: the services of this visit and how to undo them. */
import type { Lang } from '../../../core/i18n';
import type { Role } from '../../../core/ids';
import type { InteractiveRoom } from '../../services/interactive-room';
import type { RoomChat } from '../../services/room-chat';
import type { RoomService } from '../../services/room-service';

export interface Runtime {
  lang: Lang;
  roomID: string;
  role: Role;
  userID: string;
  userName: string;
  service: RoomService | null;
  /** Co-hosting, room info, host controls (interactive-room.ts). */
  interactive: InteractiveRoom | null;
  chat: RoomChat | null;
  unsubscribe: Array<() => void>;
  leaving: Promise<void> | null;
  navigatedAway: boolean;
  hostName: string;
  commentIndex: Map<string, number>;
}

/** Keyed by page instance: a page can be open twice in the stack. */
export const runtimes = new WeakMap<object, Runtime>();
