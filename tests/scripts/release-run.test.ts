/** @jest-environment node */
import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type {
  CiClient,
  CiPreviewOptions,
  CiProjectOptions,
  CiResult,
  CiUploadOptions,
} from '../../scripts/release/ci-options';
import { ReleaseError } from '../../scripts/release/errors';
import { runRelease, type ReleaseDeps } from '../../scripts/release/run';
import { readBuildSizes } from '../../scripts/release/sizes';

const APPID = 'wx0123456789abcdef';
const { privateKey: KEY } = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
  publicKeyEncoding: { type: 'spki', format: 'pem' },
});
const SIZES: CiResult = {
  subPackageInfo: [
    { name: '__FULL__', size: 600_000 },
    { name: '/live/', size: 200_000 },
    { name: '__APP__', size: 400_000 },
  ],
};

/** build/size-report.json as `npm run build` writes it (scripts/build.ts), trimmed to what matters here. */
const SIZE_REPORT = {
  generatedAt: '2026-11-21T06:00:00.000Z',
  budget: { mainBytes: 102_400, subpackageBytes: 2_097_152, totalBytes: 20_971_520 },
  ok: true,
  failure: null,
  packages: [
    { name: 'main', kind: 'main', bytes: 398_000, budgetBytes: 102_400, ok: true, kib: 388.7 },
    { name: 'live', kind: 'subpackage', bytes: 190_000, budgetBytes: 2_097_152, ok: true, kib: 185.5 },
    { name: 'total', kind: 'total', bytes: 588_000, budgetBytes: 20_971_520, ok: true, kib: 574.2 },
  ],
};

/** Records what miniprogram-ci would receive, in call order with the build. */
class FakeCi implements CiClient {
  readonly projects: CiProjectOptions[] = [];
  readonly previews: CiPreviewOptions[] = [];
  readonly uploads: CiUploadOptions[] = [];
  failure: unknown = undefined;

  constructor(private readonly calls: string[]) {}

  createProject(options: CiProjectOptions): object {
    this.calls.push('createProject');
    this.projects.push(options);
    return { fakeProject: options.appid };
  }

  async preview(options: CiPreviewOptions): Promise<CiResult> {
    this.calls.push('preview');
    this.previews.push(options);
    options.onProgressUpdate({ id: 'c', message: 'compile', status: 'doing' });
    options.onProgressUpdate({ id: 'c', message: 'compile', status: 'done' });
    options.onProgressUpdate('upload');
    if (this.failure !== undefined) throw this.failure;
    return SIZES;
  }

  async upload(options: CiUploadOptions): Promise<CiResult> {
    this.calls.push('upload');
    this.uploads.push(options);
    if (this.failure !== undefined) throw this.failure;
    return SIZES;
  }
}

interface Harness {
  deps: ReleaseDeps;
  ci: FakeCi;
  calls: string[];
  out: string[];
  err: string[];
  root: string;
}

let roots: string[] = [];
afterEach(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
  roots = [];
});

function harness(env: Record<string, string | undefined>, overrides: Partial<ReleaseDeps> = {}): Harness {
  const root = mkdtempSync(path.join(tmpdir(), 'release-run-'));
  roots.push(root);
  const calls: string[] = [];
  const out: string[] = [];
  const err: string[] = [];
  const ci = new FakeCi(calls);
  const deps: ReleaseDeps = {
    env,
    projectRoot: root,
    readKeyFile: (file) => {
      if (file === '/secrets/private.key') return KEY;
      throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
    },
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    runBuild: async () => {
      calls.push('build');
      mkdirSync(path.join(root, 'build'), { recursive: true });
      writeFileSync(path.join(root, 'build', 'size-report.json'), JSON.stringify(SIZE_REPORT));
    },
    buildSizes: () => readBuildSizes(path.join(root, 'build', 'size-report.json')),
    loadCi: async () => {
      calls.push('loadCi');
      return ci;
    },
    renderQr: async () => '<terminal QR>',
    withCiLogs: (_verbose, call) => call(),
    keyFileExposed: () => false,
    defaultVersion: () => '0.1.0',
    defaultDesc: () => 'Entry page: deep links',
    pages: () => ['pages/entry/index', 'live/pages/room/index', 'live/pages/chat/index'],
    ...overrides,
  };
  return { deps, ci, calls, out, err, root };
}

