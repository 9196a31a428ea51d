/** @jest-environment node */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildCommand } from '../../scripts/release/build-step';
import { renderQrInTerminal, withCiLogs } from '../../scripts/release/ci-client';
import { createProgressPrinter } from '../../scripts/release/progress';
import {
  checkPageExists,
  isKeyFileExposed,
  listPages,
  readAppJson,
} from '../../scripts/release/project-info';
import {
  formatBuildSizes,
  formatBytes,
  formatSizeTable,
  readBuildSizes,
  summarizeSizes,
  toPackageSizes,
} from '../../scripts/release/sizes';

const ROOT = path.resolve(__dirname, '..', '..');

describe('package sizes', () => {
  const reported = [
    { name: '__FULL__', size: 2_500_000 },
    { name: '/b-pkg/', size: 2_200_000 },
    { name: '__APP__', size: 200_000 },
    { name: '/a-pkg/', size: 100_000 },
  ];

  it('orders main, subpackages by name, then the total', () => {
    expect(toPackageSizes(reported).map((row) => row.label)).toEqual(['main', 'a-pkg', 'b-pkg', 'total']);
  });

  it("prints each against WeChat's limit and flags one over it", () => {
    expect(formatSizeTable('Sizes', toPackageSizes(reported))).toEqual([
      'Sizes:',
      '  main   195.3 KiB   10% of 2.00 MiB',
      '  a-pkg   97.7 KiB    5% of 2.00 MiB',
      '  b-pkg   2.10 MiB  105% of 2.00 MiB  OVER THE LIMIT',
      '  total   2.38 MiB   12% of 20.00 MiB',
    ]);
    expect(summarizeSizes(toPackageSizes(reported))).toBe(
      'total 2.38 MiB (main 195.3 KiB, a-pkg 97.7 KiB, b-pkg 2.10 MiB)',
    );
  });

  it('says so when WeChat reports nothing', () => {
    expect(formatSizeTable('Sizes', [])).toEqual(['Sizes: none reported']);
    expect(summarizeSizes([])).toBe('sizes not reported');
  });

  it('formats bytes', () => {
    expect([formatBytes(12), formatBytes(2048), formatBytes(3 * 1024 * 1024)]).toEqual([
      '12 B',
      '2.0 KiB',
      '3.00 MiB',
    ]);
  });
});

describe("the offline build's size report", () => {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'release-sizes-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function report(name: string, content: string): string {
    const file = path.join(dir, name);
    writeFileSync(file, content);
    return file;
  }

  it('reads bytes per package from build/size-report.json and prints them beside WeChat’s figures', () => {
    const file = report(
      'size-report.json',
      JSON.stringify({
        ok: true,
        packages: [
          { name: 'main', kind: 'main', bytes: 81_920, budgetBytes: 102_400, ok: true, kib: 80 },
          {
            name: 'live',
            kind: 'subpackage',
            bytes: 1_153_434,
            budgetBytes: 2_097_152,
            ok: true,
            kib: 1126.4,
          },
          { name: 'total', kind: 'total', bytes: 1_235_354, budgetBytes: 20_971_520, ok: true, kib: 1206.4 },
        ],
      }),
    );
    const sizes = readBuildSizes(file);
    expect(sizes && formatBuildSizes(sizes)).toBe(
      'Offline build sizes: main 80.0 KiB, live 1.10 MiB, total 1.18 MiB',
    );
    const wechat = toPackageSizes([
      { name: '__APP__', size: 83_000 },
      { name: '/live/', size: 1_160_000 },
      { name: '__FULL__', size: 1_243_000 },
    ]);
    expect(formatSizeTable('WeChat', wechat, sizes)).toEqual([
      'WeChat:',
      '  main   81.1 KiB    4% of 2.00 MiB   (offline build 80.0 KiB)',
      '  live   1.11 MiB   55% of 2.00 MiB   (offline build 1.10 MiB)',
      '  total  1.19 MiB    6% of 20.00 MiB  (offline build 1.18 MiB)',
    ]);
  });

  it.each([
    ['missing', undefined],
    ['not JSON', '{ oops'],
    ['without packages', '{"ok":true}'],
    ['with unusable rows', '{"packages":[{"name":"main"},{"bytes":3}]}'],
  ])('is skipped when the report is %s', (_case, content) => {
    const file = content === undefined ? path.join(dir, 'absent.json') : report(`r-${_case}.json`, content);
    expect(readBuildSizes(file)).toBeUndefined();
  });
});

