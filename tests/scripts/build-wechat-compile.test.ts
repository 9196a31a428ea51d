/** @jest-environment node */
import { OFFLINE_ACCOUNT_ATTRIBUTES, summarizeCompileError } from '../../scripts/build-steps/wechat-compile';

describe("WeChat's compile, offline", () => {
  it('turns a Babel error from WeChat into file:line:column', () => {
    const message =
      'file: pages/a/index.ts\n /work/main/pages/a/index.ts: Unexpected token (2:48)\n\n  1 | Component({\n> 2 |   x\n';
    expect(summarizeCompileError(message, 'miniprogram/')).toBe(
      'miniprogram/pages/a/index.ts:2:48: Unexpected token',
    );
  });

  it('keeps the first two lines of any other error', () => {
    expect(summarizeCompileError('app.json: pages is empty\n\nmore detail\nstack', 'miniprogram/')).toBe(
      'app.json: pages is empty more detail',
    );
  });

  it('answers the account attributes with WeChat’s package limits (MB)', () => {
    expect(OFFLINE_ACCOUNT_ATTRIBUTES).toMatchObject({
      platform: false,
      appType: 0,
      isSandbox: false,
      released: false,
      setting: { MaxCodeSize: 2, MaxSubpackageSubCodeSize: 2, MaxSubpackageFullCodeSize: 20 },
    });
  });
});
