/**
 * What WeChat draws around a page: the phone's status bar and the navigation bar with the page title,
 * a back arrow on pages that were navigated to, and the capsule (menu) button. Titles and colours
 * come from app.json's window and the page's own .json, as WeChat reads them.
 */
import fs from 'fs';
import path from 'path';

export interface WindowLook {
  title: string;
  background: string;
  /** WeChat allows only white or black for the bar's text and capsule. */
  textStyle: 'white' | 'black';
  /** 'custom' pages draw their own bar; only the status bar floats over them. */
  custom: boolean;
  isHomePage: boolean;
}

function readJson(file: string): Record<string, unknown> {
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>) : {};
}

function text(value: unknown, fallback: string): string {
  return typeof value === 'string' ? value : fallback;
}

export function windowLook(miniprogramRoot: string, pagePath: string): WindowLook {
  const app = readJson(path.join(miniprogramRoot, 'app.json'));
  const appWindow = (app.window ?? {}) as Record<string, unknown>;
  const merged = { ...appWindow, ...readJson(path.join(miniprogramRoot, `${pagePath}.json`)) };
  const pages = Array.isArray(app.pages) ? (app.pages as unknown[]) : [];
  return {
    title: text(merged.navigationBarTitleText, ''),
    background: text(merged.navigationBarBackgroundColor, '#000000'),
    textStyle: merged.navigationBarTextStyle === 'black' ? 'black' : 'white',
    custom: merged.navigationStyle === 'custom',
    isHomePage: pages[0] === pagePath,
  };
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);
}

const STATUS_ICONS =
  '<svg width="18" height="11" viewBox="0 0 18 11" fill="currentColor" aria-hidden="true">' +
  '<rect x="0" y="7" width="3" height="4" rx="1"/><rect x="5" y="5" width="3" height="6" rx="1"/>' +
  '<rect x="10" y="2.5" width="3" height="8.5" rx="1"/><rect x="15" y="0" width="3" height="11" rx="1"/></svg>' +
  '<svg width="16" height="11" viewBox="0 0 16 11" fill="currentColor" aria-hidden="true">' +
  '<path d="M8 2.2c2.3 0 4.4.9 6 2.4l1.2-1.2A10.2 10.2 0 0 0 8 .5 10.2 10.2 0 0 0 .8 3.4L2 4.6a8.5 8.5 0 0 1 6-2.4z"/>' +
  '<path d="M8 5.6c1.4 0 2.6.5 3.6 1.4l1.2-1.2A6.8 6.8 0 0 0 8 3.9a6.8 6.8 0 0 0-4.8 1.9L4.4 7A5.1 5.1 0 0 1 8 5.6z"/>' +
  '<path d="M8 9.1 10.1 7a3 3 0 0 0-4.2 0z"/></svg>' +
  '<span class="gallery-battery"><span></span></span>';

/** The status bar and navigation bar as HTML, placed above (or, for custom pages, over) the page. */
export function phoneChrome(look: WindowLook): string {
  const statusBar =
    `<div class="gallery-status-bar gallery-on-${look.textStyle}">` +
    `<span class="gallery-clock">9:41</span><span class="gallery-status-icons">${STATUS_ICONS}</span></div>`;
  const capsule =
    `<div class="gallery-capsule gallery-on-${look.textStyle}">` +
    '<span class="gallery-capsule-dots">•••</span><span class="gallery-capsule-sep"></span>' +
    '<span class="gallery-capsule-close"></span></div>';
  if (look.custom) return `<div class="gallery-chrome gallery-chrome-custom">${statusBar}${capsule}</div>`;
  const back = look.isHomePage ? '' : '<span class="gallery-back">‹</span>';
  return (
    `<div class="gallery-chrome gallery-on-${look.textStyle}" style="background:${escapeHtml(look.background)}">` +
    `${statusBar}<div class="gallery-nav-bar">${back}` +
    `<span class="gallery-title">${escapeHtml(look.title)}</span>${capsule}</div></div>`
  );
}

export { escapeHtml };
