/**
 * Package sizes and the budget. Pure: no file system, so the budget rules can be unit-tested with
 * fixture reports. WeChat's hard limits are 2 MB per package and 20 MB in all; the main package gets
 * a much tighter budget of its own so the entry page opens fast and never carries an SDK.
 */

export const KIB = 1024;
export const MIB = 1024 * KIB;

export interface Budget {
  mainBytes: number;
  subpackageBytes: number;
  totalBytes: number;
}

export const DEFAULT_BUDGET: Budget = {
  mainBytes: 100 * KIB,
  subpackageBytes: 2 * MIB,
  totalBytes: 20 * MIB,
};

export interface PackageSize {
  /** 'main', or the subpackage root without its slash (e.g. 'live'). */
  name: string;
  kind: 'main' | 'subpackage';
  bytes: number;
}

/**
 * Sums compiled files per package: a file under a subpackage root belongs to that subpackage,
 * everything else to the main package. `subpackageRoots` end with '/' (e.g. 'live/').
 */
export function measurePackages(
  files: ReadonlyArray<{ path: string; bytes: number }>,
  subpackageRoots: readonly string[],
): PackageSize[] {
  const sizes = new Map<string, number>(subpackageRoots.map((root) => [root, 0]));
  let mainBytes = 0;
  for (const file of files) {
    const normalized = file.path.replace(/\\/g, '/').replace(/^\/+/, '');
    const root = subpackageRoots.find((candidate) => normalized.startsWith(candidate));
    if (root === undefined) mainBytes += file.bytes;
    else sizes.set(root, (sizes.get(root) ?? 0) + file.bytes);
  }
  return [
    { name: 'main', kind: 'main', bytes: mainBytes },
    ...[...sizes].map(([root, bytes]): PackageSize => ({
      name: root.replace(/\/$/, ''),
      kind: 'subpackage',
      bytes,
    })),
  ];
}

/** The largest files of each package, biggest first: where to look when a budget breaks. */
export function largestFilesByPackage(
  files: ReadonlyArray<{ path: string; bytes: number }>,
  subpackageRoots: readonly string[],
  limit: number,
): Record<string, Array<{ path: string; bytes: number }>> {
  const byPackage: Record<string, Array<{ path: string; bytes: number }>> = {};
  for (const file of files) {
    const root = subpackageRoots.find((candidate) => file.path.replace(/\\/g, '/').startsWith(candidate));
    const name = root === undefined ? 'main' : root.replace(/\/$/, '');
    (byPackage[name] ??= []).push({ path: file.path, bytes: file.bytes });
  }
  for (const name of Object.keys(byPackage)) {
    byPackage[name] = (byPackage[name] ?? []).sort((a, b) => b.bytes - a.bytes).slice(0, limit);
  }
  return byPackage;
}

export interface BudgetRow {
  name: string;
  kind: 'main' | 'subpackage' | 'total';
  bytes: number;
  budgetBytes: number;
  ok: boolean;
}

export interface BudgetCheck {
  /** One row per package, then the total. */
  rows: BudgetRow[];
  ok: boolean;
  /** One line naming every broken budget, or null when all fit. */
  failure: string | null;
}

export function formatKiB(bytes: number): string {
  return `${(bytes / KIB).toFixed(1)} KiB`;
}

function formatBudget(bytes: number): string {
  return bytes % MIB === 0 ? `${bytes / MIB} MiB` : formatKiB(bytes);
}

export function checkBudget(packages: readonly PackageSize[], budget: Budget = DEFAULT_BUDGET): BudgetCheck {
  const rows: BudgetRow[] = packages.map((pkg) => {
    const budgetBytes = pkg.kind === 'main' ? budget.mainBytes : budget.subpackageBytes;
    return { name: pkg.name, kind: pkg.kind, bytes: pkg.bytes, budgetBytes, ok: pkg.bytes <= budgetBytes };
  });
  const totalBytes = packages.reduce((sum, pkg) => sum + pkg.bytes, 0);
  rows.push({
    name: 'total',
    kind: 'total',
    bytes: totalBytes,
    budgetBytes: budget.totalBytes,
    ok: totalBytes <= budget.totalBytes,
  });

  const broken = rows.filter((row) => !row.ok);
  const describe = (row: BudgetRow): string => {
    const what = row.kind === 'total' ? 'all packages together' : `package "${row.name}"`;
    return `${what} is ${formatKiB(row.bytes)} (${row.bytes} B), over its ${formatBudget(row.budgetBytes)} budget by ${formatKiB(row.bytes - row.budgetBytes)}`;
  };
  return {
    rows,
    ok: broken.length === 0,
    failure: broken.length === 0 ? null : `size budget broken: ${broken.map(describe).join('; ')}`,
  };
}

/** A plain-text table: package, bytes, KiB, budget, OK/OVER (plus an optional cross-check column). */
export function formatSizeTable(check: BudgetCheck, crossCheck?: ReadonlyMap<string, number>): string {
  const header = ['package', 'bytes', 'KiB', 'budget', 'status'];
  if (crossCheck) header.push('checkCodeQuality');
  const lines = check.rows.map((row) => {
    const cells = [
      row.name,
      String(row.bytes),
      (row.bytes / KIB).toFixed(1),
      formatBudget(row.budgetBytes),
      row.ok ? 'OK' : 'OVER',
    ];
    if (crossCheck) {
      const other = crossCheck.get(row.name);
      cells.push(other === undefined ? '-' : String(other));
    }
    return cells;
  });
  const table = [header, ...lines];
  const widths = header.map((_, column) => Math.max(...table.map((cells) => (cells[column] ?? '').length)));
  // Names left-aligned, numbers right-aligned, as a reader scans them.
  const render = (cells: string[]) =>
    cells
      .map((cell, column) =>
        column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0),
      )
      .join('  ');
  const rule = widths.map((width) => '-'.repeat(width)).join('  ');
  return [render(header), rule, ...lines.slice(0, -1).map(render), rule, ...lines.slice(-1).map(render)].join(
    '\n',
  );
}
