import { flush } from '../helpers/render-page';
import { EXPIRED, FakeTokenProvider } from '../fakes/test-tokens';
import { FakeZegoCloud } from '../fakes/zego-cloud';
import { openRoom, pusherReports } from './room-harness';

const HOST_STREAM = 'room1_host1_main';

async function liveHost(cloud: FakeZegoCloud) {
  const host = await openRoom(cloud, { role: 'host', userID: 'host1', userName: 'Alice' });
  await pusherReports(host, 1002);
  return host;
}

describe('room page with the fake cloud', () => {
  it('host publishes → the viewer renders one live-player with the host stream id, and play() reached the engine', async () => {
    const cloud = new FakeZegoCloud();
    const host = await liveHost(cloud);
    expect(host.page.find('#local-pusher')).toBeTruthy();
    expect(cloud.streamsIn('room1').map((s) => s.streamID)).toEqual([HOST_STREAM]);

    const viewer = await openRoom(cloud, { userID: 'viewer1' });
    const players = viewer.page.findAll('.tile__player');
    expect(players).toHaveLength(1);
    expect(viewer.page.attributes('.tile__player').id).toBe(HOST_STREAM);
    expect(
      viewer
        .engine()
        ?.calls.filter((c) => c.method === 'play')
        .map((c) => c.args[0]),
    ).toEqual([HOST_STREAM]);
    expect(viewer.page.text('.tile--remote .tile__label')).toBe('Alice');
    expect(viewer.page.findAll('#local-pusher')).toHaveLength(0);
    viewer.page.detach();
    host.page.detach();
  });

  it('statechange 2004 on the live-player reaches updatePlayerState with its stream id; netstatus reaches updatePlayerNetStatus', async () => {
    const cloud = new FakeZegoCloud();
    const host = await liveHost(cloud);
    const viewer = await openRoom(cloud);
    await viewer.page.dispatch(`#${HOST_STREAM}`, 'statechange', { code: 2004, message: 'play started' });
    await viewer.page.dispatch(`#${HOST_STREAM}`, 'netstatus', { info: { videoBitrate: 480, videoFPS: 15 } });
    await viewer.page.dispatch(`#${HOST_STREAM}`, 'audiovolumenotify', { volume: 30 });
    const engine = viewer.engine();
    const state = engine?.calls.find((c) => c.method === 'updatePlayerState');
    expect(state?.args[0]).toBe(HOST_STREAM);
    expect(state?.args[1]).toMatchObject({ detail: { code: 2004 } });
    const net = engine?.calls.find((c) => c.method === 'updatePlayerNetStatus');
    expect(net?.args[0]).toBe(HOST_STREAM);
    expect(net?.args[1]).toMatchObject({ detail: { info: { videoBitrate: 480 } } });
    expect(engine?.calls.find((c) => c.method === 'updateAudioVolumeNotify')?.args[0]).toBe(HOST_STREAM);

    // the pusher's events go out under the host's own stream ID
    await host.page.dispatch('#local-pusher', 'netstatus', { info: { videoBitrate: 500 } });
    expect(
      host
        .engine()
        ?.calls.filter((c) => c.method === 'updatePlayerNetStatus')
        .at(-1)?.args[0],
    ).toBe(HOST_STREAM);
    viewer.page.detach();
    host.page.detach();
  });

  it('host leaves → the viewer tile goes and "host left" shows', async () => {
    const cloud = new FakeZegoCloud();
    const host = await liveHost(cloud);
    const viewer = await openRoom(cloud);
    expect(viewer.page.findAll('.tile__player')).toHaveLength(1);
    await host.page.tap('.control--leave');
    await flush(8);
    expect(viewer.page.findAll('.tile__player')).toHaveLength(0);
    expect(viewer.page.findAll('.tile--remote')).toHaveLength(0);
    expect(viewer.page.text('.overlay')).toContain('主播已离开');
    viewer.page.detach();
    host.page.detach();
  });

  it('disconnect → reconnecting overlay → reconnect → pusher and players recreated', async () => {
    const cloud = new FakeZegoCloud();
    const host = await liveHost(cloud);
    const viewer = await openRoom(cloud);

    const viewerEngine = viewer.engine();
    if (viewerEngine === undefined) throw new Error('no engine');
    cloud.disconnect(viewerEngine);
    await flush(8);
    expect(viewer.page.text('.overlay')).toContain('正在重连');
    expect(viewer.page.find('.overlay').dom.className).toContain('overlay--soft');
    viewer.clock.advance(1000);
    await flush(8);
    expect(viewer.page.findAll('.overlay')).toHaveLength(0);
    expect(viewerEngine.count('play')).toBe(2);
    expect(viewer.page.findAll('.tile__player')).toHaveLength(1);
    expect(viewer.page.attributes('.tile__player').id).toBe(HOST_STREAM);

    const hostEngine = host.engine();
    if (hostEngine === undefined) throw new Error('no engine');
    cloud.disconnect(hostEngine);
    await flush(8);
    expect(host.page.text('.overlay')).toContain('正在重连');
    expect(host.page.instance.data.pusher.url).toBeUndefined();
    host.clock.advance(1000);
    await flush(8);
    expect(hostEngine.count('createPusher')).toBe(2);
    expect(host.page.instance.data.pusher.url).toBe(`rtmp://fake.zego/live/${HOST_STREAM}`);
    expect(host.page.findAll('.overlay')).toHaveLength(0);
    viewer.page.detach();
    host.page.detach();
  });

  it('an expired token shows the expiry message with a retry button', async () => {
    const cloud = new FakeZegoCloud();
    const viewer = await openRoom(cloud, { tokens: new FakeTokenProvider(EXPIRED), lang: 'en' });
    expect(viewer.page.text('.overlay__message')).toContain('login token has expired');
    expect(viewer.page.findAll('.overlay__retry')).toHaveLength(1);
    viewer.page.detach();
  });

  it('a refused permission shows its message and an open-settings button; no SDK call is made', async () => {
    const cloud = new FakeZegoCloud();
    const host = await openRoom(cloud, {
      role: 'host',
      permissions: { getSetting: async () => ({ 'scope.camera': false }), authorize: async () => false },
    });
    expect(host.page.text('.overlay__message')).toContain('摄像头和麦克风');
    // WeChat's wcc hands attributes to the node camelCased (open-type → openType).
    expect(host.page.attributes('.overlay__settings').openType).toBe('openSetting');
    expect(cloud.engines).toHaveLength(0);
    host.page.detach();
  });

  it.each([
    [{ roomID: 'bad room!', role: 'audience' }, '只能包含字母'],
    [{ roomID: '', role: 'audience' }, '没有房间号'],
    [{ roomID: 'room1', role: 'king' }, '身份无效'],
  ])('an invalid deep link %j shows a message and a way back, with no SDK call', async (link, words) => {
    const cloud = new FakeZegoCloud();
    const page = await openRoom(cloud, link);
    expect(page.page.text('.overlay__message')).toContain(words);
    expect(page.page.findAll('.overlay__back')).toHaveLength(1);
    expect(cloud.engines).toHaveLength(0);
    page.page.detach();
  });

  it('leave tapped twice → one logout and one destroy', async () => {
    const cloud = new FakeZegoCloud();
    const host = await liveHost(cloud);
    const engine = host.engine();
    await Promise.all([host.page.tap('.control--leave'), host.page.tap('.control--leave')]);
    host.page.lifecycle('onUnload');
    await flush(8);
    expect(engine?.count('logoutRoom')).toBe(1);
    expect(engine?.count('destroyEngine')).toBe(1);
    host.page.detach();
  });

  it('20 join/leave cycles leave zero listeners and zero pending timers', async () => {
    const cloud = new FakeZegoCloud();
    const host = await liveHost(cloud);
    for (let i = 0; i < 20; i += 1) {
      const viewer = await openRoom(cloud, { userID: `v${i}` });
      expect(viewer.page.findAll('.tile__player')).toHaveLength(1);
      if (i % 2 === 0) await viewer.page.tap('.control--leave');
      else viewer.page.lifecycle('onUnload');
      await flush(8);
      const engine = viewer.engine();
      expect(engine?.listenerCount()).toBe(0);
      expect(engine?.destroyed).toBe(true);
      expect(viewer.platform.listenerCount()).toBe(0);
      expect(viewer.clock.pending).toBe(0);
      expect(viewer.chat.listenerCount()).toBe(0);
      viewer.page.detach();
    }
    expect(cloud.room('room1').members.size).toBe(1);
    host.page.detach();
  });
});
