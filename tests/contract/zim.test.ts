/**
 * Contract between ChatService and the REAL ZIM bundle (zego-zim-miniprogram 2.29.0), loaded in Jest.
 *
 * The real `on()` stores any name without complaint (it returns undefined for a typo too), so "the
 * bundle accepts the event" is checked two ways: the listener lands in the real event bus under that
 * name, and the bundle actually emits that name (a string literal in its event table, or the
 * `"peer"/"room" + "MessageReceived"` composition it uses for conversation messages). The last tests
 * prove these checks catch a misspelled method or event name.
 */
import fs from 'fs';
import path from 'path';
import 'miniprogram-simulate';
import * as zimRuntime from 'zego-zim-miniprogram';
import {
  ZimConnectionEvent,
  ZimConnectionState,
  ZimConversationEvent,
  ZimConversationType,
  ZimMessageDirection,
  ZimMessagePriority,
  ZimMessageType,
} from '../../miniprogram/core/zim-codes';
import { ChatService } from '../../miniprogram/live/services/chat-service';
import {
  ZIM_EVENTS_USED,
  ZIM_METHODS_USED,
  type ZimClient,
} from '../../miniprogram/live/services/chat/zim-client';
import { FakeZimCloud, TEST_APP_ID } from '../fakes/fake-zim-cloud';
import { FakeTokenProvider } from '../fakes/fake-token-provider';

const { ZIM } = zimRuntime;
const bundleSource = fs.readFileSync(
  path.join(__dirname, '../../node_modules/zego-zim-miniprogram/index.js'),
  'utf8',
);

/** Event names the bundle can emit. */
function emittableEvents(source: string): Set<string> {
  const literals = new Set(Array.from(source.matchAll(/"([a-z][A-Za-z]+)"/g), (m) => m[1] as string));
  if (/toLowerCase\(\)\+"MessageReceived"/.test(source) && /"Peer"/.test(source) && /"Room"/.test(source)) {
    literals.add('peerMessageReceived');
    literals.add('roomMessageReceived');
  }
  return literals;
}

function missingEvents(names: readonly string[]): string[] {
  const known = emittableEvents(bundleSource);
  return names.filter((name) => !known.has(name));
}

function missingMethods(instance: object, names: readonly string[]): string[] {
  return names.filter((name) => typeof (instance as Record<string, unknown>)[name] !== 'function');
}

/** The real instance's private event bus: where `on()` files listeners. */
function registeredNames(instance: object): string[] {
  const bus = (instance as { engine?: { bus?: { listenerMap?: Map<string, unknown> } } }).engine?.bus;
  if (!(bus?.listenerMap instanceof Map))
    throw new Error('the ZIM bundle no longer keeps listeners in engine.bus.listenerMap');
  return Array.from(bus.listenerMap.keys());
}

