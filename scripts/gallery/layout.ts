/**
 * Where the gallery writes its files and the phone it pretends to be. Shared by the Jest side (which
 * renders HTML) and the tsx side (which shoots PNGs), so both agree on sizes and folders.
 */
import fs from 'fs';
import path from 'path';

export const REPO_ROOT = path.resolve(__dirname, '../..');
export const GALLERY_DIR = path.join(REPO_ROOT, 'build', 'gallery');
export const GALLERY_HTML_DIR = path.join(GALLERY_DIR, 'html');

/** An iPhone X-class screen: WeChat lays pages out 750rpx wide, so 1rpx is 0.5px here. */
export const PHONE = {
  width: 375,
  height: 812,
  deviceScaleFactor: 2,
  statusBarHeight: 44,
  navigationBarHeight: 44,
} as const;

export const PX_PER_RPX = PHONE.width / 750;

/** The page groups in the order the index shows them. */
export const GALLERY_GROUPS = ['entry', 'room', 'chat'] as const;
export type GalleryGroup = (typeof GALLERY_GROUPS)[number];

/** What the Jest side writes next to each `<state>.html`, read back to caption the index. */
export interface GalleryStateManifest {
  name: string;
  group: GalleryGroup;
  /** Position within its group, as the state list declares it. */
  index: number;
  caption: string;
}

/** The states whose HTML the Jest side wrote into htmlDir, in index order. */
export function readManifests(htmlDir: string): GalleryStateManifest[] {
  if (!fs.existsSync(htmlDir)) return [];
  return fs
    .readdirSync(htmlDir)
    .filter((file) => file.endsWith('.json'))
    .map((file) => JSON.parse(fs.readFileSync(path.join(htmlDir, file), 'utf8')) as GalleryStateManifest)
    .filter((m) => fs.existsSync(path.join(htmlDir, `${m.name}.html`)))
    .sort((a, b) => GALLERY_GROUPS.indexOf(a.group) - GALLERY_GROUPS.indexOf(b.group) || a.index - b.index);
}
