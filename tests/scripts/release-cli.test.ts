/** @jest-environment node */
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');

/** Runs the real entry point the way `npm run <command>` does, without any WeChat credentials. */
function run(command: 'preview' | 'upload', args: string[], extraEnv: Record<string, string> = {}) {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extraEnv };
  for (const name of ['WX_APPID', 'WX_PRIVATE_KEY', 'WX_PRIVATE_KEY_PATH']) {
    if (!(name in extraEnv)) delete env[name];
  }
  const started = Date.now();
  const result = spawnSync(TSX, [`scripts/release/${command}.ts`, ...args], {
    cwd: ROOT,
    env,
    encoding: 'utf8',
    timeout: 15_000,
  });
  return { ...result, seconds: (Date.now() - started) / 1000 };
}

describe('release entry points (no network: they stop at the credential check)', () => {
  it.each(['preview', 'upload'] as const)(
    '%s without credentials exits 2 within seconds with one line',
    (command) => {
      const result = run(command, []);
      expect(result.status).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr.trim().split('\n')).toEqual([
        '✗ WX_APPID and WX_PRIVATE_KEY / WX_PRIVATE_KEY_PATH are not set: export the AppID and the code-upload key (content or file path); see --help',
      ]);
      expect(result.seconds).toBeLessThan(10);
    },
  );

  it('a malformed key is named without a stack trace', () => {
    const result = run('upload', [], {
      WX_APPID: 'wx0123456789abcdef',
      WX_PRIVATE_KEY_PATH: '/nonexistent/k.key',
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toBe('✗ WX_PRIVATE_KEY_PATH (/nonexistent/k.key) cannot be read: no file there\n');
  });

  it.each(['preview', 'upload'] as const)('%s --help exits 0 and documents the variables', (command) => {
    const result = run(command, ['--help']);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(`Usage: npm run ${command} -- [options]`);
    expect(result.stdout).toContain('WX_PRIVATE_KEY_PATH');
  });
});