const CREDENTIALS = { WX_APPID: APPID, WX_PRIVATE_KEY: KEY };

describe('npm run preview', () => {
  it('builds, then previews with the page, query, robot, description, setting and QR path', async () => {
    const h = harness(CREDENTIALS);
    const code = await runRelease(
      'preview',
      [
        '--page',
        '/live/pages/room/index',
        '--query',
        'roomID=abc&role=audience',
        '--robot',
        '3',
        '--desc',
        'QA',
      ],
      h.deps,
    );
    expect(code).toBe(0);
    expect(h.err).toEqual([]);
    expect(h.calls).toEqual(['build', 'loadCi', 'createProject', 'preview']);
    expect(h.ci.projects).toEqual([
      {
        appid: APPID,
        type: 'miniProgram',
        projectPath: h.root,
        privateKey: KEY,
        ignores: expect.arrayContaining(['**/*.key', '**/*.pem', 'server/**/*']),
      },
    ]);
    expect(h.ci.previews).toEqual([
      {
        project: { fakeProject: APPID },
        desc: 'QA',
        robot: 3,
        setting: { useProjectConfig: true },
        qrcodeFormat: 'image',
        qrcodeOutputDest: path.join(h.root, 'build', 'preview-qr.png'),
        pagePath: 'live/pages/room/index',
        searchQuery: 'roomID=abc&role=audience',
        onProgressUpdate: expect.any(Function),
      },
    ]);
    // build/ exists so miniprogram-ci can write the QR image there.
    expect(readdirSync(h.root)).toEqual(['build']);
  });

  it('shows progress, the sizes WeChat reports, the QR code and a summary line', async () => {
    const h = harness(CREDENTIALS);
    await runRelease('preview', ['--page', 'live/pages/room/index', '--query', 'roomID=abc'], h.deps);
    expect(h.out).toEqual([
      'Offline build sizes: main 388.7 KiB, live 185.5 KiB, total 574.2 KiB',
      `Preview for ${APPID} as robot 1: WeChat compiles and uploads…`,
      '  … compile',
      expect.stringMatching(/^ {2}✓ compile \(\d+\.\ds\)$/),
      '  · upload',
      'Package sizes reported by WeChat:',
      '  main   390.6 KiB   19% of 2.00 MiB   (offline build 388.7 KiB)',
      '  live   195.3 KiB   10% of 2.00 MiB   (offline build 185.5 KiB)',
      '  total  585.9 KiB    3% of 20.00 MiB  (offline build 574.2 KiB)',
      '<terminal QR>',
      '✓ Preview ready: scan build/preview-qr.png with WeChat to open live/pages/room/index?roomID=abc; total 585.9 KiB (main 390.6 KiB, live 195.3 KiB)',
    ]);
  });

  it('leaves page and query out when not given, and describes the preview with the last commit subject', async () => {
    const h = harness(CREDENTIALS);
    expect(await runRelease('preview', [], h.deps)).toBe(0);
    const [options] = h.ci.previews;
    expect(options).not.toHaveProperty('pagePath');
    expect(options).not.toHaveProperty('searchQuery');
    expect(options).toMatchObject({ desc: 'Entry page: deep links', robot: 1 });
    expect(h.out[h.out.length - 1]).toMatch(/to open the entry page; total/);
  });

  it('refuses a page app.json does not declare, before building', async () => {
    const h = harness(CREDENTIALS);
    expect(await runRelease('preview', ['--page', 'live/pages/rooms/index'], h.deps)).toBe(2);
    expect(h.calls).toEqual([]);
    expect(h.err).toEqual([
      '✗ --page "live/pages/rooms/index" is not in app.json; pages are: pages/entry/index, live/pages/room/index, live/pages/chat/index',
    ]);
  });

  it('still succeeds when the QR cannot be drawn in the terminal: the image file is what counts', async () => {
    const h = harness(CREDENTIALS, { renderQr: async () => undefined });
    expect(await runRelease('preview', [], h.deps)).toBe(0);
    expect(h.out).not.toContain('<terminal QR>');
  });
});

