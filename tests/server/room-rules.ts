/**
 * The room-ownership and co-host rules, as one suite run against each store (memory, Redis): the
 * rules must not depend on where the state lives. Each test uses rooms of its own, so the suite can
 * share one server.
 */
import { askToken, errorCode, publishBit, roomCalls } from './room-harness';
import type { RunningServer } from './token-server-harness';

let roomCounter = 0;
/** A room no other test has touched. */
export function freshRoom(): string {
  roomCounter += 1;
  return `room-${roomCounter}-${Date.now().toString(36)}`;
}

export function describeRoomRules(label: string, start: () => Promise<RunningServer>): void {
  describe(`room ownership and co-hosts (${label})`, () => {
    let server: RunningServer;
    let base: string;

    beforeAll(async () => {
      server = await start();
      base = server.baseUrl;
    });
    afterAll(() => server.close());

    it('lets the first host own a room, refuses a second host, and lets the owner come back', async () => {
      const room = freshRoom();
      expect(publishBit(await askToken(base, 'alice', room, 'host'), 'alice', room)).toBe(1);
      const second = await askToken(base, 'bob', room, 'host');
      expect(errorCode(second, 403)).toBe('room_owned');
      expect((second.body as { error: { message: string } }).error.message).toMatch(/cohost/);
      expect(publishBit(await askToken(base, 'alice', room, 'host'), 'alice', room)).toBe(1);
    });

    it('gives audience tokens without any approval, and never with publish rights', async () => {
      const room = freshRoom();
      expect(publishBit(await askToken(base, 'viewer', room, 'audience'), 'viewer', room)).toBe(0);
      await askToken(base, 'alice', room, 'host');
      expect(publishBit(await askToken(base, 'viewer', room, 'audience'), 'viewer', room)).toBe(0);
    });

    it('refuses publish rights to a user the host has not approved', async () => {
      const room = freshRoom();
      expect(errorCode(await askToken(base, 'bob', room, 'cohost'), 403)).toBe('cohost_not_approved');
      await askToken(base, 'alice', room, 'host');
      expect(errorCode(await askToken(base, 'bob', room, 'cohost'), 403)).toBe('cohost_not_approved');
    });

    it('gives an approved co-host a publish token until the host revokes the approval', async () => {
      const room = freshRoom();
      const host = roomCalls(base, 'alice');
      await askToken(base, 'alice', room, 'host');
      const approved = await host.approve(room, 'bob');
      expect(approved.status).toBe(200);
      expect(approved.body).toEqual({
        roomID: room,
        hostUserID: 'alice',
        cohostUserIDs: ['bob'],
        cohostLimit: 3,
        leaseExpiresAt: expect.any(Number),
      });
      expect(publishBit(await askToken(base, 'bob', room, 'cohost'), 'bob', room)).toBe(1);
      // An approved co-host is still not the host.
      expect(errorCode(await askToken(base, 'bob', room, 'host'), 403)).toBe('room_owned');
      // The host may use the co-host role too: it can publish anyway.
      expect(publishBit(await askToken(base, 'alice', room, 'cohost'), 'alice', room)).toBe(1);

      const revoked = await host.revoke(room, 'bob');
      expect(revoked).toMatchObject({ status: 200, body: { cohostUserIDs: [] } });
      expect(errorCode(await askToken(base, 'bob', room, 'cohost'), 403)).toBe('cohost_not_approved');
      // Revoking again is harmless.
      expect((await host.revoke(room, 'bob')).status).toBe(200);
    });

    it('limits co-hosts per room with 409, and approving someone twice does not count twice', async () => {
      const room = freshRoom();
      const host = roomCalls(base, 'alice');
      await askToken(base, 'alice', room, 'host');
      for (const user of ['c1', 'c2', 'c3', 'c2']) expect((await host.approve(room, user)).status).toBe(200);
      const full = await host.approve(room, 'c4');
      expect(errorCode(full, 409)).toBe('cohost_limit');
      expect((full.body as { error: { message: string } }).error.message).toMatch(/3 co-hosts/);
      expect(errorCode(await askToken(base, 'c4', room, 'cohost'), 403)).toBe('cohost_not_approved');
      expect((await host.approve(room, 'c3')).status).toBe(200);
      await host.revoke(room, 'c1');
      expect(await host.approve(room, 'c4')).toMatchObject({
        status: 200,
        body: { cohostUserIDs: ['c2', 'c3', 'c4'] },
      });
    });

    it('lets only the host approve, revoke, renew or end', async () => {
      const room = freshRoom();
      await askToken(base, 'alice', room, 'host');
      await roomCalls(base, 'alice').approve(room, 'bob');
      const intruder = roomCalls(base, 'mallory');
      expect(errorCode(await intruder.approve(room, 'mallory_friend'), 403)).toBe('not_room_host');
      expect(errorCode(await intruder.revoke(room, 'bob'), 403)).toBe('not_room_host');
      expect(errorCode(await intruder.heartbeat(room), 403)).toBe('not_room_host');
      expect(errorCode(await intruder.end(room), 403)).toBe('not_room_host');
      expect(errorCode(await askToken(base, 'mallory_friend', room, 'cohost'), 403)).toBe(
        'cohost_not_approved',
      );
      expect(publishBit(await askToken(base, 'bob', room, 'cohost'), 'bob', room)).toBe(1);
    });

    it('answers host calls on a room nobody owns with 404', async () => {
      const room = freshRoom();
      const host = roomCalls(base, 'alice');
      for (const reply of [
        await host.heartbeat(room),
        await host.approve(room, 'bob'),
        await host.revoke(room, 'bob'),
        await host.end(room),
      ]) {
        expect(errorCode(reply, 404)).toBe('room_not_found');
      }
    });

    it('refuses to approve the host as its own co-host', async () => {
      const room = freshRoom();
      await askToken(base, 'alice', room, 'host');
      expect(errorCode(await roomCalls(base, 'alice').approve(room, 'alice'), 400)).toBe('cohost_is_host');
    });

    it('renews the lease on a heartbeat', async () => {
      const room = freshRoom();
      await askToken(base, 'alice', room, 'host');
      const beat = await roomCalls(base, 'alice').heartbeat(room);
      expect(beat).toMatchObject({
        status: 200,
        body: { roomID: room, hostUserID: 'alice', cohostUserIDs: [], leaseExpiresAt: expect.any(Number) },
      });
      expect(beat.headers.get('cache-control')).toBe('no-store');
    });

    it('releases ownership and approvals when the host ends the room', async () => {
      const room = freshRoom();
      const alice = roomCalls(base, 'alice');
      await askToken(base, 'alice', room, 'host');
      await alice.approve(room, 'bob');
      expect(await alice.end(room)).toMatchObject({ status: 200, body: { roomID: room, ended: true } });
      expect(errorCode(await askToken(base, 'bob', room, 'cohost'), 403)).toBe('cohost_not_approved');
      expect(errorCode(await alice.end(room), 404)).toBe('room_not_found');
      // The room is free: a new host owns it, without the old host's approvals.
      expect(publishBit(await askToken(base, 'carol', room, 'host'), 'carol', room)).toBe(1);
      expect(errorCode(await askToken(base, 'bob', room, 'cohost'), 403)).toBe('cohost_not_approved');
      expect(errorCode(await askToken(base, 'alice', room, 'host'), 403)).toBe('room_owned');
    });

    it('keeps rooms apart', async () => {
      const [one, two] = [freshRoom(), freshRoom()];
      await askToken(base, 'alice', one, 'host');
      await roomCalls(base, 'alice').approve(one, 'bob');
      expect(publishBit(await askToken(base, 'bob', two, 'host'), 'bob', two)).toBe(1);
      expect(errorCode(await askToken(base, 'bob', one, 'host'), 403)).toBe('room_owned');
      expect(errorCode(await askToken(base, 'alice', two, 'cohost'), 403)).toBe('cohost_not_approved');
    });
  });
}
