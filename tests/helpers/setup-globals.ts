// Globals the mini-program runtime provides and jsdom does not.
// `wx` itself comes from miniprogram-simulate when a test imports it; tests assign the APIs they stub.
(globalThis as unknown as { getApp: () => unknown }).getApp = () => ({ globalData: { lang: 'zh' } });