describe('npm run upload', () => {
  it("defaults to package.json's version and the last commit's subject", async () => {
    const h = harness({ WX_APPID: APPID, WX_PRIVATE_KEY_PATH: '/secrets/private.key' });
    expect(await runRelease('upload', [], h.deps)).toBe(0);
    expect(h.calls).toEqual(['build', 'loadCi', 'createProject', 'upload']);
    expect(h.ci.uploads).toEqual([
      {
        project: { fakeProject: APPID },
        version: '0.1.0',
        desc: 'Entry page: deep links',
        robot: 1,
        setting: { useProjectConfig: true },
        onProgressUpdate: expect.any(Function),
      },
    ]);
    expect(h.ci.projects[0]?.privateKey).toBe(KEY);
  });

  it('passes --version, --desc and --robot through and ends with one summary line', async () => {
    const h = harness(CREDENTIALS);
    const code = await runRelease(
      'upload',
      ['--version', '1.2.0', '--desc', 'Live rooms', '--robot', '2'],
      h.deps,
    );
    expect(code).toBe(0);
    expect(h.ci.uploads[0]).toMatchObject({ version: '1.2.0', desc: 'Live rooms', robot: 2 });
    expect(h.out[1]).toBe(`Uploading 1.2.0 to ${APPID} as robot 2: "Live rooms"`);
    expect(h.out.filter((line) => line.startsWith('✓ Uploaded'))).toEqual([
      `✓ Uploaded 1.2.0 (robot 2) to ${APPID}: total 585.9 KiB (main 390.6 KiB, live 195.3 KiB); submit it for review under 版本管理 at mp.weixin.qq.com`,
    ]);
  });

  it('falls back to a fixed description outside a git checkout', async () => {
    const h = harness(CREDENTIALS, { defaultDesc: () => undefined });
    await runRelease('upload', [], h.deps);
    expect(h.ci.uploads[0]?.desc).toBe('npm run upload (no git subject found)');
  });
});

