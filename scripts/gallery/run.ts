/**
 * `npm run gallery`: renders every page state with miniprogram-simulate (Jest, jsdom) into standalone
 * HTML, shoots each in headless Chromium, and writes build/gallery/<state>.png and index.html.
 */
import { spawnSync } from 'child_process';
import fs from 'fs';
import path from 'path';
import { chineseFontWarning, chromiumInstalled, chromiumMissingMessage } from './chromium';
import { GALLERY_DIR, GALLERY_GROUPS, GALLERY_HTML_DIR, readManifests, REPO_ROOT } from './layout';
import { shootStates, writeIndex } from './shoot';

const GALLERY_TIME_ZONE = 'Asia/Shanghai';

function renderStates(): boolean {
  const jestBin = path.join(REPO_ROOT, 'node_modules', 'jest', 'bin', 'jest.js');
  const result = spawnSync(process.execPath, [jestBin, '-c', 'jest.gallery.config.js', '--runInBand'], {
    cwd: REPO_ROOT,
    stdio: 'inherit',
    // Chat times are local times: one zone (the users') makes the pictures the same on every machine.
    env: { ...process.env, TZ: GALLERY_TIME_ZONE },
  });
  return result.status === 0;
}

async function main(): Promise<number> {
  // Checked first: rendering is wasted if nothing can take the pictures.
  if (!chromiumInstalled()) {
    console.error(chromiumMissingMessage());
    return 1;
  }
  const fontWarning = chineseFontWarning();
  if (fontWarning) console.warn(fontWarning);

  fs.rmSync(GALLERY_DIR, { recursive: true, force: true });
  console.log('Rendering page states (jest -c jest.gallery.config.js) …');
  const allRendered = renderStates();
  const states = readManifests(GALLERY_HTML_DIR);
  if (states.length === 0) {
    console.error('No page state was rendered; see the Jest output above.');
    return 1;
  }

  console.log(`Shooting ${states.length} states in Chromium …`);
  const pngs = await shootStates(GALLERY_HTML_DIR, GALLERY_DIR, states);
  const missingGroups = GALLERY_GROUPS.filter((group) => !states.some((s) => s.group === group));
  const index = writeIndex(GALLERY_DIR, states, missingGroups);
  for (const png of pngs) console.log(`  ${path.relative(REPO_ROOT, png)}`);
  console.log(`Index: ${path.relative(REPO_ROOT, index)}`);
  if (!allRendered) {
    console.error('Some states failed to render (see above); the gallery shows the others.');
    return 1;
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  },
);
