/** The entry page's gallery states, driven as tests/pages/entry.test.ts drives them. */
import { flush } from '../../helpers/render-page';
import { installWxStubs, type WxStubOptions } from '../../helpers/wx-stubs';
import { openGalleryPage, type GalleryPage } from '../support/open-page';
import type { GalleryStateList } from '../support/state';

const CONFIGURED = {
  appID: 123456,
  server: 'wss://example.zego.im/ws',
  tokenUrl: 'https://t.example.com/v1/token',
};

interface EntrySetup {
  config?: Record<string, unknown>;
  stubs?: WxStubOptions;
  storage?: Record<string, unknown>;
}

async function openEntry({
  config = CONFIGURED,
  stubs = {},
  storage = {},
}: EntrySetup = {}): Promise<GalleryPage> {
  // A fresh module registry so the page reads this state's config values.
  jest.resetModules();
  jest.doMock('../../../miniprogram/config.values', () => ({ configValues: config }));
  const wxStubs = installWxStubs(stubs);
  for (const [key, value] of Object.entries(storage)) wxStubs.storage.set(key, value);
  const shot = openGalleryPage('pages/entry/index');
  shot.page.lifecycle('onLoad', {});
  shot.page.lifecycle('onShow');
  await flush();
  return shot;
}

const HOUR = 3_600_000;

export const entryStates: GalleryStateList = {
  group: 'entry',
  states: [
    {
      name: 'entry-empty',
      caption: 'Entry — first visit, empty form',
      open: () => openEntry(),
    },
    {
      name: 'entry-invalid-room-id',
      caption: 'Entry — invalid room ID',
      async open() {
        const shot = await openEntry();
        await shot.page.type('.room-id', 'my room!');
        await shot.page.type('.nickname', '小明');
        return shot;
      },
    },
    {
      name: 'entry-not-configured',
      caption: 'Entry — app not configured',
      open: () => openEntry({ config: { appID: 0, server: 'wss://x.zego.im/ws', tokenUrl: '' } }),
    },
    {
      name: 'entry-permission-refused',
      caption: 'Entry — host refused the microphone',
      async open() {
        const shot = await openEntry({ stubs: { authorizeAnswer: { 'scope.record': false } } });
        await shot.page.type('.room-id', 'live-7');
        await shot.page.type('.nickname', 'Ann');
        await shot.page.tap('.role-host');
        await shot.page.tap('.join');
        return shot;
      },
    },
    {
      name: 'entry-returning',
      caption: 'Entry — returning user with recent rooms',
      open: () =>
        openEntry({
          storage: {
            nickname: '小明',
            recentRooms: [
              { roomID: 'friday-gig', role: 'audience', joinedAt: Date.now() - HOUR },
              { roomID: 'live-7', role: 'host', joinedAt: Date.now() - 26 * HOUR },
              { roomID: 'book_club', role: 'audience', joinedAt: Date.now() - 72 * HOUR },
            ],
          },
        }),
    },
  ],
};