describe('failures', () => {
  it.each([
    ['nothing set', 'preview', {}],
    ['no key', 'upload', { WX_APPID: APPID }],
    ['no AppID', 'upload', { WX_PRIVATE_KEY: KEY }],
    ['a malformed key', 'preview', { WX_APPID: APPID, WX_PRIVATE_KEY: 'nope' }],
    [
      'both key forms',
      'upload',
      { WX_APPID: APPID, WX_PRIVATE_KEY: KEY, WX_PRIVATE_KEY_PATH: '/secrets/private.key' },
    ],
  ] as const)('%s (%s): exit 2, one line, nothing built or loaded', async (_case, command, env) => {
    const h = harness(env);
    expect(await runRelease(command, [], h.deps)).toBe(2);
    expect(h.calls).toEqual([]);
    expect(h.out).toEqual([]);
    expect(h.err).toHaveLength(1);
    expect(h.err[0]).toMatch(/^✗ .*WX_(APPID|PRIVATE_KEY)/);
    expect(h.err[0]).not.toContain('\n');
  });

  it('refuses a key file git would commit, before building', async () => {
    const h = harness(
      { WX_APPID: APPID, WX_PRIVATE_KEY_PATH: '/secrets/private.key' },
      { keyFileExposed: (keyPath) => keyPath === '/secrets/private.key' },
    );
    expect(await runRelease('upload', [], h.deps)).toBe(2);
    expect(h.calls).toEqual([]);
    expect(h.err).toEqual([
      '✗ WX_PRIVATE_KEY_PATH (/secrets/private.key) is inside the repository and not git-ignored: move the key out of the checkout or name it *.key',
    ]);
  });

  it('bad arguments: exit 2 before credentials are even read', async () => {
    const h = harness({});
    expect(await runRelease('upload', ['--robot', '99'], h.deps)).toBe(2);
    expect(h.err).toEqual(['✗ --robot must be a whole number from 1 to 30, got "99"']);
  });

  it('a failed build: exit 1, WeChat never contacted', async () => {
    const h = harness(CREDENTIALS, {
      runBuild: async () => {
        throw new ReleaseError('npm run build failed (exit code 1): fix the errors above, then run again');
      },
    });
    expect(await runRelease('preview', [], h.deps)).toBe(1);
    expect(h.calls).toEqual([]);
    expect(h.err).toEqual(['✗ npm run build failed (exit code 1): fix the errors above, then run again']);
  });

  it('WeChat refusing the IP: exit 1 and one line saying what to do', async () => {
    const h = harness(CREDENTIALS);
    h.ci.failure = Object.assign(
      new Error('Error: {"errCode":-10008,"errMsg":"invalid ip: 203.0.113.7, reference: https://x"}'),
      { code: 20003 },
    );
    expect(await runRelease('upload', [], h.deps)).toBe(1);
    expect(h.err).toHaveLength(1);
    expect(h.err[0]).toMatch(
      /^✗ WeChat refused this machine's IP 203\.0\.113\.7: add it to the IP allow-list/,
    );
  });

  it('names the default version when WeChat wants a higher one', async () => {
    const h = harness(CREDENTIALS);
    h.ci.failure = new Error('Error: {"errCode":-1,"errMsg":"version must be greater than online version"}');
    expect(await runRelease('upload', [], h.deps)).toBe(1);
    expect(h.err).toEqual([expect.stringContaining('than the one it already has (0.1.0)')]);
  });

  it('adds the stack only with --verbose', async () => {
    const h = harness(CREDENTIALS);
    h.ci.failure = new Error('socket hang up');
    expect(await runRelease('upload', ['--verbose'], h.deps)).toBe(1);
    expect(h.err).toHaveLength(2);
    expect(h.err[0]).toMatch(/^Error: socket hang up\n\s+at /);
    expect(h.err[1]).toMatch(/^✗ Could not reach WeChat/);
  });

  it('never prints the key', async () => {
    const h = harness(CREDENTIALS);
    h.ci.failure = new Error('Error: {"errCode":-10009,"errMsg":"invalid signature"}');
    await runRelease('upload', [], h.deps);
    const body = KEY.split('\n')[1] as string;
    expect([...h.out, ...h.err].join('\n')).not.toContain(body);
  });
});

describe('--help', () => {
  it.each(['preview', 'upload'] as const)(
    '%s: documents every variable and option, needs no credentials',
    async (command) => {
      const h = harness({});
      expect(await runRelease(command, ['--help'], h.deps)).toBe(0);
      expect(h.calls).toEqual([]);
      const text = h.out.join('\n');
      for (const name of ['WX_APPID', 'WX_PRIVATE_KEY', 'WX_PRIVATE_KEY_PATH', 'HTTPS_PROXY']) {
        expect(text).toContain(name);
      }
      const options =
        command === 'preview'
          ? ['--page', '--query', '--robot', '--desc', '--verbose', '--help']
          : ['--version', '--robot', '--desc', '--verbose', '--help'];
      for (const option of options) expect(text).toContain(option);
      expect(text).toContain('IP白名单');
      expect(text).toContain(`npm run ${command}`);
    },
  );

  it('preview help names the QR image path', async () => {
    const h = harness({});
    await runRelease('preview', ['-h'], h.deps);
    expect(h.out.join('\n')).toContain('build/preview-qr.png');
  });
});
