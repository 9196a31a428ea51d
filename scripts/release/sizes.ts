/**
 * Package sizes as WeChat reports them after a preview or upload (`subPackageInfo`), printed as a
 * small table against WeChat's limits so a release log shows how close each package is.
 */

/** One row of miniprogram-ci's `subPackageInfo`: `__FULL__`, `__APP__` (main) or a subpackage root. */
export interface ReportedPackage {
  name: string;
  size: number;
}

export interface PackageSize {
  label: string;
  bytes: number;
  /** WeChat's limit for this package, when it has one. */
  limitBytes: number | undefined;
}

const MB = 1024 * 1024;
/** WeChat's defaults (miniprogram-ci DefaultProjectAttr: MaxCodeSize 2, MaxSubpackageSubCodeSize 2, full 20). */
export const MAIN_LIMIT_BYTES = 2 * MB;
export const SUBPACKAGE_LIMIT_BYTES = 2 * MB;
export const FULL_LIMIT_BYTES = 20 * MB;

const FULL = '__FULL__';
const MAIN = '__APP__';

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < MB) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / MB).toFixed(2)} MB`;
}

/** `/live/` → `live`, so names match app.json's subpackage roots. */
function subpackageLabel(name: string): string {
  return name.replace(/^\/+|\/+$/g, '') || name;
}

/** Main first, subpackages by name, the total last. */
export function toPackageSizes(reported: readonly ReportedPackage[]): PackageSize[] {
  const main = reported.filter((p) => p.name === MAIN);
  const full = reported.filter((p) => p.name === FULL);
  const subs = reported
    .filter((p) => p.name !== MAIN && p.name !== FULL)
    .sort((a, b) => a.name.localeCompare(b.name));
  return [
    ...main.map((p) => ({ label: 'main', bytes: p.size, limitBytes: MAIN_LIMIT_BYTES })),
    ...subs.map((p) => ({
      label: subpackageLabel(p.name),
      bytes: p.size,
      limitBytes: SUBPACKAGE_LIMIT_BYTES,
    })),
    ...full.map((p) => ({ label: 'total', bytes: p.size, limitBytes: FULL_LIMIT_BYTES })),
  ];
}

function share(row: PackageSize): string {
  if (row.limitBytes === undefined) return '';
  const percent = Math.round((row.bytes / row.limitBytes) * 100);
  const over = row.bytes > row.limitBytes ? '  OVER THE LIMIT' : '';
  return `  ${String(percent).padStart(3)}% of ${formatBytes(row.limitBytes)}${over}`;
}

export function formatSizeTable(title: string, rows: readonly PackageSize[]): string[] {
  if (rows.length === 0) return [`${title}: none reported`];
  const labelWidth = Math.max(...rows.map((r) => r.label.length));
  const sizeWidth = Math.max(...rows.map((r) => formatBytes(r.bytes).length));
  return [
    `${title}:`,
    ...rows.map(
      (r) => `  ${r.label.padEnd(labelWidth)}  ${formatBytes(r.bytes).padStart(sizeWidth)}${share(r)}`,
    ),
  ];
}

/** The short form for the summary line: `total 169.0 KB (main 123.4 KB, live 45.6 KB)`. */
export function summarizeSizes(rows: readonly PackageSize[]): string {
  const total = rows.find((r) => r.label === 'total');
  const parts = rows.filter((r) => r !== total).map((r) => `${r.label} ${formatBytes(r.bytes)}`);
  if (total === undefined) return parts.join(', ') || 'sizes not reported';
  return parts.length === 0
    ? `total ${formatBytes(total.bytes)}`
    : `total ${formatBytes(total.bytes)} (${parts.join(', ')})`;
}
