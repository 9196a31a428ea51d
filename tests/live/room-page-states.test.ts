import { flush } from '../helpers/render-page';
import { FakeZegoCloud } from '../fakes/zego-cloud';
import { openRoom, pusherReports } from './room-harness';

const HOST_STREAM = 'room1_host1_main';

async function hostAndViewer(cloud: FakeZegoCloud) {
  const host = await openRoom(cloud, { role: 'host', userID: 'host1', userName: 'Alice' });
  await pusherReports(host, 1002);
  const viewer = await openRoom(cloud, { userID: 'viewer1', userName: 'Bob' });
  return { host, viewer };
}

describe('room page states and controls', () => {
  it('kicked because the same account joined elsewhere (1002050)', async () => {
    const cloud = new FakeZegoCloud();
    const viewer = await openRoom(cloud);
    const engine = viewer.engine();
    if (engine === undefined) throw new Error('no engine');
    cloud.kick(engine);
    await flush(8);
    expect(viewer.page.text('.overlay__message')).toBe('你的账号已在其他设备进入此房间');
    expect(viewer.page.findAll('.overlay__retry')).toHaveLength(0);
    expect(viewer.page.findAll('.overlay__back')).toHaveLength(1);
    viewer.page.detach();
  });

  it('"update WeChat" when checkSystemRequirements says 10001; the engine is released at once', async () => {
    const cloud = new FakeZegoCloud();
    cloud.systemRequirementsCode = 10001;
    const viewer = await openRoom(cloud, { lang: 'en' });
    expect(viewer.page.text('.overlay__message')).toContain('update WeChat');
    expect(viewer.engine()?.count('loginRoom')).toBe(0);
    expect(viewer.engine()?.destroyed).toBe(true);
    viewer.page.detach();
  });

  it('not configured: says what to set and never touches the SDK', async () => {
    const cloud = new FakeZegoCloud();
    const viewer = await openRoom(cloud, {
      deps: {
        config: () => ({
          ok: false,
          problems: [{ variable: 'ZEGO_APP_ID', zh: '未配置 ZEGO AppID', en: 'ZEGO AppID is not set' }],
        }),
      },
    });
    expect(viewer.page.text('.overlay__message')).toContain('尚未配置');
    expect(viewer.page.text('.overlay__problem')).toBe('ZEGO_APP_ID: 未配置 ZEGO AppID');
    expect(viewer.engines()).toHaveLength(0);
    viewer.page.detach();
  });

  it('a join that never completes ends in "failed" with a retry that works', async () => {
    const cloud = new FakeZegoCloud();
    cloud.loginBehaviour = 'hang';
    const viewer = await openRoom(cloud);
    expect(viewer.page.text('.overlay__message')).toBe('正在进入房间…');
    viewer.clock.advance(15000);
    await flush(8);
    expect(viewer.page.text('.overlay__message')).toContain('进入房间超时');
    cloud.loginBehaviour = 'normal';
    await viewer.page.tap('.overlay__retry');
    await flush(8);
    expect(viewer.page.findAll('.overlay')).toHaveLength(0);
    expect(viewer.engines()).toHaveLength(2);
    expect(viewer.engines()[0]?.destroyed).toBe(true);
    viewer.page.detach();
  });

  it('camera and mic toggles reach the pusher and show on the viewer tile', async () => {
    const cloud = new FakeZegoCloud();
    const { host, viewer } = await hostAndViewer(cloud);
    expect(viewer.page.findAll('.tile--remote .tile__cover')).toHaveLength(0);
    await host.page.tap('.control--camera');
    await host.page.tap('.control--mic');
    await flush(8);
    expect(host.page.attributes('#local-pusher').enableCamera).toBe(false);
    expect(host.page.attributes('#local-pusher').enableMic).toBe(false);
    expect(host.page.text('.control--camera')).toBe('摄像头 关');
    expect(viewer.page.text('.tile--remote .tile__cover')).toBe('摄像头已关闭');
    expect(viewer.page.text('.tile--remote .tile__muted')).toBe('已静音');
    await host.page.tap('.control--camera');
    await flush(8);
    expect(viewer.page.findAll('.tile--remote .tile__cover')).toHaveLength(0);
    viewer.page.detach();
    host.page.detach();
  });

  it('switch camera, beauty and whiteness (0–9) reach the pusher', async () => {
    const cloud = new FakeZegoCloud();
    const host = await openRoom(cloud, { role: 'host', userID: 'host1' });
    await host.page.tap('.control--switch');
    await host.page.dispatch('.beauty__level', 'change', { value: 7 });
    await host.page.dispatch('.beauty__whiteness', 'change', { value: 12 });
    expect(host.engine()?.pusher?.calls).toContain('switchCamera');
    expect(host.page.attributes('#local-pusher').beauty).toBe(7);
    expect(host.page.attributes('#local-pusher').whiteness).toBe(9);
    host.page.detach();
  });

  it('quality badge per tile from the measured figures, raw figures in the details sheet', async () => {
    const cloud = new FakeZegoCloud();
    const { host, viewer } = await hostAndViewer(cloud);
    const engine = viewer.engine();
    if (engine === undefined) throw new Error('no engine');
    const stats = (kbps: number, fps: number) => ({
      video: { videoBitrate: kbps, videoFPS: fps, frameWidth: 360, frameHeight: 640 },
      audio: { audioBitrate: 32 },
    });
    cloud.quality(engine, HOST_STREAM, stats(480, 15));
    await flush(8);
    expect(viewer.page.text('.tile--remote .badge')).toBe('流畅');
    cloud.quality(engine, HOST_STREAM, stats(60, 4));
    await flush(8);
    expect(viewer.page.find('.tile--remote .badge').dom.className).toContain('badge--poor');
    await viewer.page.tap('.tile--remote .badge');
    expect(viewer.page.text('.sheet--details')).toContain('60 kbps');
    expect(viewer.page.text('.sheet--details')).toContain('360×640');
    await viewer.page.tap('.sheet--details .sheet__close');
    expect(viewer.page.findAll('.sheet--details')).toHaveLength(0);

    const hostEngine = host.engine();
    if (hostEngine === undefined) throw new Error('no engine');
    cloud.quality(hostEngine, HOST_STREAM, stats(500, 15));
    await flush(8);
    expect(host.page.text('.tile--self .badge')).toBe('流畅');
    viewer.page.detach();
    host.page.detach();
  });

  it('members panel and online count follow roomUserUpdate / roomOnlineUserCountUpdate', async () => {
    const cloud = new FakeZegoCloud();
    const { host, viewer } = await hostAndViewer(cloud);
    expect(host.page.text('.members-button')).toContain('2 人在线');
    await host.page.tap('.members-button');
    expect(host.page.text('.sheet--members')).toContain('Bob');
    await viewer.page.tap('.control--leave');
    await flush(8);
    expect(host.page.text('.sheet--members')).not.toContain('Bob');
    expect(host.page.text('.members-button')).toContain('1 人在线');
    host.page.detach();
    viewer.page.detach();
  });

  it('comment overlay: incoming comments show; typed ones go through RoomChat', async () => {
    const cloud = new FakeZegoCloud();
    const viewer = await openRoom(cloud);
    expect(viewer.chat.entered).toBe('room1');
    viewer.chat.receive('你好', 'Ann');
    await flush();
    expect(viewer.page.text('.comments')).toContain('Ann你好');
    await viewer.page.type('.composer__input', 'hi all');
    await viewer.page.tap('.composer__send');
    await flush(4);
    expect(viewer.chat.sent).toEqual(['hi all']);
    expect(viewer.page.text('.comments')).toContain('hi all');
    expect(viewer.page.instance.data.comments.at(-1).state).toBe('sent');
    expect(viewer.page.instance.data.draft).toBe('');
    viewer.page.detach();
  });

  it('a camera that fails to open shows the words and a Settings button', async () => {
    const cloud = new FakeZegoCloud();
    const host = await openRoom(cloud, { role: 'host', userID: 'host1', lang: 'en' });
    await pusherReports(host, -1301);
    expect(host.page.text('.notice__text')).toBe('Could not open the camera');
    expect(host.page.attributes('.notice__settings').openType).toBe('openSetting');
    await host.page.tap('.notice__text');
    expect(host.page.findAll('.notice')).toHaveLength(0);
    host.page.detach();
  });

  it('share card opens the room as audience with the host name in the title', async () => {
    const cloud = new FakeZegoCloud();
    const { host, viewer } = await hostAndViewer(cloud);
    const card = viewer.page.lifecycle('onShareAppMessage') as { title: string; path: string };
    expect(card.title).toBe('Alice 的直播间');
    expect(card.path).toBe('/live/pages/room/index?roomID=room1&role=audience');
    const hostCard = host.page.lifecycle('onShareTimeline') as { title: string; query: string };
    expect(hostCard).toEqual({ title: 'Alice 的直播间', query: 'roomID=room1&role=audience' });
    viewer.page.detach();
    host.page.detach();
  });

  it('host: a short hide keeps publishing; a long hide restarts the push on show', async () => {
    const cloud = new FakeZegoCloud();
    const host = await openRoom(cloud, { role: 'host', userID: 'host1' });
    await pusherReports(host, 1002);
    const pusher = host.engine()?.pusher;
    host.page.lifecycle('onHide');
    host.clock.advance(5000);
    host.page.lifecycle('onShow');
    await flush(8);
    expect(pusher?.calls).toEqual(['start:room1_host1_main']);
    host.page.lifecycle('onHide');
    host.clock.advance(60000);
    host.page.lifecycle('onShow');
    await flush(8);
    expect(host.engine()?.pusher?.calls.filter((c) => c.startsWith('start'))).toHaveLength(2);
    expect(host.platform.keepScreenOn).toBe(true);
    host.page.detach();
  });

  it('back online during reconnecting re-logs in at once instead of waiting out the backoff', async () => {
    const cloud = new FakeZegoCloud();
    const { host, viewer } = await hostAndViewer(cloud);
    const engine = viewer.engine();
    if (engine === undefined) throw new Error('no engine');
    viewer.platform.setOnline(false);
    cloud.disconnect(engine);
    await flush(8);
    expect(viewer.page.text('.overlay')).toContain('正在重连');
    viewer.platform.setOnline(true);
    await flush(8);
    expect(viewer.page.findAll('.overlay')).toHaveLength(0);
    expect(viewer.page.findAll('.tile__player')).toHaveLength(1);
    expect(viewer.clock.pending).toBe(0);
    viewer.page.detach();
    host.page.detach();
  });
});