describe('progress', () => {
  function printer() {
    const lines: string[] = [];
    let clock = 0;
    const progress = createProgressPrinter(
      (line) => lines.push(line),
      () => clock,
      2000,
    );
    return { lines, progress, tick: (ms: number) => (clock += ms) };
  }

  it('prints one line per step, names a finished step after its start, times it and skips repeats', () => {
    const { lines, progress, tick } = printer();
    progress.update({ id: '1', message: 'Compile JSON files', status: 'doing' });
    progress.update({ id: '1', message: 'Compile JSON files', status: 'doing' });
    tick(2500);
    progress.update({ id: '1', message: '', status: 'done' });
    progress.update({ id: '2', message: 'large image', status: 'warn' });
    progress.update({ id: '3', message: 'upload', status: 'fail' });
    progress.update('  uploading  ');
    progress.update('');
    progress.update({ id: '4', message: '', status: 'info' });
    expect(lines).toEqual([
      '  … Compile JSON files',
      '  ✓ Compile JSON files (2.5s)',
      '  ! large image',
      '  ✗ upload',
      '  · uploading',
    ]);
  });

  it("counts WeChat's per-file compile events instead of printing each one", () => {
    const { lines, progress, tick } = printer();
    progress.update({ id: 'c', message: 'Compile miniprogram', status: 'doing' });
    for (let file = 0; file < 100; file += 1) {
      progress.update({ id: `f${file}`, message: `Compiling pages/p${file}.ts`, status: 'doing' });
      tick(50);
      progress.update({ id: `f${file}`, message: `pages/p${file}.js`, status: 'done' });
    }
    progress.update({ id: 's', message: 'Seal code package', status: 'doing' });
    progress.update({ id: 'c', message: '', status: 'done' });
    expect(lines).toEqual([
      '  … Compile miniprogram',
      '  … compiled 40 files',
      '  … compiled 80 files',
      '  ✓ compiled 100 files (5.0s)',
      '  … Seal code package',
      '  ✓ Compile miniprogram (5.0s)',
    ]);
  });

  it('finish() prints the pending file count once, e.g. when the compile fails mid-way', () => {
    const { lines, progress } = printer();
    progress.update({ id: 'f', message: 'Compiling app.ts', status: 'doing' });
    progress.update({ id: 'f', message: 'app.js', status: 'done' });
    progress.finish();
    progress.finish();
    expect(lines).toEqual(['  ✓ compiled 1 file (0.0s)']);
  });
});

describe('withCiLogs', () => {
  it("mutes miniprogram-ci's console chatter during the call and restores it after, even on failure", async () => {
    const original = console.log;
    const seen: unknown[] = [];
    console.log = (...args: unknown[]) => seen.push(args.join(' '));
    try {
      await expect(
        withCiLogs(false, async () => {
          console.log('[info] request url: https://servicewechat.com/…');
          throw new Error('failed');
        }),
      ).rejects.toThrow('failed');
      console.log('after');
      await withCiLogs(true, async () => console.log('[info] verbose'));
    } finally {
      console.log = original;
    }
    expect(seen).toEqual(['after', '[info] verbose']);
  });
});

describe('project info', () => {
  it("lists this project's pages from app.json, subpackages included", () => {
    const pages = listPages(readAppJson(ROOT));
    expect(pages).toEqual(expect.arrayContaining(['pages/entry/index', 'live/pages/room/index']));
    expect(() => checkPageExists('live/pages/room/index', pages)).not.toThrow();
    expect(() => checkPageExists(undefined, pages)).not.toThrow();
    expect(() => checkPageExists('pages/room/index', pages)).toThrow(/is not in app.json/);
  });

  it('reads both subpackage spellings and ignores junk', () => {
    expect(
      listPages({
        pages: ['pages/a', 3],
        subpackages: [{ root: 'x/', pages: ['p'] }, null, { root: 1 }],
        subPackages: [{ root: '/y', pages: ['q'] }],
      }),
    ).toEqual(['pages/a', 'x/p', 'y/q']);
  });
});

