import { ZimRoomChat } from '../../miniprogram/live/services/zim-room-chat';
import type { RoomComment, RoomMemberNotice } from '../../miniprogram/live/services/room-chat';
import { advance, FakeZimCloud, phone, run, useChatClock } from './chat-harness';

beforeEach(() => useChatClock());
afterEach(() => jest.useRealTimers());

describe('ZimRoomChat (RoomChat over ZIM room messages)', () => {
  it('carries comments between room members with send states and member notices', async () => {
    const cloud = new FakeZimCloud();
    const host = new ZimRoomChat(phone(cloud, 'host').service, { userID: 'host', userName: 'Host' });
    const viewer = new ZimRoomChat(phone(cloud, 'viewer').service, { userID: 'viewer', userName: 'Vee' });
    const hostComments: RoomComment[] = [];
    const members: RoomMemberNotice[] = [];
    const viewerStates: string[] = [];
    host.on('comment', (c) => hostComments.push(c));
    host.on('member', (m) => members.push(m));
    viewer.on('commentState', (c) => viewerStates.push(c.state));

    await run(host.enter('room1', 'Room One'));
    await run(viewer.enter('room1'));
    const mine = viewer.send('  hello  ');
    expect(mine).toMatchObject({ text: 'hello', mine: true, state: 'sending', fromUserName: 'Vee' });
    await advance(500);
    expect(viewerStates).toEqual(['sent']);
    expect(hostComments).toHaveLength(1);
    expect(hostComments[0]).toMatchObject({
      text: 'hello',
      fromUserID: 'viewer',
      fromUserName: 'viewer',
      mine: false,
    });
    expect(members).toEqual([{ kind: 'joined', userID: 'viewer', userName: 'viewer' }]);

    await run(viewer.leave());
    await advance(100);
    expect(members.map((m) => m.kind)).toEqual(['joined', 'left']);
  });

  it('refuses an empty or too long comment with words the room page can show', async () => {
    const cloud = new FakeZimCloud();
    const chat = new ZimRoomChat(phone(cloud, 'viewer').service, { userID: 'viewer', userName: 'V' });
    await run(chat.enter('room1'));
    expect(() => chat.send('   ')).toThrow(
      expect.objectContaining({ zh: '请输入消息内容', en: 'Type a message first' }),
    );
    expect(() => chat.send('x'.repeat(3000))).toThrow(/too long/);
  });
});
