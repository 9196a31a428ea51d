/**
 * A fake ZIM cloud that several fake ZIM clients (one per "phone") talk to. It behaves as the real
 * service does where our app can tell: Token04 login checked by decryption with the test secret,
 * peer and room delivery with `on(name, (zim, data) => …)` callbacks of the real shapes, history
 * pages, conversations with unread counts, the rate limits (6000004 in the SDK for more than 10 sends
 * in a second, 6000005 on the server for sends under 100 ms apart), the size limits (6000001), dropped
 * connections that come back and replay, token expiry (tokenWillExpire 30 s before, then
 * Disconnected/TokenExpired) and kick-out.
 *
 * Time runs on setTimeout/Date.now, so tests drive it with Jest's fake timers.
 */
import { decodeToken04, generateToken04 } from '../../server/src/token04';
import type { ZimClient, ZimModule } from '../../miniprogram/live/services/chat/zim-client';
import { FakeZimClient } from './fake-zim-client';

export const TEST_APP_ID = 1739272706;
export const TEST_SECRET = 'fa94dd0f974cf2e293728a526b028271';

export function zimTokenFor(
  userID: string,
  options: { effectiveSeconds?: number; secret?: string; appID?: number } = {},
): string {
  return generateToken04({
    appId: options.appID ?? TEST_APP_ID,
    userId: userID,
    secret: options.secret ?? TEST_SECRET,
    effectiveTimeInSeconds: options.effectiveSeconds ?? 3600,
    payload: '',
  });
}

export interface StoredMessage {
  messageID: string;
  localMessageID: string;
  messageSeq: number;
  senderUserID: string;
  /** Peer: the receiver's user ID; room: the room ID. */
  to: string;
  conversationType: 0 | 1;
  type: number;
  message: string | Uint8Array;
  timestamp: number;
}

export interface ConversationEntry {
  unread: number;
  last: StoredMessage | null;
  orderKey: number;
}

export interface ZimError {
  code: number;
  message: string;
}

export const fail = (code: number, message: string): ZimError => ({ code, message });

export class FakeZimCloud {
  /** One-way network latency, milliseconds. */
  latencyMs = 20;
  textLimitBytes = 2 * 1024;
  commandLimitBytes = 5 * 1024;
  readonly sessions = new Map<string, FakeZimClient>();
  readonly loginAttempts = new Map<string, number>();
  readonly peerLog = new Map<string, StoredMessage[]>();
  readonly conversations = new Map<string, Map<string, ConversationEntry>>();
  readonly rooms = new Map<string, Map<string, string>>();
  /** Every rate-limit error handed out, to prove there were none. */
  readonly rateLimitErrors: { userID: string; code: number }[] = [];
  private seq = 0;

  /** A phone: the module-like `ZIM` (create once, then getInstance). */
  device(): ZimModule & { client(): FakeZimClient | null } {
    let instance: FakeZimClient | null = null;
    return {
      create: (appConfig) => {
        if (instance !== null) return null;
        instance = new FakeZimClient(this, appConfig.appID);
        return instance as ZimClient;
      },
      getInstance: () => instance,
      client: () => instance,
    };
  }

  /** Checks a login token as the cloud would; returns its expiry (unix seconds) or an error. */
  checkToken(appID: number, userID: string, token: string): { expire: number } | ZimError {
    let claims;
    try {
      claims = decodeToken04(token, TEST_SECRET).claims;
    } catch {
      return fail(6000103, 'Token is invalid.');
    }
    if (claims.app_id !== appID || claims.user_id !== userID) return fail(6000103, 'Token is invalid.');
    if (claims.expire * 1000 <= Date.now()) return fail(6000106, 'Token expired.');
    return { expire: claims.expire };
  }

  nextSeq(): number {
    this.seq += 1;
    return this.seq;
  }

  countLogin(userID: string): void {
    this.loginAttempts.set(userID, (this.loginAttempts.get(userID) ?? 0) + 1);
  }

  /** A new login of the same user kicks the older one, as ZIM does. */
  attach(userID: string, client: FakeZimClient): void {
    const previous = this.sessions.get(userID);
    this.sessions.set(userID, client);
    if (previous !== undefined && previous !== client) previous.kick();
  }

