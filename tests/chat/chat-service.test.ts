import { encodeUtf8 } from '../../miniprogram/live/services/chat/utf8';
import { advance, FakeZimCloud, phone, run, texts, useChatClock } from './chat-harness';

beforeEach(() => useChatClock());
afterEach(() => jest.useRealTimers());

describe('ChatService over the fake ZIM cloud', () => {
  it('A sends to B and B receives it; the sender sees sending → sent with the server ID', async () => {
    const cloud = new FakeZimCloud();
    const a = phone(cloud, 'alice');
    const b = phone(cloud, 'bob');
    await run(b.service.ensureLoggedIn());
    const sent = a.service.sendText('bob', 'peer', '  hello bob  ');
    expect(sent.ok).toBe(true);
    if (!sent.ok) return;
    expect(sent.message.state).toBe('sending');
    expect(sent.message.text).toBe('hello bob');
    await advance(500);
    const mine = a.service.messages('bob');
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ state: 'sent', mine: true, key: sent.message.key });
    expect(mine[0]?.messageID).not.toBe('');
    expect(texts(b.service.messages('alice'))).toEqual(['hello bob']);
    expect(b.service.messages('alice')[0]).toMatchObject({ mine: false, fromUserID: 'alice' });
    expect(b.received.map((m) => m.messageID)).toEqual([mine[0]?.messageID]);
  });

  it("B's unread count rises with each message and clears when B opens the conversation", async () => {
    const cloud = new FakeZimCloud();
    const a = phone(cloud, 'alice');
    const b = phone(cloud, 'bob');
    await run(b.service.refreshConversations());
    a.service.sendText('bob', 'peer', 'one');
    a.service.sendText('bob', 'peer', 'two');
    a.service.sendText('bob', 'peer', 'three');
    await advance(1000);
    const before = b.service.conversations().find((c) => c.conversationID === 'alice');
    expect(before).toMatchObject({ unread: 3, lastText: 'three' });

    b.service.openConversation('alice');
    expect(b.service.conversations().find((c) => c.conversationID === 'alice')?.unread).toBe(0);
    await advance(200);
    expect(cloud.conversationOf('bob', 'alice').unread).toBe(0);
    // A fresh list from the cloud agrees: the clear reached the server.
    await run(b.service.refreshConversations());
    expect(b.service.conversations().find((c) => c.conversationID === 'alice')?.unread).toBe(0);

    // While open, new messages do not count as unread.
    a.service.sendText('bob', 'peer', 'four');
    await advance(500);
    expect(cloud.conversationOf('bob', 'alice').unread).toBe(0);
    b.service.closeConversation('alice');
    a.service.sendText('bob', 'peer', 'five');
    await advance(500);
    expect(b.service.conversations().find((c) => c.conversationID === 'alice')?.unread).toBe(1);
  });

  it('pages history 20 at a time, older first, without duplicates even with live messages in between', async () => {
    const cloud = new FakeZimCloud();
    const start = Date.now() - 3_600_000;
    cloud.seedPeerHistory(
      'alice',
      'bob',
      Array.from({ length: 45 }, (_, i) => `m${i}`),
      start,
    );
    const a = phone(cloud, 'alice');
    const b = phone(cloud, 'bob');
    await run(b.service.ensureLoggedIn());
    // A live message arrives before the first page is loaded: it must not appear twice.
    a.service.sendText('bob', 'peer', 'live');
    await advance(500);
    expect(await run(b.service.loadOlder('alice'))).toBe(19); // 20 newest stored = 19 seeded + 'live' (already there)
    expect(texts(b.service.messages('alice'))).toEqual([
      ...Array.from({ length: 19 }, (_, i) => `m${i + 26}`),
      'live',
    ]);
    expect(await run(b.service.loadOlder('alice'))).toBe(20);
    expect(b.service.hasOlder('alice')).toBe(true);
    expect(await run(b.service.loadOlder('alice'))).toBe(6);
    expect(b.service.hasOlder('alice')).toBe(false);
    expect(await run(b.service.loadOlder('alice'))).toBe(0);
    const all = b.service.messages('alice');
    expect(texts(all)).toEqual([...Array.from({ length: 45 }, (_, i) => `m${i}`), 'live']);
    expect(new Set(all.map((m) => m.messageID)).size).toBe(all.length);
  });

  it('a burst of 50 arrives complete, in order, with zero rate-limit errors', async () => {
    const cloud = new FakeZimCloud();
    const a = phone(cloud, 'alice');
    const b = phone(cloud, 'bob');
    await run(b.service.ensureLoggedIn());
    const burst = Array.from({ length: 50 }, (_, i) => `burst ${i}`);
    for (const text of burst) expect(a.service.sendText('bob', 'peer', text).ok).toBe(true);
    await advance(10_000);
    expect(cloud.rateLimitErrors).toEqual([]);
    expect(texts(b.service.messages('alice'))).toEqual(burst);
    expect(cloud.peerMessages('alice', 'bob').map((m) => m.message)).toEqual(burst);
    expect(a.service.messages('bob').every((m) => m.state === 'sent')).toBe(true);
  });

  it('the fake cloud does punish a client that ignores the pace (so the burst test can fail)', async () => {
    const cloud = new FakeZimCloud();
    const a = phone(cloud, 'alice');
    await run(a.service.ensureLoggedIn());
    const client = a.device.client();
    if (client === null) throw new Error('no client');
    const results = await run(
      Promise.allSettled(
        Array.from({ length: 12 }, (_, i) =>
          client.sendMessage({ type: 1, message: `x${i}` } as never, 'bob', 0, { priority: 2 }),
        ),
      ),
    );
    await advance(100);
    expect(results.filter((r) => r.status === 'rejected').length).toBeGreaterThan(0);
    expect(cloud.rateLimitErrors.map((e) => e.code)).toEqual(expect.arrayContaining([6000004, 6000005]));
  });

  it('10 messages queued during a disconnect wait, then all go out in order on reconnect', async () => {
    const cloud = new FakeZimCloud();
    const a = phone(cloud, 'alice');
    const b = phone(cloud, 'bob');
    await run(Promise.all([a.service.ensureLoggedIn(), b.service.ensureLoggedIn()]));
    cloud.dropConnection('alice');
    expect(a.service.connection().status).toBe('reconnecting');
    const queued = Array.from({ length: 10 }, (_, i) => `offline ${i}`);
    for (const text of queued) a.service.sendText('bob', 'peer', text);
    await advance(5000);
    expect(b.service.messages('alice')).toHaveLength(0);
    expect(a.service.messages('bob').every((m) => m.state === 'sending')).toBe(true);
    cloud.restoreConnection('alice');
    await advance(5000);
    expect(texts(b.service.messages('alice'))).toEqual(queued);
    expect(a.service.messages('bob').map((m) => m.state)).toEqual(Array(10).fill('sent'));
    expect(cloud.rateLimitErrors).toEqual([]);
  });

  it('when ZIM gives up reconnecting, the network coming back logs in once and the waiting messages go out', async () => {
    const cloud = new FakeZimCloud();
    const a = phone(cloud, 'alice');
    const b = phone(cloud, 'bob');
    await run(Promise.all([a.service.ensureLoggedIn(), b.service.ensureLoggedIn()]));
    cloud.giveUp('alice');
    expect(a.service.connection()).toMatchObject({
      status: 'disconnected',
      reason: 'network',
      stopped: false,
    });
    a.service.sendText('bob', 'peer', 'w1');
    a.service.sendText('bob', 'peer', 'w2');
    await advance(2000);
    expect(cloud.loginAttempts.get('alice')).toBe(2); // sending is a user action: one login attempt
    // A kick-out or expiry would have stopped that; here the session is simply back.
    expect(texts(b.service.messages('alice'))).toEqual(['w1', 'w2']);
    cloud.giveUp('alice');
    a.service.resume();
    a.service.resume();
    await advance(500);
    expect(cloud.loginAttempts.get('alice')).toBe(3);
    expect(a.service.connection().status).toBe('connected');
  });

  it('messages that wait too long fail visibly, and retry resends the same message exactly once', async () => {
    const cloud = new FakeZimCloud();
    const a = phone(cloud, 'alice', { queue: { waitTimeoutMs: 10_000 } });
    const b = phone(cloud, 'bob');
    await run(Promise.all([a.service.ensureLoggedIn(), b.service.ensureLoggedIn()]));
    cloud.dropConnection('alice');
    const sent = a.service.sendText('bob', 'peer', 'stuck');
    if (!sent.ok) throw new Error('not queued');
    await advance(11_000);
    const failed = a.service.messages('bob')[0];
    expect(failed?.state).toBe('failed');
    expect(failed?.error?.en).toMatch(/tap to retry/);
    cloud.restoreConnection('alice');
    await advance(1000);
    expect(b.service.messages('alice')).toHaveLength(0); // failed means not sent, not sent later behind the user's back
    expect(a.service.retry(sent.message.key)).toBe(true);
    expect(a.service.retry(sent.message.key)).toBe(false); // a second tap on retry does nothing
    await advance(1000);
    expect(a.service.messages('bob')).toHaveLength(1);
    expect(a.service.messages('bob')[0]).toMatchObject({ key: sent.message.key, state: 'sent' });
    expect(texts(b.service.messages('alice'))).toEqual(['stuck']);
    expect(cloud.peerMessages('alice', 'bob')).toHaveLength(1);
  });

  it('a retry after a lost acknowledgement does not deliver the message twice', async () => {
    const cloud = new FakeZimCloud();
    const a = phone(cloud, 'alice', { queue: { attemptTimeoutMs: 1000 } });
    const b = phone(cloud, 'bob');
    await run(Promise.all([a.service.ensureLoggedIn(), b.service.ensureLoggedIn()]));
    cloud.latencyMs = 3000; // the server stores it, the ack comes after the attempt timed out
    const sent = a.service.sendText('bob', 'peer', 'slow');
    if (!sent.ok) throw new Error('not queued');
    await advance(1100);
    expect(a.service.messages('bob')[0]?.state).toBe('failed');
    cloud.latencyMs = 20;
    a.service.retry(sent.message.key);
    await advance(8000);
    expect(cloud.peerMessages('alice', 'bob')).toHaveLength(1);
    expect(texts(b.service.messages('alice'))).toEqual(['slow']);
    expect(a.service.messages('bob')[0]?.state).toBe('sent');
  });

  it('a double tap (same client key) sends once', async () => {
    const cloud = new FakeZimCloud();
    const a = phone(cloud, 'alice');
    const b = phone(cloud, 'bob');
    await run(b.service.ensureLoggedIn());
    const first = a.service.sendText('bob', 'peer', 'once', 'draft-1');
    const second = a.service.sendText('bob', 'peer', 'once', 'draft-1');
    expect(first.ok && second.ok && first.message.key === second.message.key).toBe(true);
    await advance(1000);
    expect(texts(b.service.messages('alice'))).toEqual(['once']);
    expect(cloud.peerMessages('alice', 'bob')).toHaveLength(1);
  });

  it('an empty or over-long message gets a clear error and nothing is sent', async () => {
    const cloud = new FakeZimCloud();
    const a = phone(cloud, 'alice');
    const empty = a.service.sendText('bob', 'peer', '   \n ');
    expect(empty).toEqual({ ok: false, error: { zh: '请输入消息内容', en: 'Type a message first' } });
    const long = a.service.sendText('bob', 'peer', '好'.repeat(683)); // 2049 bytes
    expect(long.ok).toBe(false);
    if (!long.ok) expect(long.error.en).toBe('The message is too long: 2049 bytes, at most 2048');
    expect(a.service.sendText('bob', 'peer', '好'.repeat(682)).ok).toBe(true); // 2046 bytes fits
    expect(a.service.sendText('bad id!', 'peer', 'hi').ok).toBe(false);
    expect(a.service.sendText('alice', 'peer', 'me').ok).toBe(false);
    await advance(1000);
    expect(cloud.peerMessages('alice', 'bob').map((m) => (m.message as string).length)).toEqual([682]);
    expect(a.service.messages('bob')).toHaveLength(1);
  });

  it('renews the token when ZIM says it will expire, and stays connected past the old expiry', async () => {
    const cloud = new FakeZimCloud();
    const a = phone(cloud, 'alice');
    a.tokens.effectiveSeconds = 120;
    await run(a.service.ensureLoggedIn());
    await advance(95_000); // tokenWillExpire fires 30 s before expiry
    expect(a.tokens.requests.map((r) => r.forceRefresh)).toEqual([false, true]);
    expect(a.device.client()?.calls).toContain('renewToken');
    await advance(60_000); // past the first token's expiry
    expect(a.service.connection().status).toBe('connected');
    expect(cloud.loginAttempts.get('alice')).toBe(1);
  });

  it('without renewal the token expires: the user is told, nothing logs in again', async () => {
    const cloud = new FakeZimCloud();
    const a = phone(cloud, 'alice');
    a.tokens.effectiveSeconds = 120;
    await run(a.service.ensureLoggedIn());
    a.tokens.failNext = { code: 500, message: 'token service down' };
    await advance(125_000);
    expect(a.service.connection()).toMatchObject({
      status: 'disconnected',
      reason: 'token_expired',
      stopped: true,
    });
    expect(a.notices.at(-1)).toMatch(/expired/);
    expect(a.service.sendText('bob', 'peer', 'hi').ok).toBe(false);
    await advance(60_000);
    expect(cloud.loginAttempts.get('alice')).toBe(1);
  });

  it('kicked out: pending messages fail, the user gets a message, and there is no re-login', async () => {
    const cloud = new FakeZimCloud();
    const a = phone(cloud, 'alice');
    await run(a.service.ensureLoggedIn());
    cloud.dropConnection('alice');
    a.service.sendText('bob', 'peer', 'pending');
    cloud.kickOut('alice');
    expect(a.service.connection()).toMatchObject({ reason: 'kicked_out', stopped: true });
    expect(a.notices).toEqual(['Your account signed in to chat on another device; this one is signed out']);
    expect(a.service.messages('bob')[0]?.state).toBe('failed');
    const again = a.service.sendText('bob', 'peer', 'after');
    expect(again.ok).toBe(false);
    await expect(run(a.service.loadOlder('bob'))).rejects.toThrow(/another device/);
    await advance(120_000);
    expect(cloud.loginAttempts.get('alice')).toBe(1);
    // Only the user's explicit request signs in again, once.
    await run(a.service.signInAgain());
    expect(a.service.connection().status).toBe('connected');
    expect(cloud.loginAttempts.get('alice')).toBe(2);
  });

  it('a second phone logging in as the same user kicks the first', async () => {
    const cloud = new FakeZimCloud();
    const first = phone(cloud, 'alice');
    const second = phone(cloud, 'alice');
    await run(first.service.ensureLoggedIn());
    await run(second.service.ensureLoggedIn());
    expect(first.service.connection().reason).toBe('kicked_out');
    expect(second.service.connection().status).toBe('connected');
  });

  it('a bad token fails the login with a clear reason and is not retried', async () => {
    const cloud = new FakeZimCloud();
    const a = phone(cloud, 'alice');
    a.tokens.getToken = async () => ({ token: '04AAAA', userID: 'alice', expiresAt: 0 });
    await expect(run(a.service.ensureLoggedIn())).rejects.toThrow(/not valid/);
    expect(a.service.connection()).toMatchObject({ status: 'disconnected', reason: 'login_failed' });
    await advance(60_000);
    expect(cloud.loginAttempts.get('alice')).toBe(1);
  });

  it('a token service failure is reported in its own words, and the next user action tries once more', async () => {
    const cloud = new FakeZimCloud();
    const a = phone(cloud, 'alice');
    a.tokens.failNext = { zh: '登录服务暂时不可用', en: 'The token service is unavailable' };
    await expect(run(a.service.ensureLoggedIn())).rejects.toThrow('The token service is unavailable');
    expect(a.service.connection().message?.en).toBe('The token service is unavailable');
    expect(cloud.loginAttempts.get('alice')).toBeUndefined();
    a.service.sendText('bob', 'peer', 'hi');
    await advance(500);
    expect(a.service.connection().status).toBe('connected');
    expect(a.service.messages('bob')[0]?.state).toBe('sent');
  });

  it('ignores (and logs) a malformed command from a peer, and delivers a good one', async () => {
    const cloud = new FakeZimCloud();
    const a = phone(cloud, 'alice');
    const b = phone(cloud, 'bob');
    await run(Promise.all([a.service.ensureLoggedIn(), b.service.ensureLoggedIn()]));
    const commands: unknown[] = [];
    b.service.on('command', (c) => commands.push(c.payload));
    const raw = a.device.client();
    raw?.rawCommand('bob', encodeUtf8('{not json'));
    raw?.rawCommand('bob', new Uint8Array([0xff, 0xfe]));
    raw?.rawCommand('bob', encodeUtf8('[1,2]'));
    await advance(500);
    await run(a.service.sendCommand('bob', { type: 'cohost.invite', roomID: 'r1' }));
    await advance(500);
    expect(commands).toEqual([{ type: 'cohost.invite', roomID: 'r1' }]);
    expect(b.logs.filter((l) => /ignored/.test(l))).toHaveLength(3);
    expect(b.service.messages('alice')).toHaveLength(0);
  });

  it('rejects an oversized command before sending', async () => {
    const cloud = new FakeZimCloud();
    const a = phone(cloud, 'alice');
    await expect(run(a.service.sendCommand('bob', { type: 'x', blob: 'y'.repeat(6000) }))).rejects.toThrow(
      /too long/,
    );
    expect(cloud.peerMessages('alice', 'bob')).toHaveLength(0);
  });

  it('de-duplicates messages replayed after a reconnect', async () => {
    const cloud = new FakeZimCloud();
    const a = phone(cloud, 'alice');
    const b = phone(cloud, 'bob');
    await run(Promise.all([a.service.ensureLoggedIn(), b.service.ensureLoggedIn()]));
    a.service.sendText('bob', 'peer', 'before drop');
    await advance(500);
    cloud.dropConnection('bob');
    a.service.sendText('bob', 'peer', 'while away');
    await advance(500);
    cloud.restoreConnection('bob'); // replays 'before drop', then delivers 'while away'
    await advance(500);
    expect(texts(b.service.messages('alice'))).toEqual(['before drop', 'while away']);
    expect(b.received).toHaveLength(2);
  });

  it('room: enter, comments to the others, member joined/left notices, leave', async () => {
    const cloud = new FakeZimCloud();
    const host = phone(cloud, 'host');
    const viewer = phone(cloud, 'viewer');
    const members: string[] = [];
    host.service.on('roomMember', (e) => members.push(`${e.kind}:${e.userID}`));
    await run(host.service.enterRoom('room1', 'Room One'));
    await run(viewer.service.enterRoom('room1'));
    await advance(100);
    viewer.service.sendText('room1', 'room', 'hi host');
    await advance(500);
    expect(texts(host.service.messages('room1', 'room'))).toEqual(['hi host']);
    expect(viewer.service.messages('room1', 'room')[0]?.state).toBe('sent');
    await run(viewer.service.leaveRoom());
    await advance(100);
    expect(members).toEqual(['joined:viewer', 'left:viewer']);
    expect(viewer.service.currentRoom()).toBeNull();
  });

  it('reuses the one ZIM instance (create once, then getInstance) across service objects', async () => {
    const cloud = new FakeZimCloud();
    const a = phone(cloud, 'alice');
    await run(a.service.ensureLoggedIn());
    const { ChatService } = await import('../../miniprogram/live/services/chat-service');
    const again = new ChatService({ zim: a.device, appID: 1, userID: 'alice', tokens: a.tokens });
    await run(again.refreshConversations().catch(() => undefined));
    expect(a.device.create({ appID: 1 })).toBeNull();
    const client = a.device.client();
    expect(client?.listenerCount('peerMessageReceived')).toBe(1);
  });
});
