import { flush, renderPage, type RenderedPage } from '../helpers/render-page';
import { installWxStubs, type WxStubOptions, type WxStubs } from '../helpers/wx-stubs';

const CONFIGURED = {
  appID: 123456,
  server: 'wss://example.zego.im/ws',
  tokenUrl: 'https://t.example.com/v1/token',
};

function mockConfig(values: Record<string, unknown>) {
  jest.doMock('../../miniprogram/config.values', () => ({ configValues: values }));
}

function open(query: Record<string, string> = {}, stubOptions: WxStubOptions = {}) {
  const stubs = installWxStubs(stubOptions);
  const page = renderPage('pages/entry/index');
  page.lifecycle('onLoad', query);
  return { page, stubs };
}

async function fillForm(page: RenderedPage, roomID: string, nickname: string) {
  await page.type('.room-id', roomID);
  await page.type('.nickname', nickname);
}

describe('entry page', () => {
  let page: RenderedPage;
  let stubs: WxStubs;

  beforeEach(() => {
    jest.resetModules();
    mockConfig(CONFIGURED);
  });
  afterEach(() => page?.detach());

  it('keeps Join disabled until room ID and nickname are valid, saying what is wrong', async () => {
    ({ page, stubs } = open());
    expect(page.instance.data.canJoin).toBe(false);
    await page.type('.room-id', 'bad room!');
    expect(page.text('.room-id-error')).toBe('房间号只能包含字母、数字、下划线和短横线');
    await page.type('.room-id', 'r'.repeat(33));
    expect(page.text('.room-id-error')).toBe('房间号最多 32 位');
    await page.type('.room-id', 'room_1');
    expect(page.findAll('.room-id-error')).toHaveLength(0);
    expect(page.instance.data.canJoin).toBe(false);
    await page.type('.nickname', '   ');
    expect(page.text('.nickname-error')).toBe('请输入昵称');
    await page.type('.nickname', '小明');
    expect(page.instance.data.canJoin).toBe(true);
  });

  it('speaks English on an English phone', () => {
    ({ page, stubs } = open({}, { language: 'en' }));
    expect(page.text('.join')).toBe('Enter room');
  });

  it('joins as audience without asking for camera or microphone, and remembers room and nickname', async () => {
    ({ page, stubs } = open());
    await fillForm(page, 'room_1', ' 小明 ');
    await page.tap('.role-audience');
    await page.tap('.join');
    expect(stubs.authorizeCalls).toEqual([]);
    expect(stubs.navigations).toEqual([
      `/live/pages/room/index?roomID=room_1&role=audience&userName=${encodeURIComponent('小明')}`,
    ]);
    expect(stubs.storage.get('nickname')).toBe('小明');
    expect(page.text('.recent-room')).toContain('room_1');
  });

  it('asks a host for camera and microphone, then opens the room', async () => {
    ({ page, stubs } = open());
    await fillForm(page, 'live-7', 'Ann');
    await page.tap('.role-host');
    await page.tap('.join');
    expect(stubs.authorizeCalls).toEqual(['scope.camera', 'scope.record']);
    expect(stubs.navigations).toEqual(['/live/pages/room/index?roomID=live-7&role=host&userName=Ann']);
  });

  it('after a refusal explains why and offers the settings button; switching it on carries on', async () => {
    ({ page, stubs } = open({}, { authorizeAnswer: { 'scope.record': false } }));
    await fillForm(page, 'live-7', 'Ann');
    await page.tap('.role-host');
    await page.tap('.join');
    expect(stubs.navigations).toEqual([]);
    expect(page.text('.permission-refused')).toContain('麦克风');
    expect(page.attributes('.open-settings').openType).toBe('openSetting');

    stubs.setAuth('scope.record', true);
    await page.dispatch('.open-settings', 'opensetting', {
      authSetting: { 'scope.camera': true, 'scope.record': true },
    });
    expect(page.findAll('.permission-refused')).toHaveLength(0);
    expect(stubs.navigations).toEqual(['/live/pages/room/index?roomID=live-7&role=host&userName=Ann']);
  });

  it('shows a refused permission from an earlier visit without asking again', async () => {
    ({ page, stubs } = open({}, { authSetting: { 'scope.camera': false, 'scope.record': true } }));
    await fillForm(page, 'live-7', 'Ann');
    await page.tap('.role-host');
    await page.tap('.join');
    expect(stubs.authorizeCalls).toEqual([]);
    expect(page.text('.permission-refused')).toContain('摄像头');
  });

  it('a deep link prefills the room and, for an audience with a known nickname, opens it directly', async () => {
    const stubs0 = installWxStubs();
    stubs0.storage.set('nickname', 'Bo');
    page = renderPage('pages/entry/index');
    page.lifecycle('onLoad', { roomID: 'abc', role: 'audience' });
    await flush();
    expect(page.instance.data.roomID).toBe('abc');
    expect(stubs0.navigations).toEqual(['/live/pages/room/index?roomID=abc&role=audience&userName=Bo']);
  });

  it('decodes a QR scene and validates it like typed input', () => {
    ({ page, stubs } = open({ scene: encodeURIComponent('r=qr_room&ro=h') }));
    expect(page.instance.data.roomID).toBe('qr_room');
    expect(page.instance.data.role).toBe('host');
    expect(stubs.navigations).toEqual([]);
  });

  it.each([
    [{ roomID: 'no spaces allowed' }, '链接中的房间号无效'],
    [{ roomID: 'abc', role: 'admin' }, '链接中的身份无效'],
    [{ scene: '%E0%A4%A' }, '二维码内容无法识别'],
  ])('an invalid link %j shows a message and the empty form, never a blank page', (query, message) => {
    ({ page, stubs } = open(query));
    expect(page.text('.link-error')).toContain(message);
    expect(page.find('.room-id')).toBeTruthy();
    expect(page.instance.data.roomID).toBe('');
    expect(stubs.navigations).toEqual([]);
  });

  it('says what to configure when the app is not configured, and does not join', async () => {
    jest.resetModules();
    mockConfig({ appID: 0, server: 'wss://x.zego.im/ws', tokenUrl: '' });
    ({ page, stubs } = open());
    expect(page.text('.not-configured')).toContain('ZEGO_APP_ID');
    expect(page.text('.not-configured')).toContain('TOKEN_URL');
    await fillForm(page, 'room_1', 'Ann');
    await page.tap('.join');
    expect(stubs.navigations).toEqual([]);
  });

  it('asks for a WeChat update when the base library is too old', () => {
    ({ page, stubs } = open({}, { SDKVersion: '2.9.4' }));
    expect(page.text('.update-needed')).toContain('2.10.0');
    expect(page.text('.update-needed')).toContain('2.9.4');
  });

  it('lists the last five rooms, newest first, and rejoins with one tap', async () => {
    ({ page, stubs } = open());
    await page.type('.nickname', 'Ann');
    for (const id of ['r1', 'r2', 'r3', 'r4', 'r5', 'r6']) {
      await page.type('.room-id', id);
      await page.tap('.join');
    }
    const listed = page.findAll('.recent-id').map((n) => n.dom.textContent);
    expect(listed).toEqual(['r6', 'r5', 'r4', 'r3', 'r2']);
    stubs.navigations.length = 0;
    await page.tap('.recent-room');
    expect(stubs.navigations).toEqual(['/live/pages/room/index?roomID=r6&role=audience&userName=Ann']);
  });

  describe('in wechat mode', () => {
    function stubTokenService(reply: { statusCode: number; data: unknown }) {
      const sent: Array<Record<string, unknown>> = [];
      const w = wx as unknown as Record<string, unknown>;
      w.login = ({ success }: { success: (r: { code: string }) => void }) => success({ code: 'code-1' });
      w.request = (options: { data: Record<string, unknown>; success: (r: unknown) => void }) => {
        sent.push(options.data);
        options.success({ ...reply, header: {} });
      };
      return sent;
    }

    beforeEach(() => {
      jest.resetModules();
      mockConfig({ ...CONFIGURED, authMode: 'wechat' });
    });

    it('signs in first, so the room and chat start with the user ID the server bound to this WeChat user', async () => {
      ({ page, stubs } = open());
      const sent = stubTokenService({
        statusCode: 200,
        data: { token: '04abc', userID: 'wx_bound', expiresAt: Math.floor(Date.now() / 1000) + 3600 },
      });
      await fillForm(page, 'room_1', 'Ann');
      await page.tap('.join');
      expect(sent).toEqual([expect.objectContaining({ code: 'code-1' })]);
      expect(stubs.storage.get('userID')).toBe('wx_bound');
      expect(stubs.navigations).toHaveLength(1);
    });

    it('signs in before opening messages too, so ZIM logs in with the bound ID', async () => {
      ({ page, stubs } = open());
      const sent = stubTokenService({
        statusCode: 200,
        data: { token: '04abc', userID: 'wx_bound', expiresAt: Math.floor(Date.now() / 1000) + 3600 },
      });
      await page.tap('.messages-link');
      expect(sent).toHaveLength(1);
      expect(stubs.storage.get('userID')).toBe('wx_bound');
      expect(stubs.navigations).toEqual(['/live/pages/chat/index']);
    });

    it('a refused sign-in is shown and the room is not opened', async () => {
      ({ page, stubs } = open());
      stubTokenService({ statusCode: 401, data: { error: { code: 'invalid_code', message: 'bad code' } } });
      await fillForm(page, 'room_1', 'Ann');
      await page.tap('.join');
      expect(page.text('.join-error')).toContain('bad code');
      expect(stubs.navigations).toEqual([]);
      expect(page.instance.data.joining).toBe(false);
    });
  });
});
