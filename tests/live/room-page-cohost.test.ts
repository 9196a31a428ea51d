/**
 * The real room page, three at once (host, two viewers) on the fake cloud, with co-host signalling on an
 * in-memory ZIM command bus and the token service's room rules: what each user sees and taps.
 */
import { flush } from '../helpers/render-page';
import { FakeCohostBus } from '../fakes/fake-cohost-bus';
import { FakeTokenService } from '../fakes/fake-token-service';
import { FakeZegoCloud } from '../fakes/zego-cloud';
import { openRoom, pusherReports, type OpenOptions, type OpenRoom } from './room-harness';

const HOST_STREAM = 'room1_host1_main';
const A_STREAM = 'room1_viewer_a_main';

function world() {
  const cloud = new FakeZegoCloud();
  const bus = new FakeCohostBus();
  const server = new FakeTokenService();
  const open = (options: OpenOptions) => openRoom(cloud, { bus, server, ...options });
  return { cloud, bus, server, open };
}

async function settle(rooms: OpenRoom[], rounds = 3): Promise<void> {
  for (let i = 0; i < rounds; i += 1) await flush(8);
  void rooms;
}

async function threePhones(w: ReturnType<typeof world>) {
  const host = await w.open({ role: 'host', userID: 'host1', userName: 'Hana' });
  await pusherReports(host, 1002);
  host.clock.advance(1000); // the host writes the default room info
  await flush(8);
  const a = await w.open({ userID: 'viewer_a', userName: 'Ann' });
  const b = await w.open({ userID: 'viewer_b', userName: 'Bob' });
  return { host, a, b };
}

/** The stream IDs of the <live-player>s the page renders (their id attribute, as the SDK needs it). */
const players = (room: OpenRoom): string[] =>
  room.page.findAll('.tile__player').map((el) => {
    const attrs = (el._exparserNode?._vt?.attrs ?? []) as Array<{ name: string; value: unknown }>;
    return String(attrs.find((a) => a.name === 'id')?.value ?? '');
  });

