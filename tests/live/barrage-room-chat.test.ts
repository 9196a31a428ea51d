import { BarrageRoomChat } from '../../miniprogram/live/services/barrage-room-chat';
import type { RoomComment } from '../../miniprogram/live/services/room-chat';
import { RoomService } from '../../miniprogram/live/services/room-service';
import { FakePlatform } from '../fakes/fake-platform';
import { ManualClock } from '../fakes/manual-clock';
import { FakeTokenProvider } from '../fakes/test-tokens';
import { FakeZegoCloud } from '../fakes/zego-cloud';

const flush = async () => {
  for (let i = 0; i < 6; i += 1) await new Promise((resolve) => setTimeout(resolve, 0));
};

function member(cloud: FakeZegoCloud, userID: string) {
  const service = new RoomService(
    {
      Engine: cloud.Engine,
      appID: cloud.appID,
      servers: ['wss://fake'],
      tokens: new FakeTokenProvider(),
      clock: new ManualClock(),
      platform: new FakePlatform(),
    },
    {
      roomID: 'room1',
      userID,
      userName: userID.toUpperCase(),
      role: 'audience',
      wxContext: { setData: () => undefined },
    },
  );
  const chat = new BarrageRoomChat(service, { userID, userName: userID.toUpperCase() });
  const received: RoomComment[] = [];
  const states: string[] = [];
  chat.on('comment', (c) => received.push(c));
  chat.on('commentState', (c) => states.push(`${c.id}:${c.state}`));
  return { service, chat, received, states };
}

describe('BarrageRoomChat (Express barrage behind the RoomChat interface)', () => {
  it('delivers comments to the others in the room and settles my own as sent', async () => {
    const cloud = new FakeZegoCloud();
    const ann = member(cloud, 'ann');
    const bob = member(cloud, 'bob');
    await ann.service.join();
    await bob.service.join();
    await ann.chat.enter();
    await bob.chat.enter();
    await flush();
    const sent = ann.chat.send('  hello  ');
    expect(sent).toMatchObject({ text: 'hello', state: 'sending', mine: true });
    await flush();
    expect(ann.states).toEqual([`${sent.id}:sent`]);
    expect(bob.received.map((c) => [c.fromUserName, c.text, c.mine])).toEqual([['ANN', 'hello', false]]);
    expect(ann.received).toEqual([]);
  });

  it('a send before the room is joined fails and can be retried', async () => {
    const cloud = new FakeZegoCloud();
    const ann = member(cloud, 'ann');
    await ann.chat.enter();
    const sent = ann.chat.send('early');
    await flush();
    expect(ann.states).toEqual([`${sent.id}:failed`]);
    await ann.service.join();
    await flush();
    ann.chat.retry(sent.id);
    await flush();
    expect(ann.states).toEqual([`${sent.id}:failed`, `${sent.id}:sending`, `${sent.id}:sent`]);
  });

  it('rejects empty and over-long comments', () => {
    const cloud = new FakeZegoCloud();
    const ann = member(cloud, 'ann');
    expect(() => ann.chat.send('   ')).toThrow();
    expect(() => ann.chat.send('字'.repeat(400))).toThrow();
  });
});
