/** @jest-environment node */
import { generateKeyPairSync } from 'node:crypto';
import {
  loadCredentials,
  normalizeKeyText,
  type Env,
  type ReadKeyFile,
} from '../../scripts/release/credentials';
import { UsageError } from '../../scripts/release/errors';

const APPID = 'wx0123456789abcdef';
// WeChat issues PKCS#1 RSA keys ("BEGIN RSA PRIVATE KEY"); a throwaway one stands in for it.
const { privateKey: RSA_KEY, publicKey: PUBLIC_KEY } = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
  publicKeyEncoding: { type: 'spki', format: 'pem' },
});
const { privateKey: EC_KEY } = generateKeyPairSync('ec', {
  namedCurve: 'prime256v1',
  privateKeyEncoding: { type: 'sec1', format: 'pem' },
  publicKeyEncoding: { type: 'spki', format: 'pem' },
});

const noFiles: ReadKeyFile = (path) => {
  throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
};

function files(map: Record<string, string>): ReadKeyFile {
  return (path) => {
    const text = map[path];
    if (text === undefined) return noFiles(path);
    return text;
  };
}

/** The one-line message a credential problem produces; also checks it never echoes the key. */
function failure(env: Env, readKeyFile: ReadKeyFile = noFiles): string {
  try {
    loadCredentials(env, readKeyFile);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    const message = (error as Error).message;
    expect(message).not.toContain('\n');
    expect(message).not.toMatch(/MII[A-Za-z0-9+/]{10}/);
    return message;
  }
  throw new Error('expected a credential error');
}

describe('AppID', () => {
  it('names both variables on one line when nothing is set', () => {
    expect(failure({})).toBe(
      'WX_APPID and WX_PRIVATE_KEY / WX_PRIVATE_KEY_PATH are not set: export the AppID and the code-upload key (content or file path); see --help',
    );
  });

  it('names WX_APPID when only the key is set (blank counts as unset)', () => {
    expect(failure({ WX_PRIVATE_KEY: RSA_KEY })).toMatch(/^WX_APPID is not set: /);
    expect(failure({ WX_APPID: '  ', WX_PRIVATE_KEY: RSA_KEY })).toMatch(/^WX_APPID is not set: /);
  });

  it.each([
    'wx0123',
    'wx0123456789ABCDEF',
    'wxg123456789abcdef',
    '0123456789abcdef01',
    'wx0123456789abcdef0',
  ])('rejects the malformed AppID %p', (appid) => {
    expect(failure({ WX_APPID: appid, WX_PRIVATE_KEY: RSA_KEY })).toBe(
      `WX_APPID "${appid}" is not an AppID: expected wx followed by 16 lowercase hex characters`,
    );
  });

  it("explains that project.config.json's touristappid cannot upload", () => {
    expect(failure({ WX_APPID: 'touristappid', WX_PRIVATE_KEY: RSA_KEY })).toMatch(/DevTools test ID/);
  });

  it('trims the newline a CI secret often carries', () => {
    expect(loadCredentials({ WX_APPID: `${APPID}\n`, WX_PRIVATE_KEY: RSA_KEY }, noFiles).appid).toBe(APPID);
  });
});