describe('room page: co-hosting, room info and host controls with three phones', () => {
  it('ask → the host sees the name and accepts → publish → everyone sees the new tile → leave the stage', async () => {
    const w = world();
    const { host, a, b } = await threePhones(w);
    expect(a.page.findAll('#local-pusher')).toHaveLength(0);

    await a.page.tap('.control--request');
    await settle([host, a]);
    expect(a.page.text('.controls')).toContain('取消申请');
    expect(host.page.text('.requests')).toContain('Ann');

    await host.page.tap('.request__accept');
    await settle([host, a, b]);
    // The co-host's own camera tile appears and publishing started with a cohost token.
    expect(a.page.find('#local-pusher')).toBeTruthy();
    expect(w.server.calls).toEqual(expect.arrayContaining(['approve viewer_a', 'token viewer_a cohost']));
    expect(a.page.text('.controls')).toContain('下麦');

    await pusherReports(a, 1002);
    await settle([host, a, b]);
    expect(players(host)).toEqual([A_STREAM]);
    expect(players(b).sort()).toEqual([A_STREAM, HOST_STREAM].sort());
    expect(b.page.text('.stage')).toContain('Ann');

    await a.page.tap('.control--leave-stage');
    await settle([host, a, b]);
    expect(players(b)).toEqual([HOST_STREAM]);
    expect(players(host)).toEqual([]);
    expect(w.server.calls).toContain('revoke viewer_a');
  });

  it('decline: the viewer reads why and can ask again', async () => {
    const w = world();
    const { host, a } = await threePhones(w);
    await a.page.tap('.control--request');
    await settle([host, a]);
    await host.page.tap('.request__decline');
    await settle([host, a]);
    expect(a.page.text('.notice')).toContain('主播拒绝了你的连麦申请');
    expect(a.page.findAll('.control--request')).toHaveLength(1);
    expect(host.page.findAll('.request')).toHaveLength(0);
  });

  it('timeout: after 30 s without an answer both pages drop the request', async () => {
    const w = world();
    const { host, a } = await threePhones(w);
    await a.page.tap('.control--request');
    await settle([host, a]);
    a.clock.advance(30_000);
    host.clock.advance(30_000);
    await settle([host, a]);
    expect(a.page.text('.notice')).toContain('主播 30 秒内没有回应');
    expect(a.page.findAll('.control--request')).toHaveLength(1);
    expect(host.page.findAll('.request')).toHaveLength(0);
  });

  it('the host leaves with a request pending: the viewer is told and can no longer wait', async () => {
    const w = world();
    const { host, a } = await threePhones(w);
    await a.page.tap('.control--request');
    await settle([host, a]);
    (wx as unknown as { navigateBack: unknown }).navigateBack = jest.fn();
    await host.page.tap('.control--leave');
    await settle([host, a], 5);
    expect(a.page.text('.notice')).toContain('主播已离开，连麦结束');
    expect(a.page.findAll('.control--cancel')).toHaveLength(0);
  });

  it('the host invites from the member list; the viewer accepts; the host asks them to mute, then removes them', async () => {
    const w = world();
    const { host, b } = await threePhones(w);
    await host.page.tap('.members-button');
    expect(host.page.findAll('.member__invite').length).toBe(2);
    host.page.instance.onInviteMember({ currentTarget: { dataset: { id: 'viewer_b' } } });
    await settle([host, b]);
    expect(b.page.text('.invitation')).toContain('Hana 邀请你连麦');
    await b.page.tap('.invitation__accept');
    await settle([host, b]);
    await pusherReports(b, 1002);
    await settle([host, b]);
    expect(players(host)).toEqual(['room1_viewer_b_main']);
    expect(host.page.text('.sheet--members')).toContain('连麦中');

    // Ask to mute: the co-host's mic goes off and they are told why.
    host.page.instance.onAskMute({ currentTarget: { dataset: { id: 'viewer_b' } } });
    await settle([host, b]);
    expect(b.page.text('.notice')).toContain('主播请你静音');
    expect(
      b
        .engine()
        ?.calls.filter((c) => c.method === 'mutePublishStreamAudio')
        .at(-1)?.args,
    ).toEqual([true]);
    // Remove: the co-host's camera tile goes on their page and on the host's.
    host.page.instance.onRemoveCohost({ currentTarget: { dataset: { id: 'viewer_b' } } });
    await settle([host, b]);
    expect(b.page.findAll('#local-pusher')).toHaveLength(0);
    expect(b.page.text('.notice')).toContain('主播结束了你的连麦');
    expect(players(host)).toEqual([]);
  });

  it('the member panel has a message action that opens the chat page with that user', async () => {
    const w = world();
    const { host } = await threePhones(w);
    const navigate = jest.fn();
    (wx as unknown as { navigateTo: unknown }).navigateTo = navigate;
    await host.page.tap('.members-button');
    expect(host.page.findAll('.member__message').length).toBe(2);
    host.page.instance.onMessageMember({ currentTarget: { dataset: { id: 'viewer_a' } } });
    expect(navigate).toHaveBeenCalledWith({ url: '/live/pages/chat/index?peerID=viewer_a&userName=Ann' });
  });

  it('a newcomer sees the room info on entering; the host edits it and the viewers see the change', async () => {
    const w = world();
    const { host, a } = await threePhones(w);
    expect(a.page.text('.room-info__title')).toBe('Hana');
    expect(a.page.text('.room-info__host')).toBe('主播 ID：host1');

    await host.page.tap('.control--info');
    await host.page.type('.info__title', '周末吉他课');
    await host.page.type('.info__notice', '今晚八点抽奖');
    await host.page.type('.info__link', 'https://shop.example.com/g');
    await host.page.tap('.info__save');
    await settle([host, a]);
    expect(a.page.text('.room-info__title')).toBe('周末吉他课');
    expect(a.page.text('.room-info__notice')).toContain('今晚八点抽奖');

    const c = await w.open({ userID: 'viewer_c', userName: 'Cy' });
    expect(c.page.text('.room-info__title')).toBe('周末吉他课');
    expect(c.page.text('.room-info__link')).toBe('https://shop.example.com/g');

    // Over the 128-byte budget: the editor says so and nothing reaches the SDK.
    const before = host.engine()?.count('setRoomExtraInfo');
    await host.page.tap('.control--info');
    await host.page.type('.info__notice', '很'.repeat(40));
    await host.page.tap('.info__save');
    await settle([host]);
    expect(host.page.text('.info__error')).toContain('超过上限 128 字节');
    expect(host.engine()?.count('setRoomExtraInfo')).toBe(before);
  });

  it('the host ends the room: every viewer sees "the room has ended" and leaves the room', async () => {
    const w = world();
    const { host, a, b } = await threePhones(w);
    (wx as unknown as { showModal: unknown }).showModal = (options: {
      success: (r: { confirm: boolean }) => void;
    }) => options.success({ confirm: true });
    (wx as unknown as { navigateBack: unknown }).navigateBack = jest.fn();
    await host.page.tap('.control--end');
    await settle([host, a, b], 5);
    for (const viewer of [a, b]) {
      expect(viewer.page.text('.overlay__message')).toBe('直播已结束');
      expect(viewer.engine()?.destroyed).toBe(true);
    }
    expect(host.engine()?.destroyed).toBe(true);
    expect(w.server.calls).toContain('end room1');
  });

  it('someone else already hosts the room: a clear message and a way in as audience', async () => {
    const w = world();
    await threePhones(w);
    const second = await w.open({ role: 'host', userID: 'other', userName: 'Ola' });
    await settle([second]);
    expect(second.page.text('.overlay__message')).toContain('这个房间已经有主播了');
    await second.page.tap('.overlay__audience');
    await settle([second], 5);
    expect(second.page.findAll('#local-pusher')).toHaveLength(0);
    expect(players(second)).toEqual([HOST_STREAM]);
  });

  it('the host starts mixing; a viewer switches to the mixed stream and back', async () => {
    const w = world();
    const { host, a } = await threePhones(w);
    await host.page.tap('.control--mix');
    await settle([host, a]);
    expect(w.cloud.interactive.mixers('room1')).toHaveLength(1);
    expect(host.page.text('.control--mix')).toBe('停止混流');
    await a.page.tap('.control--mix-choice');
    await settle([a]);
    expect(players(a)).toEqual(['room1_mix']);
    expect(a.page.text('.tile--remote .tile__label')).toBe('合流画面');
    await a.page.tap('.control--mix-choice');
    await settle([a]);
    expect(players(a)).toEqual([HOST_STREAM]);
    await host.page.tap('.control--mix');
    await settle([host]);
    expect(w.cloud.interactive.mixers('room1')).toEqual([]);
  });
});
