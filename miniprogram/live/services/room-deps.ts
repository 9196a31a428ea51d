/**
 * Where the room page gets everything it does not make itself. The defaults are the real ones (the
 * Express SDK, wx, the system clock); tests and the app shell can replace any of them with
 * `provideRoomPageDeps` before the page loads. This is the only file that imports the SDK.
 */
import { ZegoExpressEngine } from 'zego-express-engine-miniprogram';
import type { ZegoExpressEngineConstructor } from '../../../typings/zego-express';
import { configValues } from '../../config.values';
import { wxAlbum, type AlbumApi } from '../../core/album';
import { loadAppConfig } from '../../core/app-config';
import type { ConfigResult } from '../../core/config';
import { wxPermissionApi, type PermissionApi } from '../../core/permissions';
import { sharedTokenClient } from '../../core/shared-token-client';
import { wxStore, type KeyValueStore } from '../../core/storage';
import type { TokenProvider } from '../../core/token-provider';
import { getUserID } from '../../core/user';
import { DevTokenProvider, devTokenFromConfigOrStorage } from './dev-token-provider';
import type { RoomChat } from './room-chat';
import type { RoomService } from './room-service';
import type { Clock, RecoveryPolicy, RoomPlatform } from './room-types';
import { chatService, releaseChatSessionFor } from './chat-session';
import { ZimRoomChat } from './zim-room-chat';
import { ZimCohostSignal } from './zim-cohost-signal';
import type { CohostSignal } from './cohost-protocol';
import type { RoomAdmin } from './interactive-room';
import { RoomAdminClient } from '../../core/room-admin-client';
import { systemClock, wxRoomPlatform } from './wx-platform';

export interface RoomPageDeps {
  config(): ConfigResult;
  userID(): string;
  permissions: PermissionApi;
  tokens(): TokenProvider;
  Engine: ZegoExpressEngineConstructor;
  clock: Clock;
  platform: RoomPlatform;
  /** The comment overlay's channel: ZIM room messages by default. */
  chat(service: RoomService, self: { userID: string; userName: string }): RoomChat;
  recovery?: Partial<RecoveryPolicy>;
  /** Co-host signalling: ZIM peer command messages through the app session's ChatService. */
  signal(): CohostSignal;
  /** The token service's room calls (approve/revoke co-hosts, heartbeat, end room). */
  admin(config: ConfigResult): RoomAdmin;
  /** Where snapshots go (after scope.writePhotosAlbum). */
  album: AlbumApi;
  /** Remembers the playback mode and the last relay address. */
  store: KeyValueStore;
  /** The CDN relay address from config (`cdnRelayUrl` in config.values.ts), '' when none. */
  relayUrl(): string;
  /** The room page is gone: log out of ZIM unless another open page still uses chat. */
  releaseChat(page: object): void;
}

function defaults(): RoomPageDeps {
  return {
    config: loadAppConfig,
    userID: () => getUserID(),
    permissions: wxPermissionApi,
    // A console token pasted for development wins; otherwise the token service (shared with chat).
    tokens: () =>
      devTokenFromConfigOrStorage() !== undefined
        ? new DevTokenProvider(devTokenFromConfigOrStorage)
        : sharedTokenClient(),
    // The shipped typings are broken (see typings/zego-express.d.ts): ours describe the same class.
    Engine: ZegoExpressEngine as unknown as ZegoExpressEngineConstructor,
    clock: systemClock,
    platform: wxRoomPlatform,
    // ZIM room messaging, through the app session's ChatService (BarrageRoomChat is the fallback).
    chat: (_service, self) => new ZimRoomChat(chatService(), self),
    signal: () => new ZimCohostSignal(chatService()),
    admin: (config) =>
      new RoomAdminClient({
        tokenUrl: config.ok ? config.config.tokenUrl : '',
        authMode: config.ok ? config.config.authMode : 'dev',
      }),
    album: wxAlbum,
    store: wxStore,
    relayUrl: () => {
      const value = (configValues as { cdnRelayUrl?: unknown }).cdnRelayUrl;
      return typeof value === 'string' ? value.trim() : '';
    },
    releaseChat: (page) =>
      void releaseChatSessionFor(page, typeof getCurrentPages === 'function' ? getCurrentPages() : []),
  };
}

let overrides: Partial<RoomPageDeps> = {};

export function provideRoomPageDeps(partial: Partial<RoomPageDeps>): void {
  overrides = { ...partial };
}

export function resetRoomPageDeps(): void {
  overrides = {};
}

export function roomPageDeps(): RoomPageDeps {
  return { ...defaults(), ...overrides };
}
