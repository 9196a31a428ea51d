/**
 * miniprogram-simulate and j-component turn `24rpx` into `24px` (1:1), which draws every page twice
 * as large as a phone would. The gallery renders for a 375 px-wide phone, where 750rpx fill the
 * width, so it swaps their converter for one that scales (both call it through their utils module).
 */
import { PX_PER_RPX } from '../../../scripts/gallery/layout';

type RpxConverter = (style: string) => string;

const RPX_NUMBER = /(-?(?:\d+\.?\d*|\.\d+))rpx/gi;

/** Converts every rpx length in a CSS text or inline style to px for the gallery phone. */
export function rpxToPhonePx(css: string): string {
  return css.replace(RPX_NUMBER, (_match, value: string) => `${round(Number(value) * PX_PER_RPX)}px`);
}

function round(px: number): number {
  return Math.round(px * 1000) / 1000;
}

// Held from load time: a state's jest.resetModules() must not hand us fresh copies that the already
// loaded simulate (imported once by tests/helpers/render-page) never calls.
const SIMULATE_UTILS: Record<string, { transformRpx?: RpxConverter }> = {
  'miniprogram-simulate/src/utils': require('miniprogram-simulate/src/utils'),
  'j-component/src/tool/utils': require('j-component/src/tool/utils'),
};

/** Makes later simulate renders (their injected WXSS and inline styles) use phone-sized rpx. */
export function usePhoneRpx(): void {
  for (const [name, utils] of Object.entries(SIMULATE_UTILS)) {
    if (typeof utils.transformRpx !== 'function') {
      throw new Error(`${name} no longer exports transformRpx: update tests/gallery/support/rpx.ts`);
    }
    utils.transformRpx = rpxToPhonePx;
  }
}
