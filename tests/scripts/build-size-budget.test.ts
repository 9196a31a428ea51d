/** @jest-environment node */
import {
  DEFAULT_BUDGET,
  KIB,
  MIB,
  checkBudget,
  formatSizeTable,
  largestFilesByPackage,
  measurePackages,
  type PackageSize,
} from '../../scripts/build-steps/size-report';

// Fixture reports in the shape the build measures: main package, the live subpackage, nothing else.
const fitting: PackageSize[] = [
  { name: 'main', kind: 'main', bytes: 60 * KIB },
  { name: 'live', kind: 'subpackage', bytes: 1430 * KIB },
];

describe('size budget', () => {
  it('passes a report that fits every budget', () => {
    const check = checkBudget(fitting);
    expect(check.ok).toBe(true);
    expect(check.failure).toBeNull();
    expect(check.rows.map((row) => [row.name, row.ok])).toEqual([
      ['main', true],
      ['live', true],
      ['total', true],
    ]);
    expect(check.rows[2]?.bytes).toBe(1490 * KIB);
  });

  it('fails an oversized main package with one line naming it', () => {
    const check = checkBudget([{ name: 'main', kind: 'main', bytes: 100 * KIB + 1 }, fitting[1]!]);
    expect(check.ok).toBe(false);
    expect(check.failure).toMatch(
      /^size budget broken: package "main" is 100\.0 KiB \(102401 B\), over its 100\.0 KiB budget/,
    );
    expect(check.failure).not.toMatch(/\n/);
  });

  it('fails a subpackage over 2 MiB (the SDKs dropped into one package)', () => {
    const check = checkBudget([fitting[0]!, { name: 'live', kind: 'subpackage', bytes: 2 * MIB + 1 }]);
    expect(check.ok).toBe(false);
    expect(check.failure).toContain('package "live"');
    expect(check.failure).toContain('2 MiB budget');
  });

  it('fails a total over 20 MiB even when each package fits', () => {
    const many: PackageSize[] = [
      { name: 'main', kind: 'main', bytes: 50 * KIB },
      ...Array.from({ length: 11 }, (_, index): PackageSize => ({
        name: `sub${index}`,
        kind: 'subpackage',
        bytes: 2 * MIB - 1,
      })),
    ];
    const check = checkBudget(many);
    expect(check.rows.filter((row) => !row.ok).map((row) => row.name)).toEqual(['total']);
    expect(check.failure).toMatch(/all packages together .* over its 20 MiB budget/);
  });

  it('accepts exactly the budget', () => {
    const check = checkBudget([
      { name: 'main', kind: 'main', bytes: DEFAULT_BUDGET.mainBytes },
      { name: 'live', kind: 'subpackage', bytes: DEFAULT_BUDGET.subpackageBytes },
    ]);
    expect(check.ok).toBe(true);
  });
});

describe('measuring compiled files per package', () => {
  it('puts files under a subpackage root in that subpackage and the rest in main', () => {
    const packages = measurePackages(
      [
        { path: 'app.js', bytes: 100 },
        { path: 'pages/entry/index.js', bytes: 50 },
        { path: 'live/pages/room/index.js', bytes: 7 },
        { path: 'live/miniprogram_npm/zego-zim-miniprogram/index.js', bytes: 1000 },
        { path: 'liveish/not-live.js', bytes: 3 },
      ],
      ['live/', 'empty/'],
    );
    expect(packages).toEqual([
      { name: 'main', kind: 'main', bytes: 153 },
      { name: 'live', kind: 'subpackage', bytes: 1007 },
      { name: 'empty', kind: 'subpackage', bytes: 0 },
    ]);
  });

  it('prints a table with bytes, KiB, budget and OK/OVER', () => {
    const table = formatSizeTable(
      checkBudget([{ name: 'main', kind: 'main', bytes: 200 * KIB }, fitting[1]!]),
    );
    const lines = table.split('\n');
    expect(lines[0]).toMatch(/^package\s+bytes\s+KiB\s+budget\s+status$/);
    expect(table).toMatch(/main\s+204800\s+200\.0\s+100\.0 KiB\s+OVER/);
    expect(table).toMatch(/live\s+1464320\s+1430\.0\s+2 MiB\s+OK/);
    expect(lines[lines.length - 1]).toMatch(/^total\s+/);
  });
});

describe('largest files per package', () => {
  it('lists the biggest files of each package first', () => {
    const largest = largestFilesByPackage(
      [
        { path: 'app.js', bytes: 10 },
        { path: '@babel/runtime/helpers/regeneratorRuntime.js', bytes: 6772 },
        { path: 'pages/entry/index.js', bytes: 4000 },
        { path: 'live/miniprogram_npm/zego-zim-miniprogram/index.js', bytes: 832707 },
      ],
      ['live/'],
      2,
    );
    expect(largest).toEqual({
      main: [
        { path: '@babel/runtime/helpers/regeneratorRuntime.js', bytes: 6772 },
        { path: 'pages/entry/index.js', bytes: 4000 },
      ],
      live: [{ path: 'live/miniprogram_npm/zego-zim-miniprogram/index.js', bytes: 832707 }],
    });
  });
});
