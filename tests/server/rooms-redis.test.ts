/** @jest-environment node */
import Redis from 'ioredis';
import { buildServer } from '../../server/src/app';
import { DEFAULT_KEY_PREFIX } from '../../server/src/store/redis-room-store';
import { describeWithRedis, freeLoopbackPort, startRedisServer, type RedisUnderTest } from './redis-harness';
import { askToken, errorCode, publishBit, roomCalls } from './room-harness';
import { describeRoomRules, freshRoom } from './room-rules';
import { send, startTokenServer, testConfig, type RunningServer } from './token-server-harness';

const describeRedis = describeWithRedis('token service tests against a real Redis');

describeRedis('token service with REDIS_URL (a real redis-server on loopback)', () => {
  let redis: RedisUnderTest;

  beforeAll(async () => {
    redis = await startRedisServer();
  });
  afterAll(() => redis.stop());

  describeRoomRules('Redis store', () => startTokenServer(testConfig({ redisUrl: redis.url })));

  describe('two instances sharing one Redis', () => {
    let a: RunningServer;
    let b: RunningServer;

    beforeAll(async () => {
      [a, b] = await Promise.all([
        startTokenServer(testConfig({ redisUrl: redis.url })),
        startTokenServer(testConfig({ redisUrl: redis.url })),
      ]);
    });
    afterAll(async () => {
      await Promise.all([a.close(), b.close()]);
    });

    it('lets a co-host approved on one instance fetch a publish token from the other', async () => {
      const room = freshRoom();
      expect(publishBit(await askToken(a.baseUrl, 'alice', room, 'host'), 'alice', room)).toBe(1);
      expect((await roomCalls(a.baseUrl, 'alice').approve(room, 'bob')).status).toBe(200);
      expect(publishBit(await askToken(b.baseUrl, 'bob', room, 'cohost'), 'bob', room)).toBe(1);
      await roomCalls(b.baseUrl, 'alice').revoke(room, 'bob');
      expect(errorCode(await askToken(a.baseUrl, 'bob', room, 'cohost'), 403)).toBe('cohost_not_approved');
    });

    it('refuses a second host claiming the room on the other instance', async () => {
      const room = freshRoom();
      await askToken(a.baseUrl, 'alice', room, 'host');
      expect(errorCode(await askToken(b.baseUrl, 'carol', room, 'host'), 403)).toBe('room_owned');
      expect(publishBit(await askToken(b.baseUrl, 'alice', room, 'host'), 'alice', room)).toBe(1);
      expect((await roomCalls(b.baseUrl, 'alice').end(room)).status).toBe(200);
      expect(publishBit(await askToken(a.baseUrl, 'carol', room, 'host'), 'carol', room)).toBe(1);
    });

    it('gives a room to exactly one of many hosts claiming it at once on both instances', async () => {
      const room = freshRoom();
      const claimants = Array.from({ length: 20 }, (_, i) => `host_${i}`);
      const replies = await Promise.all(
        claimants.map((user, i) => askToken((i % 2 === 0 ? a : b).baseUrl, user, room, 'host')),
      );
      expect(replies.filter((reply) => reply.status === 200)).toHaveLength(1);
      expect(replies.filter((reply) => reply.status === 403)).toHaveLength(19);
    });

    it('counts the co-host limit across instances', async () => {
      const room = freshRoom();
      await askToken(a.baseUrl, 'alice', room, 'host');
      const replies = await Promise.all(
        ['c1', 'c2', 'c3', 'c4', 'c5'].map((user, i) =>
          roomCalls((i % 2 === 0 ? a : b).baseUrl, 'alice').approve(room, user),
        ),
      );
      expect(replies.map((reply) => reply.status).sort()).toEqual([200, 200, 200, 409, 409]);
    });
  });

  describe('keys and leases in Redis', () => {
    let server: RunningServer;
    let client: Redis;

    beforeAll(async () => {
      server = await startTokenServer(testConfig({ redisUrl: redis.url, roomOwnerTtlSeconds: 1 }));
      client = new Redis(redis.url);
    });
    afterAll(async () => {
      await server.close();
      await client.quit();
    });

    it('keeps ownership and approvals under keys that expire with the lease', async () => {
      const room = freshRoom();
      await askToken(server.baseUrl, 'alice', room, 'host');
      await roomCalls(server.baseUrl, 'alice').approve(room, 'bob');
      const base = `${DEFAULT_KEY_PREFIX}room:{${room}}`;
      expect(await client.get(`${base}:host`)).toBe('alice');
      expect(await client.smembers(`${base}:cohosts`)).toEqual(['bob']);
      for (const key of [`${base}:host`, `${base}:cohosts`]) {
        const ttl = await client.pttl(key);
        expect(ttl).toBeGreaterThan(0);
        expect(ttl).toBeLessThanOrEqual(1000);
      }

      await new Promise((resolve) => setTimeout(resolve, 1100));
      expect(await client.exists(`${base}:host`, `${base}:cohosts`)).toBe(0);
      expect(errorCode(await askToken(server.baseUrl, 'bob', room, 'cohost'), 403)).toBe(
        'cohost_not_approved',
      );
      expect(publishBit(await askToken(server.baseUrl, 'carol', room, 'host'), 'carol', room)).toBe(1);
    });
  });

  describe('when Redis is unreachable', () => {
    it('refuses to start, naming REDIS_URL', async () => {
      const closedPort = await freeLoopbackPort();
      await expect(buildServer(testConfig({ redisUrl: `redis://127.0.0.1:${closedPort}` }))).rejects.toThrow(
        /REDIS_URL/,
      );
    });

    it('answers publish requests with 503 JSON (never a token without the check) and keeps serving', async () => {
      const own = await startRedisServer();
      const server = await startTokenServer(testConfig({ redisUrl: own.url }));
      try {
        const room = freshRoom();
        await askToken(server.baseUrl, 'alice', room, 'host');
        await own.stop();
        for (const role of ['host', 'cohost'] as const) {
          const reply = await askToken(server.baseUrl, 'alice', room, role);
          expect(errorCode(reply, 503)).toBe('store_unavailable');
          expect(reply.headers.get('retry-after')).toBe('1');
        }
        expect(errorCode(await roomCalls(server.baseUrl, 'alice').heartbeat(room), 503)).toBe(
          'store_unavailable',
        );
        // Audience tokens need no room state.
        expect(publishBit(await askToken(server.baseUrl, 'viewer', room, 'audience'), 'viewer', room)).toBe(
          0,
        );
        expect((await send(`${server.baseUrl}/healthz`, { method: 'GET' })).status).toBe(200);
      } finally {
        await server.close();
        await own.stop();
      }
    });
  });
});