describe('native component errors (binderror)', () => {
  it('an account without the live components is told what the admin must switch on', async () => {
    const cloud = new FakeZegoCloud();
    const host = await openRoom(cloud, { role: 'host', userID: 'host1', lang: 'en' });
    await host.page.dispatch('#local-pusher', 'error', { errCode: 10001, errMsg: 'fail:access denied' });
    expect(host.page.text('.notice__text')).toContain('Live video is not enabled for this mini-program');
    expect(host.page.findAll('.notice__settings')).toHaveLength(0);
    host.page.detach();
  });

  it('a refused camera reported by the pusher offers the Settings button', async () => {
    const cloud = new FakeZegoCloud();
    const host = await openRoom(cloud, { role: 'host', userID: 'host1' });
    await host.page.dispatch('#local-pusher', 'error', { errCode: 10001, errMsg: 'camera denied' });
    expect(host.page.text('.notice__text')).toBe('摄像头权限被拒绝，请在设置中打开');
    expect(host.page.attributes('.notice__settings').openType).toBe('openSetting');
    host.page.detach();
  });

  it('a viewer whose player fails sees it in words', async () => {
    const cloud = new FakeZegoCloud();
    const { host, viewer } = await hostAndViewer(cloud);
    await viewer.page.dispatch('.tile__player', 'error', { errMsg: 'jsapi has no permission' });
    expect(viewer.page.text('.notice__text')).toContain('实时播放音视频流');
    viewer.page.detach();
    host.page.detach();
  });
});