  detach(userID: string, client: FakeZimClient): void {
    if (this.sessions.get(userID) === client) this.sessions.delete(userID);
    for (const [roomID, members] of this.rooms) {
      if (members.delete(userID)) this.broadcastMembers(roomID, userID, client.userName, 'roomMemberLeft');
    }
  }

  conversationOf(userID: string, conversationID: string): ConversationEntry {
    let mine = this.conversations.get(userID);
    if (mine === undefined) {
      mine = new Map();
      this.conversations.set(userID, mine);
    }
    let entry = mine.get(conversationID);
    if (entry === undefined) {
      entry = { unread: 0, last: null, orderKey: 0 };
      mine.set(conversationID, entry);
    }
    return entry;
  }

  static peerKey(a: string, b: string): string {
    return a < b ? `${a}|${b}` : `${b}|${a}`;
  }

  /** Stores a peer message and delivers it (and the conversation changes) to both sides. */
  storePeer(message: StoredMessage): void {
    const key = FakeZimCloud.peerKey(message.senderUserID, message.to);
    const log = this.peerLog.get(key) ?? [];
    log.push(message);
    this.peerLog.set(key, log);
    if (message.type === 2) return; // commands are not stored in conversations
    const senderSide = this.conversationOf(message.senderUserID, message.to);
    senderSide.last = message;
    senderSide.orderKey = message.messageSeq;
    const receiverSide = this.conversationOf(message.to, message.senderUserID);
    receiverSide.last = message;
    receiverSide.orderKey = message.messageSeq;
    receiverSide.unread += 1;
    this.sessions.get(message.senderUserID)?.conversationChanged(message.to);
    this.sessions.get(message.to)?.conversationChanged(message.senderUserID);
  }

  deliverPeer(message: StoredMessage): void {
    this.sessions.get(message.to)?.receive('peerMessageReceived', message.senderUserID, [message]);
  }

  deliverRoom(message: StoredMessage): void {
    const members = this.rooms.get(message.to);
    if (members === undefined) return;
    for (const userID of members.keys()) {
      if (userID !== message.senderUserID)
        this.sessions.get(userID)?.receive('roomMessageReceived', message.to, [message]);
    }
  }

  broadcastMembers(
    roomID: string,
    userID: string,
    userName: string,
    event: 'roomMemberJoined' | 'roomMemberLeft',
  ): void {
    const members = this.rooms.get(roomID);
    if (members === undefined) return;
    for (const other of members.keys()) {
      if (other !== userID) this.sessions.get(other)?.memberEvent(event, roomID, userID, userName);
    }
  }

  // ---- test controls ----

  client(userID: string): FakeZimClient {
    const client = this.sessions.get(userID);
    if (client === undefined) throw new Error(`${userID} is not logged in`);
    return client;
  }

  dropConnection(userID: string): void {
    this.client(userID).drop();
  }

  restoreConnection(userID: string): void {
    this.client(userID).restore();
  }

  /** The connection stays down until ZIM gives up (Disconnected, LoginInterrupted). */
  giveUp(userID: string): void {
    this.client(userID).giveUp();
  }

  kickOut(userID: string): void {
    this.client(userID).kick();
  }

  /** Messages between two users, oldest first, as stored by the cloud. */
  peerMessages(a: string, b: string): StoredMessage[] {
    return (this.peerLog.get(FakeZimCloud.peerKey(a, b)) ?? []).slice();
  }

  /** Seeds history as if sent earlier (no delivery, no unread). */
  seedPeerHistory(from: string, to: string, texts: string[], startTime: number, stepMs = 1000): void {
    texts.forEach((text, i) => {
      const seq = this.nextSeq();
      const message: StoredMessage = {
        messageID: `seed-${seq}`,
        localMessageID: `seed-local-${seq}`,
        messageSeq: seq,
        senderUserID: i % 2 === 0 ? from : to,
        to: i % 2 === 0 ? to : from,
        conversationType: 0,
        type: 1,
        message: text,
        timestamp: startTime + i * stepMs,
      };
      const key = FakeZimCloud.peerKey(from, to);
      const log = this.peerLog.get(key) ?? [];
      log.push(message);
      this.peerLog.set(key, log);
      for (const [self, other] of [
        [from, to],
        [to, from],
      ] as const) {
        const entry = this.conversationOf(self, other);
        entry.last = message;
        entry.orderKey = seq;
      }
    });
  }
}
