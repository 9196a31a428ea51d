import { renderPage, type RenderedPage } from '../../helpers/render-page';
import { usePhoneStyles } from './simulate-styles';

/** A page rendered for the gallery: the page itself and the WXSS simulate injected for it. */
export interface GalleryPage {
  /** Path under miniprogram/, e.g. 'pages/entry/index'. */
  pagePath: string;
  page: RenderedPage;
  /** The page's (and its components') compiled WXSS, rpx already in phone px. */
  styles: string[];
  /** Undoes what the state set up beyond the page (fake timers, sessions), after the page is detached. */
  dispose?(): void;
}

/** document.head's <style> elements now, to tell which ones a render adds. */
function stylesSoFar(): Set<HTMLStyleElement> {
  return new Set(Array.from(document.head.querySelectorAll('style')));
}

/**
 * Every render adds its own <style> to document.head and the pages share the `main--` class prefix,
 * so only the styles added since `before` belong to this picture (duplicates from a second render
 * of the same page dropped).
 */
function stylesAddedSince(before: Set<HTMLStyleElement>): string[] {
  const added = Array.from(document.head.querySelectorAll('style'))
    .filter((style) => !before.has(style))
    .map((style) => style.textContent ?? '');
  return [...new Set(added)];
}

/** renderPage with phone-sized rpx, keeping the styles of this render only. */
export function openGalleryPage(pagePath: string, properties: Record<string, unknown> = {}): GalleryPage {
  usePhoneStyles();
  const before = stylesSoFar();
  const page = renderPage(pagePath, properties);
  return { pagePath, page, styles: stylesAddedSince(before) };
}

/**
 * The same for a page opened by its own test harness (which calls renderPage itself): runs `open`
 * with phone-sized rpx and keeps the styles its renders injected.
 */
export async function captureHarnessPage<T extends { page: RenderedPage }>(
  pagePath: string,
  open: () => Promise<T>,
): Promise<T & GalleryPage> {
  usePhoneStyles();
  const before = stylesSoFar();
  const opened = await open();
  return { ...opened, pagePath, styles: stylesAddedSince(before) };
}
