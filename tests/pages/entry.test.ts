import { renderPage } from '../helpers/render-page';

describe('entry page', () => {
  it('renders its form with join disabled until the room ID is valid', async () => {
    const page = renderPage('pages/entry/index');
    expect(page.find('.room-id')).toBeTruthy();
    expect(page.instance.data.canJoin).toBe(false);
    await page.type('.room-id', 'room_1');
    expect(page.instance.data.canJoin).toBe(true);
    await page.type('.room-id', 'bad room!');
    expect(page.instance.data.canJoin).toBe(false);
    page.detach();
  });
});
