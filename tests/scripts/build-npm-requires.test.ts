/** @jest-environment node */
import { findUnrequiredPackages, packageNameOf, scanRequires } from '../../scripts/build-steps/npm-requires';

// Shaped like miniprogram-ci's packed index.js: a wrapper with a `require(source)` fallback.
const WRAPPER = 'var __REQUIRE__ = function(modId, source) { if(!__MODS__[modId]) return require(source); };';

describe('which packed npm packages are required', () => {
  it('maps specifiers to package names', () => {
    expect(packageNameOf('long')).toBe('long');
    expect(packageNameOf('@protobufjs/float/index.js')).toBe('@protobufjs/float');
    expect(packageNameOf('./aes')).toBeNull();
  });

  it('finds literal requires and ignores the packer fallback and __webpack_require__', () => {
    const scan = scanRequires(`${WRAPPER} require("./core"); require('long'); __webpack_require__(12);`);
    expect(scan).toEqual({ packages: ['long'], dynamicRequireCount: 0 });
  });

  it('flags a require by computed name', () => {
    expect(scanRequires('function inquire(name) { return require(name); }').dynamicRequireCount).toBe(1);
  });

  it('drops what only an unrequired package requires (ZIM declares protobufjs but never requires it)', () => {
    const sources = new Map([
      ['zego-zim-miniprogram', `${WRAPPER} module.exports = ZIM;`],
      ['zego-express-engine-miniprogram', `${WRAPPER} module.exports = ZegoExpressEngine;`],
      ['protobufjs', `${WRAPPER} require("@protobufjs/float"); require("long");`],
      ['@protobufjs/float', WRAPPER],
      ['long', WRAPPER],
      ['crypto-js', WRAPPER],
    ]);
    const result = findUnrequiredPackages(sources, [
      'zego-express-engine-miniprogram',
      'zego-zim-miniprogram',
    ]);
    expect(result.required).toEqual(['zego-express-engine-miniprogram', 'zego-zim-miniprogram']);
    expect(result.unrequired).toEqual(['@protobufjs/float', 'crypto-js', 'long', 'protobufjs']);
  });

  it('keeps a package reached through another kept package', () => {
    const sources = new Map([
      ['sdk', `${WRAPPER} require("helper/lib/x.js");`],
      ['helper', WRAPPER],
      ['unused', WRAPPER],
    ]);
    expect(findUnrequiredPackages(sources, ['sdk']).unrequired).toEqual(['unused']);
  });

  it('deletes nothing when a kept bundle requires by computed name', () => {
    const sources = new Map([
      ['sdk', `${WRAPPER} const load = (n) => require(n);`],
      ['unused', WRAPPER],
    ]);
    const result = findUnrequiredPackages(sources, ['sdk']);
    expect(result.dynamic).toEqual(['sdk']);
    expect(result.unrequired).toEqual([]);
  });
});