describe('ZIM contract (real bundle)', () => {
  const real = ZIM.create({ appID: TEST_APP_ID });

  it('create works once; later calls return null and getInstance returns the same instance', () => {
    expect(real).not.toBeNull();
    expect(ZIM.create({ appID: TEST_APP_ID })).toBeNull();
    expect(ZIM.getInstance()).toBe(real);
  });

  it('has every method ChatService calls', () => {
    expect(missingMethods(real as object, ZIM_METHODS_USED)).toEqual([]);
  });

  it('the fake ZIM client offers the same methods, so tests exercise the real surface', () => {
    const fake = new FakeZimCloud().device().create({ appID: TEST_APP_ID });
    expect(fake).not.toBeNull();
    expect(missingMethods(fake as object, ZIM_METHODS_USED)).toEqual([]);
  });

  it('ZIM_METHODS_USED lists every method ChatService really calls (recorded over a full session)', async () => {
    jest.useFakeTimers({ now: new Date('2026-03-01T08:00:00Z') });
    try {
      const cloud = new FakeZimCloud();
      const called = new Set<string>();
      const device = cloud.device();
      const recorded = {
        create: (config: { appID: number }) => {
          const client = device.create(config);
          if (client === null) return null;
          return new Proxy(client, {
            get(target, property, receiver) {
              const value = Reflect.get(target, property, receiver) as unknown;
              if (typeof value !== 'function' || typeof property !== 'string') return value;
              called.add(property);
              // Bound to the target so the fake's own internal calls are not recorded as ours.
              return (value as (...args: unknown[]) => unknown).bind(target);
            },
          }) as ZimClient;
        },
        getInstance: () => null,
      };
      const tokens = new FakeTokenProvider();
      tokens.effectiveSeconds = 100;
      const service = new ChatService({ zim: recorded, appID: TEST_APP_ID, userID: 'alice', tokens });
      const peer = new ChatService({
        zim: cloud.device(),
        appID: TEST_APP_ID,
        userID: 'bob',
        tokens: new FakeTokenProvider(),
      });
      const settle = async (p: Promise<unknown>) => {
        let done = false;
        void p.finally(() => (done = true)).catch(() => undefined);
        while (!done) await jest.advanceTimersByTimeAsync(10);
        return p;
      };
      await settle(peer.ensureLoggedIn());
      await settle(service.refreshConversations());
      service.sendText('bob', 'peer', 'hi');
      await settle(service.sendCommand('bob', { type: 'ping' }));
      await settle(service.loadOlder('bob'));
      service.openConversation('bob');
      await settle(service.enterRoom('room1'));
      await settle(service.leaveRoom());
      await jest.advanceTimersByTimeAsync(80_000); // tokenWillExpire → renewToken
      service.logout();
      const used: readonly string[] = ZIM_METHODS_USED;
      expect(Array.from(called).filter((name) => !used.includes(name))).toEqual([]);
      expect(used.filter((name) => !called.has(name))).toEqual([]);
    } finally {
      jest.useRealTimers();
    }
  });

  it('the bundle emits every event name ChatService registers', () => {
    expect(missingEvents(ZIM_EVENTS_USED)).toEqual([]);
  });

  it('ChatService registers exactly those names on the real instance, and a failed login does not loop', async () => {
    const tokens = { requests: 0, getToken: async () => ({ token: '04abc', userID: 'alice', expiresAt: 0 }) };
    const getToken = tokens.getToken;
    tokens.getToken = async () => {
      tokens.requests += 1;
      return getToken();
    };
    const service = new ChatService({
      zim: ZIM,
      appID: TEST_APP_ID,
      userID: 'alice',
      tokens,
      log: () => undefined,
    });
    await expect(service.ensureLoggedIn()).rejects.toThrow(/token is not valid/i);
    expect(service.connection()).toMatchObject({ status: 'disconnected', reason: 'login_failed' });
    expect(registeredNames(real as object).sort()).toEqual([...ZIM_EVENTS_USED].sort());
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(tokens.requests).toBe(1);
  });

  it('our literal constants equal the enums the runtime exports; the missing ones are still missing', () => {
    const runtime = zimRuntime as unknown as Record<string, Record<string, number> | undefined>;
    const pairs: [string, Record<string, number>][] = [
      ['ZIMConnectionState', ZimConnectionState],
      ['ZIMConnectionEvent', ZimConnectionEvent],
      ['ZIMConversationType', ZimConversationType],
      ['ZIMConversationEvent', ZimConversationEvent],
      ['ZIMMessageType', ZimMessageType],
      ['ZIMMessageDirection', ZimMessageDirection],
      ['ZIMMessagePriority', ZimMessagePriority],
    ];
    for (const [name, ours] of pairs) {
      for (const [key, value] of Object.entries(ours))
        expect([name, key, runtime[name]?.[key]]).toEqual([name, key, value]);
    }
    expect(runtime.ZIMErrorCode).toBeUndefined();
    expect(runtime.ZIMMessageQueryMode).toBeUndefined();
  });

  it('no app file reads a runtime-missing enum from the bundle', () => {
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = `${dir}/${entry.name}`;
        if (entry.isDirectory() && entry.name !== 'miniprogram_npm') walk(full);
        else if (entry.name.endsWith('.ts')) {
          const text = fs.readFileSync(full, 'utf8');
          const valueImport = /import\s+\{([^}]*)\}\s+from\s+'zego-zim-miniprogram'/g;
          for (const match of text.matchAll(valueImport)) {
            if (/\b(ZIMErrorCode|ZIMMessageQueryMode|ZIMMediaFileType)\b/.test(match[1] ?? ''))
              offenders.push(full);
          }
        }
      }
    };
    walk(`${__dirname}/../../miniprogram`);
    expect(offenders).toEqual([]);
  });

  it('the checks can fail: a misspelled method or event name is caught', () => {
    expect(missingMethods(real as object, ['sendMessage', 'sendMesage', 'sendPeerMessage'])).toEqual([
      'sendMesage',
      'sendPeerMessage',
    ]);
    expect(
      missingEvents([
        'peerMessageReceived',
        'peerMesageReceived',
        'roomMessageRecieved',
        'onTokenWillExpire',
      ]),
    ).toEqual(['peerMesageReceived', 'roomMessageRecieved', 'onTokenWillExpire']);
  });
});
