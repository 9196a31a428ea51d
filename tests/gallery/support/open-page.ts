import { renderPage, type RenderedPage } from '../../helpers/render-page';
import { usePhoneRpx } from './rpx';

/** A page rendered for the gallery: the page itself and the WXSS simulate injected for it. */
export interface GalleryPage {
  /** Path under miniprogram/, e.g. 'pages/entry/index'. */
  pagePath: string;
  page: RenderedPage;
  /** The page's (and its components') compiled WXSS, rpx already in phone px. */
  styles: string[];
}

/**
 * renderPage with phone-sized rpx, keeping the styles of this render only: every render adds its own
 * <style> to document.head, and the pages share the `main--` class prefix, so earlier renders' styles
 * would leak into this page's picture.
 */
export function openGalleryPage(pagePath: string, properties: Record<string, unknown> = {}): GalleryPage {
  usePhoneRpx();
  const before = new Set(Array.from(document.head.querySelectorAll('style')));
  const page = renderPage(pagePath, properties);
  const styles = Array.from(document.head.querySelectorAll('style'))
    .filter((style) => !before.has(style))
    .map((style) => style.textContent ?? '');
  return { pagePath, page, styles };
}
