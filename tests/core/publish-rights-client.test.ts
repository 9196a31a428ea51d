/**
 * @jest-environment node
 *
 * Publish rights as the app's own TokenClient meets them, over real HTTP against the token service on
 * loopback: a viewer the host never approved, or a second would-be host, is refused with a 403 that
 * names the reason in words the room page shows (not the generic "not allowed").
 */
import { TokenClient } from '../../miniprogram/core/token-client';
import { startTokenServer, testConfig, type RunningServer } from '../server/token-server-harness';
import { failure, httpRequest } from './wx-request-over-http';

describe('publish rights through TokenClient (real HTTP)', () => {
  let server: RunningServer;
  let tokenUrl: string;

  beforeAll(async () => {
    server = await startTokenServer(testConfig());
    tokenUrl = `${server.baseUrl}/v1/token`;
  });
  afterAll(() => server.close());

  it('a viewer who was never approved gets 403 cohost_not_approved for a publishing token', async () => {
    const host = new TokenClient({ tokenUrl, authMode: 'dev', request: httpRequest() });
    await host.getToken({ userID: 'host_a', roomID: 'gig', role: 'host' });
    const viewer = new TokenClient({ tokenUrl, authMode: 'dev', request: httpRequest() });
    await expect(
      viewer.getToken({ userID: 'fan_b', roomID: 'gig', role: 'audience' }),
    ).resolves.toBeDefined();
    const error = await failure(viewer.getToken({ userID: 'fan_b', roomID: 'gig', role: 'cohost' }));
    expect(error.kind).toBe('forbidden');
    expect(error.detail).toMatchObject({ status: 403, serverCode: 'cohost_not_approved' });
    expect(error.en).toBe('The host has not approved you as a co-host, so you cannot go on camera yet');
  });

  it('a second user asking for a host token of an owned room gets 403 room_owned', async () => {
    const host = new TokenClient({ tokenUrl, authMode: 'dev', request: httpRequest() });
    await host.getToken({ userID: 'host_a', roomID: 'stage2', role: 'host' });
    const other = new TokenClient({ tokenUrl, authMode: 'dev', request: httpRequest() });
    const error = await failure(other.getToken({ userID: 'host_b', roomID: 'stage2', role: 'host' }));
    expect(error.detail).toMatchObject({ status: 403, serverCode: 'room_owned' });
    expect(error.zh).toContain('这个房间已经有主播了');
  });
});
