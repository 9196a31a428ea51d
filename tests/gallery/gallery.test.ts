/**
 * Keeps `npm run gallery` from rotting: one entry state goes through the same code path (render in
 * jsdom → standalone HTML → Chromium → PNG). The shot runs the shooter in a child process, as
 * playwright-core does not load under jsdom; it needs Chromium and is skipped, with a notice, on
 * machines without it.
 */
import { execFile } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { chromiumInstalled, chromiumMissingMessage } from '../../scripts/gallery/chromium';
import { PHONE, readManifests, REPO_ROOT } from '../../scripts/gallery/layout';
import { entryStates } from './states/entry';
import { renderStateHtml } from './support/state';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function entryEmpty() {
  const state = entryStates.states.find((s) => s.name === 'entry-empty');
  if (!state) throw new Error('entry-empty is no longer a gallery state');
  return state;
}

/** scripts/gallery/shoot-cli.ts, the shooter `npm run gallery` uses, on the HTML in dir. */
function shoot(dir: string): Promise<string> {
  const tsx = path.join(REPO_ROOT, 'node_modules', '.bin', 'tsx');
  const cli = path.join(REPO_ROOT, 'scripts', 'gallery', 'shoot-cli.ts');
  return new Promise((resolve, reject) => {
    execFile(tsx, [cli, dir], { cwd: REPO_ROOT, timeout: 50_000 }, (error, stdout, stderr) =>
      error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout),
    );
  });
}

const canShoot = chromiumInstalled();
if (!canShoot) {
  console.warn(`Skipping the gallery PNG test.\n${chromiumMissingMessage()}`);
}

describe('page gallery', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gallery-test-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('writes a standalone HTML page with the WXSS in phone px (1rpx = 0.5px)', async () => {
    const htmlFile = await renderStateHtml(entryStates, entryEmpty(), dir);
    const html = fs.readFileSync(htmlFile, 'utf8');
    // entry/index.wxss: `.entry { padding: 40rpx 32rpx 80rpx }`.
    expect(html).toContain('.main--entry{padding:20px 16px 40px}');
    expect(html).not.toMatch(/\d+rpx/);
    expect(html).toContain('<wx-page>');
    expect(html).toContain('class="wx-input-placeholder"');
    expect(readManifests(dir)).toEqual([expect.objectContaining({ name: 'entry-empty', group: 'entry' })]);
  });

  (canShoot ? it : it.skip)(
    'shoots it in Chromium to a PNG as wide as the phone at 2x',
    async () => {
      await renderStateHtml(entryStates, entryEmpty(), dir);
      const printed = await shoot(dir);
      expect(printed.trim()).toBe(path.join(dir, 'entry-empty.png'));
      const png = fs.readFileSync(path.join(dir, 'entry-empty.png'));
      expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
      // IHDR starts at byte 8: length (4), "IHDR" (4), then width and height as big-endian uint32.
      expect(png.readUInt32BE(16)).toBe(PHONE.width * PHONE.deviceScaleFactor);
      expect(png.readUInt32BE(20)).toBe(PHONE.height * PHONE.deviceScaleFactor);
    },
    60_000,
  );
});
