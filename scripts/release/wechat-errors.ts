/**
 * Turns what miniprogram-ci throws into one line saying what to do. It wraps WeChat's answers in
 * nested `Error: Error: {"errCode":…,"errMsg":"…"}` strings (or `errCode: …; errMsg: …` when the
 * signing handshake fails), so the raw text is searched for the code and message.
 *
 * Only -10008 (IP allow-list) is a code WeChat publicly documents for CI; the other cases are
 * matched on the message text miniprogram-ci and WeChat use, in both English and Chinese.
 */

/** miniprogram-ci's own error codes (dist/config/config.js). */
export const CI_CODE = {
  paramError: 10000,
  signatureRandStringError: 20001,
  localSignatureError: 20002,
  uploadCgiError: 20003,
} as const;

export const WECHAT_INVALID_IP = -10008;

export interface ErrorContext {
  appid: string;
  /** Version being uploaded; undefined for previews. */
  version: string | undefined;
}

export interface WeChatErrorDetails {
  /** miniprogram-ci's CodeError code, when it set one. */
  ciCode: number | undefined;
  /** WeChat's errCode, when its answer is in the message. */
  errCode: number | undefined;
  errMsg: string | undefined;
  /** The whole message on one line, without the `Error: ` prefixes. */
  text: string;
}

const CONSOLE_PATH = 'mp.weixin.qq.com → 开发管理 → 开发设置 → 小程序代码上传';
const MAX_ECHO = 240;

export function readErrorDetails(error: unknown): WeChatErrorDetails {
  const raw =
    error instanceof Error ? error.message : typeof error === 'string' ? error : JSON.stringify(error);
  const text = (raw ?? '')
    .replace(/\s+/g, ' ')
    .replace(/^(?:Error:\s*)+/, '')
    .trim();
  const codeValue = (error as { code?: unknown } | null | undefined)?.code;
  const ciCode = typeof codeValue === 'number' ? codeValue : undefined;
  const codeMatch = /errCode"?\s*[:=]\s*(-?\d+)/i.exec(text);
  const msgMatch = /"errMsg"\s*:\s*"((?:[^"\\]|\\.)*)"/.exec(text) ?? /errMsg\s*:\s*([^;}]*)/i.exec(text);
  return {
    ciCode,
    errCode: codeMatch?.[1] === undefined ? undefined : Number(codeMatch[1]),
    errMsg: msgMatch?.[1]?.trim(),
    text,
  };
}

function echo(text: string): string {
  return text.length > MAX_ECHO ? `${text.slice(0, MAX_ECHO - 1)}…` : text;
}

type Rule = (details: WeChatErrorDetails, context: ErrorContext) => string | undefined;

const RULES: readonly Rule[] = [
  ({ errCode, text }) => {
    if (errCode !== WECHAT_INVALID_IP && !/invalid ip/i.test(text)) return undefined;
    const ip = /invalid ip:?\s*([0-9a-f.:]+[0-9a-f])/i.exec(text)?.[1];
    const who = ip === undefined ? "this machine's IP" : `this machine's IP ${ip}`;
    return `WeChat refused ${who}: add it to the IP allow-list (${CONSOLE_PATH} → IP白名单) or switch the allow-list off, then run again`;
  },
  ({ ciCode, text }) => {
    if (
      ciCode !== CI_CODE.localSignatureError &&
      !/generate local signature fail|生成本地签名失败/i.test(text)
    ) {
      return undefined;
    }
    return 'The upload key could not sign the request: set WX_PRIVATE_KEY / WX_PRIVATE_KEY_PATH to the whole private.<appid>.key file WeChat issued';
  },
  ({ text }, { appid }) => {
    if (!/signature|签名|private ?key|密钥|decrypt/i.test(text)) return undefined;
    return `WeChat rejected the upload key for ${appid}: download a new one (${CONSOLE_PATH} → 重置/下载密钥; the old key stops working) and update WX_PRIVATE_KEY / WX_PRIVATE_KEY_PATH`;
  },
  ({ errCode, text }, { appid }) => {
    const appidProblem =
      errCode === 40013 ||
      (/appid/i.test(text) &&
        /invalid|not match|mismatch|not exist|no permission|不匹配|不存在|无权限|错误/i.test(text));
    if (!appidProblem) return undefined;
    return `WeChat does not accept AppID ${appid} with this key: set WX_APPID to the mini-program the upload key was downloaded for`;
  },
  ({ text }) => {
    if (!/miniprogram-ci|ci version|ci 版本|工具版本|升级/i.test(text)) return undefined;
    return 'WeChat wants a newer miniprogram-ci: run npm install -D miniprogram-ci@latest, commit package.json and package-lock.json, then run again';
  },
  ({ text }, { version }) => {
    const tooLow =
      /version/i.test(text) && /too low|lower|smaller|less than|greater|higher|must be/i.test(text);
    if (!tooLow && !/版本号.*(小于|低于|大于|必须)|(小于|低于).*版本/.test(text)) return undefined;
    const current = version === undefined ? '' : ` (${version})`;
    return `WeChat needs a higher version than the one it already has${current}: pass --version above the latest uploaded version and bump package.json`;
  },
  ({ text }) => {
    if (!/ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|socket hang up|network|timeout/i.test(text)) {
      return undefined;
    }
    return 'Could not reach WeChat (servicewechat.com): check the network or the HTTPS_PROXY setting, then run again';
  },
  ({ text }) => {
    if (!/exceed|too large|size limit|超过|超出|过大/i.test(text)) return undefined;
    return `WeChat says the code package is too large (main and each subpackage ≤ 2 MB, all ≤ 20 MB): move code into subpackages or drop unused files — ${echo(text)}`;
  },
  ({ ciCode, text }) => {
    const compileCode = ciCode !== undefined && ciCode > CI_CODE.paramError && ciCode < 20000;
    if (!compileCode) return undefined;
    return `WeChat's compiler failed on the project (npm run build shows the same offline): ${echo(text)}`;
  },
];

/** One line, no stack: what went wrong and what to do about it. */
export function explainWeChatError(error: unknown, context: ErrorContext): string {
  const details = readErrorDetails(error);
  for (const rule of RULES) {
    const advice = rule(details, context);
    if (advice !== undefined) return advice;
  }
  const shown = details.errMsg ?? details.text;
  return `WeChat ${details.errCode === undefined ? 'failed' : `error ${details.errCode}`}: ${echo(shown || 'no message')} (run again with --verbose for miniprogram-ci's log)`;
}
