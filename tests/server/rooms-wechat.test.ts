/** @jest-environment node */
import { userIdForOpenid } from '../../server/src/wechat-auth';
import { errorCode, publishBit } from './room-harness';
import { freshRoom } from './room-rules';
import { send, startWechatModeServer, type FakeWechat, type RunningServer } from './token-server-harness';

const USER_ID_KEY = 'rooms-user-id-key-0123456789';

describe('room calls in wechat mode: the host is whoever the wx.login code says', () => {
  let wechat: FakeWechat;
  let server: RunningServer;
  const aliceID = userIdForOpenid('openid-alice', USER_ID_KEY);
  const bobID = userIdForOpenid('openid-bob', USER_ID_KEY);

  beforeAll(async () => {
    ({ wechat, server } = await startWechatModeServer(
      { 'code-alice': 'openid-alice', 'code-bob': 'openid-bob' },
      USER_ID_KEY,
    ));
  });
  afterAll(async () => {
    await server.close();
    await wechat.close();
  });

  const token = (code: string, roomID: string, role: string) =>
    send(`${server.baseUrl}/v1/token`, { body: { code, roomID, role } });
  const rooms = (path: string, init: Parameters<typeof send>[1]) =>
    send(`${server.baseUrl}/v1/rooms${path}`, init);

  it('lets the host approve, revoke and end with its login code, and nobody else', async () => {
    const room = freshRoom();
    expect(publishBit(await token('code-alice', room, 'host'), aliceID, room)).toBe(1);
    expect(errorCode(await token('code-bob', room, 'host'), 403)).toBe('room_owned');
    expect(errorCode(await token('code-bob', room, 'cohost'), 403)).toBe('cohost_not_approved');

    const byBob = await rooms(`/${room}/cohosts`, { body: { code: 'code-bob', userID: bobID } });
    expect(errorCode(byBob, 403)).toBe('not_room_host');
    // Claiming to be the host does not help: the code decides who is asking.
    const posing = await rooms(`/${room}/cohosts`, {
      body: { code: 'code-bob', hostUserID: aliceID, userID: bobID },
    });
    expect(errorCode(posing, 403)).toBe('forbidden_user');

    const approved = await rooms(`/${room}/cohosts`, { body: { code: 'code-alice', userID: bobID } });
    expect(approved).toMatchObject({ status: 200, body: { hostUserID: aliceID, cohostUserIDs: [bobID] } });
    expect(publishBit(await token('code-bob', room, 'cohost'), bobID, room)).toBe(1);

    const beat = await rooms(`/${room}/heartbeat`, { body: { code: 'code-alice', hostUserID: aliceID } });
    expect(beat.status).toBe(200);
    expect(
      (await rooms(`/${room}/cohosts/${bobID}`, { method: 'DELETE', body: { code: 'code-alice' } })).status,
    ).toBe(200);
    expect(errorCode(await token('code-bob', room, 'cohost'), 403)).toBe('cohost_not_approved');
    expect(await rooms(`/${room}`, { method: 'DELETE', body: { code: 'code-alice' } })).toMatchObject({
      status: 200,
      body: { ended: true },
    });
    expect(publishBit(await token('code-bob', room, 'host'), bobID, room)).toBe(1);
  });

  it('requires a login code, and refuses one WeChat rejects', async () => {
    const room = freshRoom();
    await token('code-alice', room, 'host');
    const withoutCode = await rooms(`/${room}/heartbeat`, { body: { hostUserID: aliceID } });
    expect(errorCode(withoutCode, 400)).toBe('invalid_request');
    const forged = await rooms(`/${room}/heartbeat`, { body: { code: 'forged-code' } });
    expect(errorCode(forged, 401)).toBe('invalid_code');
  });
});
