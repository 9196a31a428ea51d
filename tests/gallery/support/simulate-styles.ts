/**
 * Two things miniprogram-simulate does to WXSS that would make the pictures wrong, corrected where
 * it does them (its modules call these helpers through their exports, so swapping them works):
 *
 * - it (and j-component, for inline styles) turns `24rpx` into `24px`, 1:1, which draws every page
 *   twice as large as a phone would. The gallery phone is 375 px wide and 750rpx fill it: 1rpx = 0.5px.
 * - it leaves a component's `:host` rules as they are, but there is no shadow root in its DOM: the
 *   host is an element named after the component's tag (<stream-tile>), so `:host` becomes that tag.
 */
import { PX_PER_RPX } from '../../../scripts/gallery/layout';

type RpxConverter = (style: string) => string;
type WxssCompiler = (wxss: string, options?: { prefix?: string }) => string;

const RPX_NUMBER = /(-?(?:\d+\.?\d*|\.\d+))rpx/gi;

/** Converts every rpx length in a CSS text or inline style to px for the gallery phone. */
export function rpxToPhonePx(css: string): string {
  return css.replace(RPX_NUMBER, (_match, value: string) => `${round(Number(value) * PX_PER_RPX)}px`);
}

function round(px: number): number {
  return Math.round(px * 1000) / 1000;
}

/** `:host` → `stream-tile`, `:host(.on)` → `stream-tile.on`, for a component rendered as <stream-tile>. */
export function hostToTag(wxss: string, tagName: string): string {
  return wxss.replace(/:host\(([^()]*)\)/g, `${tagName}$1`).replace(/:host\b/g, tagName);
}

// Held from load time: a state's jest.resetModules() must not hand us fresh copies that the already
// loaded simulate (imported once by tests/helpers/render-page) never calls.
const RPX_USERS: Record<string, { transformRpx?: RpxConverter }> = {
  'miniprogram-simulate/src/utils': require('miniprogram-simulate/src/utils'),
  'j-component/src/tool/utils': require('j-component/src/tool/utils'),
};
const SIMULATE_WXSS: { compile?: WxssCompiler } = require('miniprogram-simulate/src/wxss');
const originalCompile = SIMULATE_WXSS.compile;

/** Makes later simulate renders draw their WXSS and inline styles as a 375 px phone would. */
export function usePhoneStyles(): void {
  for (const [name, utils] of Object.entries(RPX_USERS)) {
    if (typeof utils.transformRpx !== 'function') {
      throw new Error(
        `${name} no longer exports transformRpx: update tests/gallery/support/simulate-styles.ts`,
      );
    }
    utils.transformRpx = rpxToPhonePx;
  }
  if (typeof originalCompile !== 'function') {
    throw new Error('miniprogram-simulate/src/wxss no longer exports compile: update simulate-styles.ts');
  }
  // simulate names a page's root <main> and gives it the prefix 'main'.
  SIMULATE_WXSS.compile = (wxss, options = {}) =>
    originalCompile(hostToTag(wxss, options.prefix || 'main'), options);
}
