/**
 * Arrival round trips: a share card made in the room opens that room again, on the room page
 * directly or through the entry page (scan, search, card), with the room filled in.
 */
import { FakeZegoCloud } from '../fakes/zego-cloud';
import { flush, renderPage } from '../helpers/render-page';
import { installWxStubs } from '../helpers/wx-stubs';
import { openRoom, pusherReports } from '../live/room-harness';

function queryOf(pathOrQuery: string): Record<string, string> {
  const query = pathOrQuery.includes('?') ? (pathOrQuery.split('?')[1] ?? '') : pathOrQuery;
  return Object.fromEntries(new URLSearchParams(query));
}

async function hostSharing(cloud: FakeZegoCloud) {
  const host = await openRoom(cloud, { role: 'host', roomID: 'demo-7', userID: 'host1', userName: 'Alice' });
  await pusherReports(host, 1002);
  return host;
}

describe('share card round trip', () => {
  it('the card from a host opens the same room as audience, where the host is playing', async () => {
    const cloud = new FakeZegoCloud();
    const host = await hostSharing(cloud);
    const card = host.page.lifecycle('onShareAppMessage') as { title: string; path: string };
    expect(card.path.startsWith('/live/pages/room/index?')).toBe(true);
    const query = queryOf(card.path);
    expect(query).toEqual({ roomID: 'demo-7', role: 'audience' });

    const viewer = await openRoom(cloud, { ...query, userID: 'viewer1' });
    expect(viewer.page.findAll('.tile__player')).toHaveLength(1);
    expect(viewer.page.attributes('.tile__player').id).toBe('demo-7_host1_main');
    expect(viewer.engine()?.count('loginRoom')).toBe(1);
    viewer.page.detach();
    host.page.detach();
  });

  it('the timeline card query opens the entry page with the room filled in', async () => {
    const cloud = new FakeZegoCloud();
    const host = await hostSharing(cloud);
    const timeline = host.page.lifecycle('onShareTimeline') as { query: string };
    host.page.detach();

    jest.resetModules();
    jest.doMock('../../miniprogram/config.values', () => ({
      configValues: { appID: 1, server: 'wss://x.zego.im/ws', tokenUrl: 'https://t.example.com/v1/token' },
    }));
    const stubs = installWxStubs();
    const entry = renderPage('pages/entry/index');
    entry.lifecycle('onLoad', queryOf(timeline.query));
    await flush();
    expect(entry.instance.data.roomID).toBe('demo-7');
    expect(entry.instance.data.role).toBe('audience');
    // No nickname is known yet, so the user is asked for one instead of being sent on unnamed.
    expect(stubs.navigations).toEqual([]);
    await entry.type('.nickname', 'Bo');
    await entry.tap('.join');
    expect(stubs.navigations).toEqual(['/live/pages/room/index?roomID=demo-7&role=audience&userName=Bo']);
    entry.detach();
  });

  it('a room page opened from a tampered link shows the message and makes no SDK call', async () => {
    const cloud = new FakeZegoCloud();
    const viewer = await openRoom(cloud, { roomID: 'demo 7<script>', role: 'audience' });
    expect(viewer.engines()).toHaveLength(0);
    expect(viewer.page.text()).toContain('链接里的房间号无效');
    viewer.page.detach();
  });
});
