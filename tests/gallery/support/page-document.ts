/**
 * Serialises a rendered page state into one standalone HTML document: the phone's status and
 * navigation bars, the page's DOM with its built-ins drawn, the page's compiled WXSS (rpx already in
 * phone px), app.wxss, and a base stylesheet standing in for WeChat's own look of its built-in tags.
 */
import fs from 'fs';
import path from 'path';
import {
  GALLERY_HTML_DIR,
  PHONE,
  type GalleryGroup,
  type GalleryStateManifest,
} from '../../../scripts/gallery/layout';
import { MINIPROGRAM_ROOT } from '../../helpers/render-page';
import { drawBuiltIns } from './built-ins';
import type { GalleryPage } from './open-page';
import { escapeHtml, phoneChrome, windowLook } from './phone-chrome';
import { rpxToPhonePx } from './simulate-styles';

const BASE_CSS = path.join(__dirname, 'wx-base.css');

/** app.wxss as WeChat applies it to pages: classes scoped like the page's (`main--`), rpx converted. */
function appWxss(): string {
  const file = path.join(MINIPROGRAM_ROOT, 'app.wxss');
  if (!fs.existsSync(file)) return '';
  const wxss = require('miniprogram-simulate/src/wxss') as {
    getContent(file: string): string;
    compile(wxss: string, options: { prefix: string }): string;
  };
  return rpxToPhonePx(wxss.compile(wxss.getContent(file), { prefix: 'main' }));
}

/**
 * WXSS → browser CSS: `page` is WeChat's root element (here <wx-page>), and `vh` means the window
 * below the navigation bar, which the screen element exposes as a size container (cqh).
 */
export function wxssForBrowser(css: string): string {
  return css
    .replace(/(^|[\s,{}>+~(])page(?=[\s,{.:#[>+~)]|$)/g, '$1wx-page')
    .replace(/(-?(?:\d+\.?\d*|\.\d+))vh\b/g, '$1cqh');
}

/** Runs in Chromium before the shot: scrolls scroll-views as their attributes ask, sizes labels. */
const AFTER_LOAD_SCRIPT = `
for (const view of document.querySelectorAll('wx-scroll-view')) {
  const top = Number(view.dataset.galleryScrollTop), left = Number(view.dataset.galleryScrollLeft);
  if (top) view.scrollTop = top;
  if (left) view.scrollLeft = left;
  const target = view.dataset.galleryScrollIntoView && document.getElementById(view.dataset.galleryScrollIntoView);
  if (target) {
    const delta = target.getBoundingClientRect().top - view.getBoundingClientRect().top;
    view.scrollTop += delta;
  }
}
for (const label of document.querySelectorAll('.wx-native-size')) {
  const box = label.closest('wx-live-player, wx-live-pusher, wx-video, wx-camera').getBoundingClientRect();
  label.textContent = Math.round(box.width) + ' × ' + Math.round(box.height);
}
document.documentElement.dataset.galleryReady = 'yes';
`;

export function pageDocument(shot: GalleryPage, caption: string): string {
  const look = windowLook(MINIPROGRAM_ROOT, shot.pagePath);
  const pageDir = path.dirname(path.join(MINIPROGRAM_ROOT, shot.pagePath));
  const root = shot.page.component._exparserNode as unknown;
  const body = drawBuiltIns(shot.page.dom, root, pageDir, MINIPROGRAM_ROOT).outerHTML;
  const chromeHeight = look.custom ? 0 : PHONE.statusBarHeight + PHONE.navigationBarHeight;
  const screen = `top:${chromeHeight}px;height:${PHONE.height - chromeHeight}px`;
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=${PHONE.width}">
<title>${escapeHtml(caption)}</title>
<style id="wx-base">
${fs.readFileSync(BASE_CSS, 'utf8')}
</style>
<style id="app-wxss">${wxssForBrowser(appWxss())}</style>
<style id="page-wxss">${wxssForBrowser(shot.styles.join('\n'))}</style>
</head>
<body>
<div class="gallery-phone" style="width:${PHONE.width}px;height:${PHONE.height}px">
<div class="gallery-screen" style="${screen}"><wx-page>${body}</wx-page></div>
${phoneChrome(look)}
</div>
<script>${AFTER_LOAD_SCRIPT}</script>
</body>
</html>
`;
}

export interface StateToWrite {
  name: string;
  caption: string;
  group: GalleryGroup;
  index: number;
}

/** Writes `<name>.html` and its manifest (`<name>.json`) for the shooter; returns the HTML path. */
export function writeStateHtml(shot: GalleryPage, state: StateToWrite, dir = GALLERY_HTML_DIR): string {
  fs.mkdirSync(dir, { recursive: true });
  const htmlFile = path.join(dir, `${state.name}.html`);
  fs.writeFileSync(htmlFile, pageDocument(shot, state.caption));
  const manifest: GalleryStateManifest = { ...state };
  fs.writeFileSync(path.join(dir, `${state.name}.json`), `${JSON.stringify(manifest, null, 2)}\n`);
  return htmlFile;
}
