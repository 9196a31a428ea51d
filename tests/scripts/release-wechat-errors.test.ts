/** @jest-environment node */
import { explainWeChatError, readErrorDetails } from '../../scripts/release/wechat-errors';

/** What miniprogram-ci throws: a CodeError (an Error with a numeric `code`) wrapping WeChat's answer. */
function codeError(message: string, code: number): Error {
  return Object.assign(new Error(message), { code });
}

const context = { appid: 'wx0123456789abcdef', version: '1.2.3' };

describe('readErrorDetails', () => {
  it('finds errCode and errMsg in the JSON miniprogram-ci wraps', () => {
    const error = codeError(
      'Error: {"errCode":-10008,"errMsg":"invalid ip: 203.0.113.7, reference: https://developers.weixin.qq.com/miniprogram/dev/devtools/ci.html"}',
      20003,
    );
    expect(readErrorDetails(error)).toEqual({
      ciCode: 20003,
      errCode: -10008,
      errMsg:
        'invalid ip: 203.0.113.7, reference: https://developers.weixin.qq.com/miniprogram/dev/devtools/ci.html',
      text: '{"errCode":-10008,"errMsg":"invalid ip: 203.0.113.7, reference: https://developers.weixin.qq.com/miniprogram/dev/devtools/ci.html"}',
    });
  });

  it('reads the `errCode: …; errMsg: …` form of the signing handshake', () => {
    const error = codeError('Error: Error: errCode: -10008; errMsg: invalid ip: 198.51.100.2', 20003);
    expect(readErrorDetails(error)).toMatchObject({ errCode: -10008, errMsg: 'invalid ip: 198.51.100.2' });
  });
});

describe('explainWeChatError', () => {
  // -10008 is WeChat's documented code for the IP allow-list; the other codes here are placeholders,
  // since those cases are recognised by their message text.
  it.each([
    [
      'IP not on the allow-list (JSON answer)',
      codeError('Error: {"errCode":-10008,"errMsg":"invalid ip: 203.0.113.7, reference: https://x"}', 20003),
      "WeChat refused this machine's IP 203.0.113.7: add it to the IP allow-list (mp.weixin.qq.com → 开发管理 → 开发设置 → 小程序代码上传 → IP白名单) or switch the allow-list off, then run again",
    ],
    [
      'IP not on the allow-list (handshake form, IPv6)',
      codeError('Error: Error: errCode: -10008; errMsg: invalid ip: 2001:db8::1, reference: x', 20003),
      expect.stringContaining('IP 2001:db8::1: add it to the IP allow-list'),
    ],
    [
      'a key that cannot sign at all',
      codeError(
        'Error: Error: generate local signature fail. Usually this happens the content or encoding of private key file is incorrect. Detail: Error: error:1E08010C:DECODER routines::unsupported',
        20003,
      ),
      'The upload key could not sign the request: set WX_PRIVATE_KEY / WX_PRIVATE_KEY_PATH to the whole private.<appid>.key file WeChat issued',
    ],
    [
      'a key WeChat does not recognise',
      codeError('Error: {"errCode":-10009,"errMsg":"invalid signature"}', 20003),
      expect.stringMatching(/^WeChat rejected the upload key for wx0123456789abcdef: download a new one/),
    ],
    [
      'an AppID the key does not belong to',
      codeError('Error: {"errCode":40013,"errMsg":"invalid appid"}', 20003),
      'WeChat does not accept AppID wx0123456789abcdef with this key: set WX_APPID to the mini-program the upload key was downloaded for',
    ],
    [
      'a version lower than the one WeChat already has',
      codeError(
        'Error: {"errCode":-80082,"errMsg":"version must be greater than the online version"}',
        20003,
      ),
      'WeChat needs a higher version than the one it already has (1.2.3): pass --version above the latest uploaded version and bump package.json',
    ],
    [
      'the same in Chinese',
      codeError('Error: {"errCode":-1,"errMsg":"版本号必须大于线上版本"}', 20003),
      expect.stringMatching(/^WeChat needs a higher version/),
    ],
    [
      'an outdated miniprogram-ci',
      codeError('Error: {"errCode":-1,"errMsg":"ci version too low, please update miniprogram-ci"}', 20003),
      'WeChat wants a newer miniprogram-ci: run npm install -D miniprogram-ci@latest, commit package.json and package-lock.json, then run again',
    ],
    [
      'no network',
      codeError('Error: Error: getaddrinfo ENOTFOUND servicewechat.com', 20003),
      'Could not reach WeChat (servicewechat.com): check the network or the HTTPS_PROXY setting, then run again',
    ],
    [
      'a compile error',
      codeError('pages/entry/index.wxml: unexpected end of tag', 10038),
      "WeChat's compiler failed on the project (npm run build shows the same offline): pages/entry/index.wxml: unexpected end of tag",
    ],
  ])('explains %s in one line', (_case, error, expected) => {
    const advice = explainWeChatError(error, context);
    expect(advice).toEqual(expected);
    expect(advice).not.toContain('\n');
  });

  it('falls back to WeChat’s own code and message, without a stack', () => {
    const error = codeError('Error: {"errCode":-123,"errMsg":"something\\nnew"}', 20003);
    expect(explainWeChatError(error, context)).toBe(
      "WeChat error -123: something\\nnew (run again with --verbose for miniprogram-ci's log)",
    );
    const plain = new Error('boom\n    at Object.<anonymous> (/x.js:1:1)');
    const advice = explainWeChatError(plain, context);
    expect(advice).toMatch(/^WeChat failed: boom at Object/);
    expect(advice).not.toContain('\n');
  });

  it('shortens a very long message', () => {
    const advice = explainWeChatError(new Error('x'.repeat(5000)), context);
    expect(advice.length).toBeLessThan(400);
  });

  it('names no version for a preview', () => {
    const error = codeError('Error: {"errCode":-1,"errMsg":"version too low"}', 20003);
    expect(explainWeChatError(error, { ...context, version: undefined })).toMatch(
      /^WeChat needs a higher version than the one it already has: /,
    );
  });
});
