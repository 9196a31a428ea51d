/** @jest-environment node */
import fs from 'fs';
import os from 'os';
import path from 'path';
import {
  applyConfigEnv,
  pickConfigEnv,
  validateConfigEnv,
  writeConfigFromEnv,
} from '../../scripts/build-steps/write-config';

const CONFIG_VALUES = path.resolve(__dirname, '../../miniprogram/config.values.ts');

const TEMPLATE = `// Deployment values, rewritten by npm run build.
// The ZEGO ServerSecret never belongs here.
export const configValues = {
  appID: 0,
  server: 'wss://webliveroom-test.zego.im/ws',
  tokenUrl: '',
  authMode: 'dev',
};
`;

describe('config values from the environment', () => {
  it('reads only the four configuration variables, never the server secret', () => {
    const env = {
      ZEGO_APP_ID: ' 1234567 ',
      TOKEN_URL: '',
      ZEGO_SERVER_SECRET: '0123456789abcdef0123456789abcdef',
      PATH: '/usr/bin',
    };
    expect(pickConfigEnv(env)).toEqual({ ZEGO_APP_ID: '1234567' });
  });

  it.each(['abc', '0', '-5', '12.5', '1e6', '99999999999999999999'])(
    'rejects ZEGO_APP_ID=%s in one line',
    (value) => {
      expect(() => validateConfigEnv({ ZEGO_APP_ID: value })).toThrow(
        new RegExp(`^ZEGO_APP_ID must be a positive integer .*got "${value.replace('.', '\\.')}"$`),
      );
    },
  );

  it('rejects a server that is not wss://, a token URL that is not http(s), and an unknown auth mode', () => {
    expect(() => validateConfigEnv({ ZEGO_SERVER: 'https://example.com/ws' })).toThrow(
      /ZEGO_SERVER .*wss:\/\//,
    );
    expect(() => validateConfigEnv({ TOKEN_URL: 'example.com/token' })).toThrow(/TOKEN_URL .*https:\/\//);
    expect(() => validateConfigEnv({ AUTH_MODE: 'admin' })).toThrow(/AUTH_MODE must be dev or wechat/);
    expect(() => validateConfigEnv({ TOKEN_URL: "https://x.example/t?a='b'" })).toThrow(/quotes/);
  });

  it('names every bad variable in the same line', () => {
    expect(() => validateConfigEnv({ ZEGO_APP_ID: 'x', AUTH_MODE: 'y' })).toThrow(
      /^ZEGO_APP_ID .*; AUTH_MODE /,
    );
  });

  it('rewrites only the values that are set, keeping comments and shape', () => {
    const result = applyConfigEnv(TEMPLATE, {
      ZEGO_APP_ID: '1234567',
      ZEGO_SERVER: 'wss://a.example/ws,wss://b.example/ws',
      TOKEN_URL: 'https://tokens.example/v1/token',
    });
    expect(result).toBe(
      TEMPLATE.replace('appID: 0,', 'appID: 1234567,')
        .replace(
          "server: 'wss://webliveroom-test.zego.im/ws',",
          "server: 'wss://a.example/ws,wss://b.example/ws',",
        )
        .replace("tokenUrl: '',", "tokenUrl: 'https://tokens.example/v1/token',"),
    );
  });

  it('understands the committed config.values.ts', () => {
    const source = fs.readFileSync(CONFIG_VALUES, 'utf8');
    const result = applyConfigEnv(source, { ZEGO_APP_ID: '42', AUTH_MODE: 'wechat' });
    expect(result).toMatch(/appID: 42,/);
    expect(result).toMatch(/authMode: 'wechat',/);
  });

  it('leaves the file untouched when nothing is set', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'config-values-'));
    try {
      const file = path.join(dir, 'config.values.ts');
      fs.writeFileSync(file, TEMPLATE);
      expect(writeConfigFromEnv(file, {})).toEqual({ applied: [], changed: false });
      expect(writeConfigFromEnv(file, { AUTH_MODE: 'wechat' })).toEqual({
        applied: ['AUTH_MODE'],
        changed: true,
      });
      expect(fs.readFileSync(file, 'utf8')).toContain("authMode: 'wechat',");
      expect(writeConfigFromEnv(file, { AUTH_MODE: 'wechat' })).toEqual({
        applied: ['AUTH_MODE'],
        changed: false,
      });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
