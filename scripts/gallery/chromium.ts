/**
 * Finding the system's Chromium (Debian's package) for the gallery. No playwright import here: Jest
 * tests in jsdom read these checks, and playwright-core does not load under jsdom.
 */
import { execFileSync } from 'child_process';
import fs from 'fs';

export const CHROMIUM_PATH = process.env.GALLERY_CHROMIUM ?? '/usr/bin/chromium';

export const CHROMIUM_INSTALL_COMMAND = 'apt-get update && apt-get install -y chromium fonts-noto-cjk';

export function chromiumInstalled(): boolean {
  return fs.existsSync(CHROMIUM_PATH);
}

export function chromiumMissingMessage(): string {
  return [
    `The page gallery needs Chromium at ${CHROMIUM_PATH}, and it is not there.`,
    "Install Debian's Chromium (and a Chinese font, or the pages' Chinese text shows as boxes) with:",
    '',
    `  sudo sh -c '${CHROMIUM_INSTALL_COMMAND}'`,
    '',
    'or point GALLERY_CHROMIUM at another Chromium binary.',
  ].join('\n');
}

/** Null when a font for Chinese text is present, else a warning; null too when fc-list is unavailable. */
export function chineseFontWarning(): string | null {
  try {
    const fonts = execFileSync('fc-list', [':lang=zh', 'family'], { encoding: 'utf8' });
    if (fonts.trim()) return null;
  } catch {
    return null;
  }
  return `No Chinese font is installed: Chinese text will show as boxes. Install one with:\n  sudo apt-get install -y fonts-noto-cjk`;
}

/** The flags for headless Chromium on this machine. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  // Without these Chromium phones home at start and, on a closed network, its refused connections
  // slow or break the launch.
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
