/** Co-host signalling over the real ChatService and the fake ZIM cloud: JSON in, the same message out. */
import type { CohostMessage } from '../../miniprogram/live/services/cohost-protocol';
import { ZimCohostSignal } from '../../miniprogram/live/services/zim-cohost-signal';
import { FakeZimCloud, phone, run, useChatClock, advance } from '../chat/chat-harness';

describe('ZimCohostSignal over ZIM peer command messages', () => {
  beforeEach(() => useChatClock());
  afterEach(() => jest.useRealTimers());

  it('a request reaches the host once, parsed; a malformed co-host command and other command types are ignored', async () => {
    const cloud = new FakeZimCloud();
    const host = phone(cloud, 'host1');
    const viewer = phone(cloud, 'viewer_a');
    const received: Array<[string, CohostMessage]> = [];
    new ZimCohostSignal(host.service).on((from, message) => received.push([from, message]));
    const signal = new ZimCohostSignal(viewer.service);
    await run(host.service.ensureLoggedIn());
    const request: CohostMessage = {
      type: 'cohost.request',
      roomID: 'room1',
      requestID: 'r1',
      userName: 'Ann',
    };
    await run(signal.send('host1', request));
    // Not a co-host message: ignored by the signal (it is still a valid command for ChatService).
    await run(viewer.service.sendCommand('host1', { type: 'cohost.grant', roomID: 'room1' }));
    await run(viewer.service.sendCommand('host1', { type: 'typing' }));
    await advance(1000);
    expect(received).toEqual([['viewer_a', request]]);
    expect(cloud.peerMessages('viewer_a', 'host1').map((m) => m.type)).toEqual([2, 2, 2]);
  });

  it('subscribing logs in to ZIM, so a host without a comment channel still hears requests', async () => {
    const cloud = new FakeZimCloud();
    const host = phone(cloud, 'host1');
    new ZimCohostSignal(host.service).on(() => undefined);
    await advance(2000);
    expect(host.service.connection().status).toBe('connected');
  });
});