describe('isKeyFileExposed', () => {
  let repo = '';
  beforeAll(() => {
    repo = mkdtempSync(path.join(tmpdir(), 'release-keyrepo-'));
    execFileSync('git', ['init', '-q'], { cwd: repo });
    writeFileSync(path.join(repo, '.gitignore'), '*.key\n');
  });
  afterAll(() => rmSync(repo, { recursive: true, force: true }));

  it('flags a key file git would pick up, and only that', () => {
    expect(isKeyFileExposed(repo, 'private.wx0123456789abcdef.key')).toBe(false);
    expect(isKeyFileExposed(repo, path.join(repo, 'upload-key.txt'))).toBe(true);
    expect(isKeyFileExposed(repo, 'secrets/key.txt')).toBe(true);
    expect(isKeyFileExposed(repo, path.join(tmpdir(), 'outside.txt'))).toBe(false);
  });

  it('has nothing to protect outside a git checkout', () => {
    const plain = mkdtempSync(path.join(tmpdir(), 'release-plain-'));
    try {
      expect(isKeyFileExposed(plain, 'key.txt')).toBe(false);
    } finally {
      rmSync(plain, { recursive: true, force: true });
    }
  });
});

describe('build command', () => {
  it('reuses the npm that started us', () => {
    expect(buildCommand({ npm_execpath: '/usr/lib/npm/bin/npm-cli.js' }, '/usr/bin/node')).toEqual({
      executable: '/usr/bin/node',
      args: ['/usr/lib/npm/bin/npm-cli.js', 'run', 'build'],
    });
  });

  it('falls back to npm on the PATH', () => {
    expect(buildCommand({}, '/usr/bin/node').args).toEqual(['run', 'build']);
  });
});

describe('renderQrInTerminal', () => {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'release-qr-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('turns a JPEG QR into a real PNG and draws it in the terminal', async () => {
    // The same libraries miniprogram-ci uses, to make a QR image like the one WeChat returns.
    const fromCi = createRequire(createRequire(__filename).resolve('miniprogram-ci/package.json'));
    const QRCode = fromCi('qrcode-terminal/vendor/QRCode') as new (
      version: number,
      level: number,
    ) => {
      addData(s: string): void;
      make(): void;
      getModuleCount(): number;
      isDark(r: number, c: number): boolean;
    };
    const Jimp = fromCi('jimp') as {
      new (
        w: number,
        h: number,
        color: number,
      ): {
        setPixelColor(color: number, x: number, y: number): void;
        getBufferAsync(mime: string): Promise<Buffer>;
      };
      MIME_JPEG: string;
    };
    const qr = new QRCode(-1, 1);
    qr.addData('https://example.com/preview');
    qr.make();
    const cell = 6;
    const size = (qr.getModuleCount() + 8) * cell;
    const image = new Jimp(size, size, 0xffffffff);
    for (let y = 0; y < size; y += 1) {
      for (let x = 0; x < size; x += 1) {
        const row = Math.floor(y / cell) - 4;
        const col = Math.floor(x / cell) - 4;
        const inside = row >= 0 && col >= 0 && row < qr.getModuleCount() && col < qr.getModuleCount();
        if (inside && qr.isDark(row, col)) image.setPixelColor(0x000000ff, x, y);
      }
    }
    const file = path.join(dir, 'preview-qr.png');
    writeFileSync(file, await image.getBufferAsync(Jimp.MIME_JPEG));

    const art = await renderQrInTerminal(file);
    expect(readFileSync(file).subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(art).toBeDefined();
    expect(art?.split('\n').length).toBeGreaterThan(20);
  });

  it('gives up quietly on something that is not a QR image', async () => {
    const file = path.join(dir, 'broken.png');
    writeFileSync(file, 'not an image');
    await expect(renderQrInTerminal(file)).resolves.toBeUndefined();
  });
});
