/**
 * Reads the AppID and the code-upload key from the environment and checks their shape before
 * anything is built, so a CI job with a missing or mangled secret fails in seconds with one line.
 * The key is only held in memory: miniprogram-ci accepts its content, so it is never written out,
 * and no message ever includes it.
 */
import { createPrivateKey } from 'node:crypto';
import { UsageError } from './errors';

export const ENV_APPID = 'WX_APPID';
export const ENV_PRIVATE_KEY = 'WX_PRIVATE_KEY';
export const ENV_PRIVATE_KEY_PATH = 'WX_PRIVATE_KEY_PATH';

export type Env = Readonly<Record<string, string | undefined>>;
export type ReadKeyFile = (path: string) => string;

export interface Credentials {
  appid: string;
  privateKey: string;
  /** Where the key came from, for messages: the variable name, or the variable and file path. */
  keySource: string;
}

const APPID_PATTERN = /^wx[0-9a-f]{16}$/;
const PEM_PRIVATE_KEY = /-----BEGIN ((?:RSA |EC |ENCRYPTED )?PRIVATE KEY)-----\n[\s\S]+?\n-----END \1-----/;

/** Trimmed value, or undefined when unset or blank (an empty CI secret counts as missing). */
function read(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value === undefined || value === '' ? undefined : value;
}

export function checkAppid(env: Env): string {
  const appid = read(env, ENV_APPID);
  if (appid === undefined) {
    throw new UsageError(
      `${ENV_APPID} is not set: export the mini-program's AppID (wx + 16 hex characters, mp.weixin.qq.com → 开发管理 → 开发设置)`,
    );
  }
  if (appid === 'touristappid') {
    throw new UsageError(
      `${ENV_APPID} is "touristappid", the DevTools test ID: set your mini-program's own AppID (wx + 16 hex characters)`,
    );
  }
  if (!APPID_PATTERN.test(appid)) {
    throw new UsageError(
      `${ENV_APPID} "${appid}" is not an AppID: expected wx followed by 16 lowercase hex characters`,
    );
  }
  return appid;
}

/**
 * CI secret stores often turn the PEM's newlines into literal `\n` or CRLF; undo that so a key
 * pasted whole still works.
 */
export function normalizeKeyText(text: string): string {
  let key = text.replace(/\r\n?/g, '\n').trim();
  if (!key.includes('\n') && key.includes('\\n')) key = key.replace(/\\n/g, '\n');
  return `${key}\n`;
}

function checkKeyText(text: string, source: string): string {
  const key = normalizeKeyText(text);
  if (/-----BEGIN [A-Z ]*PUBLIC KEY-----/.test(key)) {
    throw new UsageError(
      `${source} holds a public key: use the private upload key WeChat downloads (private.<appid>.key)`,
    );
  }
  const pem = PEM_PRIVATE_KEY.exec(key);
  if (pem === null) {
    throw new UsageError(
      `${source} is not a PEM private key: expected the whole "-----BEGIN … PRIVATE KEY-----" … "-----END … PRIVATE KEY-----" block of the key file WeChat gives you`,
    );
  }
  try {
    // WeChat signs with RSA PKCS#1; catching a truncated or non-RSA key here beats a vague signing error later.
    const parsed = createPrivateKey({ key: pem[0], format: 'pem' });
    if (parsed.asymmetricKeyType !== 'rsa') throw new Error('not RSA');
  } catch {
    throw new UsageError(
      `${source} looks like PEM but is not a readable RSA private key: copy the whole upload key file again`,
    );
  }
  return `${pem[0]}\n`;
}

function describeReadFailure(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return 'no file there';
  if (code === 'EISDIR') return 'it is a directory';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  return code ?? 'unreadable';
}

export function checkPrivateKey(
  env: Env,
  readKeyFile: ReadKeyFile,
): { privateKey: string; keySource: string } {
  const content = read(env, ENV_PRIVATE_KEY);
  const path = read(env, ENV_PRIVATE_KEY_PATH);
  if (content === undefined && path === undefined) {
    throw new UsageError(
      `${ENV_PRIVATE_KEY} / ${ENV_PRIVATE_KEY_PATH} is not set: give the code-upload key's content or its file path`,
    );
  }
  if (content !== undefined && path !== undefined) {
    // Two sources could disagree; guessing which one a CI job meant would hide a stale secret.
    throw new UsageError(
      `${ENV_PRIVATE_KEY} and ${ENV_PRIVATE_KEY_PATH} are both set: keep only one of them`,
    );
  }
  if (content !== undefined) {
    return { privateKey: checkKeyText(content, ENV_PRIVATE_KEY), keySource: ENV_PRIVATE_KEY };
  }
  const keyPath = path as string;
  const source = `${ENV_PRIVATE_KEY_PATH} (${keyPath})`;
  let text: string;
  try {
    text = readKeyFile(keyPath);
  } catch (error) {
    throw new UsageError(`${source} cannot be read: ${describeReadFailure(error)}`);
  }
  return { privateKey: checkKeyText(text, source), keySource: source };
}

/** Both are checked so one run names everything a CI job has to fix, still on one line. */
export function loadCredentials(env: Env, readKeyFile: ReadKeyFile): Credentials {
  if (
    read(env, ENV_APPID) === undefined &&
    read(env, ENV_PRIVATE_KEY) === undefined &&
    read(env, ENV_PRIVATE_KEY_PATH) === undefined
  ) {
    throw new UsageError(
      `${ENV_APPID} and ${ENV_PRIVATE_KEY} / ${ENV_PRIVATE_KEY_PATH} are not set: export the AppID and the code-upload key (content or file path); see --help`,
    );
  }
  const problems: string[] = [];
  let appid = '';
  let key = { privateKey: '', keySource: '' };
  try {
    appid = checkAppid(env);
  } catch (error) {
    problems.push((error as Error).message);
  }
  try {
    key = checkPrivateKey(env, readKeyFile);
  } catch (error) {
    problems.push((error as Error).message);
  }
  if (problems.length > 0) throw new UsageError(problems.join('; '));
  return { appid, ...key };
}