describe('upload key', () => {
  it('names both key variables when neither is set', () => {
    expect(failure({ WX_APPID: APPID })).toBe(
      "WX_PRIVATE_KEY / WX_PRIVATE_KEY_PATH is not set: give the code-upload key's content or its file path",
    );
  });

  it('takes the content from WX_PRIVATE_KEY', () => {
    expect(loadCredentials({ WX_APPID: APPID, WX_PRIVATE_KEY: RSA_KEY }, noFiles)).toEqual({
      appid: APPID,
      privateKey: RSA_KEY,
      keySource: 'WX_PRIVATE_KEY',
    });
  });

  it('reads the file WX_PRIVATE_KEY_PATH points to', () => {
    const read = files({ '/secrets/private.wx0123456789abcdef.key': RSA_KEY });
    expect(
      loadCredentials(
        { WX_APPID: APPID, WX_PRIVATE_KEY_PATH: '/secrets/private.wx0123456789abcdef.key' },
        read,
      ),
    ).toEqual({
      appid: APPID,
      privateKey: RSA_KEY,
      keySource: 'WX_PRIVATE_KEY_PATH (/secrets/private.wx0123456789abcdef.key)',
    });
  });

  it('refuses both forms at once rather than guessing which one is current', () => {
    const read = files({ '/k.key': RSA_KEY });
    expect(failure({ WX_APPID: APPID, WX_PRIVATE_KEY: RSA_KEY, WX_PRIVATE_KEY_PATH: '/k.key' }, read)).toBe(
      'WX_PRIVATE_KEY and WX_PRIVATE_KEY_PATH are both set: keep only one of them',
    );
  });

  it('says when the key file is missing, a directory or unreadable', () => {
    expect(failure({ WX_APPID: APPID, WX_PRIVATE_KEY_PATH: '/nope.key' })).toBe(
      'WX_PRIVATE_KEY_PATH (/nope.key) cannot be read: no file there',
    );
    const dir: ReadKeyFile = () => {
      throw Object.assign(new Error('EISDIR'), { code: 'EISDIR' });
    };
    expect(failure({ WX_APPID: APPID, WX_PRIVATE_KEY_PATH: '/etc' }, dir)).toMatch(/it is a directory$/);
    const denied: ReadKeyFile = () => {
      throw Object.assign(new Error('EACCES'), { code: 'EACCES' });
    };
    expect(failure({ WX_APPID: APPID, WX_PRIVATE_KEY_PATH: '/root/k.key' }, denied)).toMatch(
      /permission denied$/,
    );
  });

  it.each([
    ['plain text', 'not a key'],
    ['a bare base64 body', RSA_KEY.split('\n').slice(1, -2).join('')],
    ['an AppSecret pasted by mistake', '0123456789abcdef0123456789abcdef'],
  ])('rejects %s as not PEM', (_what, text) => {
    expect(failure({ WX_APPID: APPID, WX_PRIVATE_KEY: text })).toMatch(
      /^WX_PRIVATE_KEY is not a PEM private key: /,
    );
  });

  it('says when the file holds a public key', () => {
    const read = files({ '/pub.pem': PUBLIC_KEY });
    expect(failure({ WX_APPID: APPID, WX_PRIVATE_KEY_PATH: '/pub.pem' }, read)).toMatch(
      /^WX_PRIVATE_KEY_PATH \(\/pub\.pem\) holds a public key/,
    );
  });

  it('rejects a truncated key that still has its PEM markers', () => {
    const lines = RSA_KEY.trim().split('\n');
    const truncated = [lines[0], ...lines.slice(1, 6), lines[lines.length - 1]].join('\n');
    expect(failure({ WX_APPID: APPID, WX_PRIVATE_KEY: truncated })).toBe(
      'WX_PRIVATE_KEY looks like PEM but is not a readable RSA private key: copy the whole upload key file again',
    );
  });

  it('rejects a non-RSA key, which WeChat cannot verify', () => {
    expect(failure({ WX_APPID: APPID, WX_PRIVATE_KEY: EC_KEY })).toMatch(/not a readable RSA private key/);
  });

  it('accepts a key whose newlines a secret store turned into literal \\n or CRLF', () => {
    const escaped = RSA_KEY.trim().split('\n').join('\\n');
    expect(loadCredentials({ WX_APPID: APPID, WX_PRIVATE_KEY: escaped }, noFiles).privateKey).toBe(RSA_KEY);
    const crlf = RSA_KEY.replace(/\n/g, '\r\n');
    expect(loadCredentials({ WX_APPID: APPID, WX_PRIVATE_KEY: crlf }, noFiles).privateKey).toBe(RSA_KEY);
  });

  it('reports AppID and key problems together, still on one line', () => {
    expect(failure({ WX_APPID: 'wx12', WX_PRIVATE_KEY: 'nope' })).toMatch(
      /^WX_APPID "wx12" is not an AppID: .*; WX_PRIVATE_KEY is not a PEM private key: /,
    );
  });
});

describe('normalizeKeyText', () => {
  it('ends with exactly one newline', () => {
    expect(normalizeKeyText('a\n\n')).toBe('a\n');
  });
});
