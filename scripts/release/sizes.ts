/**
 * Package sizes as WeChat reports them after a preview or upload (`subPackageInfo`), printed as a
 * small table against WeChat's limits so a release log shows how close each package is, next to
 * what the offline build measured (build/size-report.json) so a surprise on WeChat's side shows.
 */
import { readFileSync } from 'node:fs';

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

/** Binary units, as `npm run build` prints them. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < MB) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / MB).toFixed(2)} MiB`;
}

/** Bytes per package label ('main', 'live', 'total') as the offline build measured them. */
export type BuildSizes = ReadonlyMap<string, number>;

/**
 * Reads `packages` from the build's size report (`[{ name, bytes, … }]`). Undefined when the file
 * is missing or not in that shape: the comparison is a convenience, never a reason to fail a release.
 */
export function readBuildSizes(reportFile: string): BuildSizes | undefined {
  let report: unknown;
  try {
    report = JSON.parse(readFileSync(reportFile, 'utf8'));
  } catch {
    return undefined;
  }
  const packages = (report as { packages?: unknown } | null)?.packages;
  if (!Array.isArray(packages)) return undefined;
  const sizes = new Map<string, number>();
  for (const entry of packages as unknown[]) {
    const { name, bytes } = (entry ?? {}) as { name?: unknown; bytes?: unknown };
    if (typeof name === 'string' && typeof bytes === 'number' && Number.isFinite(bytes))
      sizes.set(name, bytes);
  }
  return sizes.size === 0 ? undefined : sizes;
}

/** One line for the log right after the build: `Offline build: main 80.0 KiB, live 1.10 MiB, total 1.18 MiB`. */
export function formatBuildSizes(sizes: BuildSizes): string {
  const parts = [...sizes].map(([label, bytes]) => `${label} ${formatBytes(bytes)}`);
  return `Offline build sizes: ${parts.join(', ')}`;
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

function offline(row: PackageSize, buildSizes: BuildSizes | undefined): string {
  const bytes = buildSizes?.get(row.label);
  return bytes === undefined ? '' : `  (offline build ${formatBytes(bytes)})`;
}

export function formatSizeTable(
  title: string,
  rows: readonly PackageSize[],
  buildSizes?: BuildSizes,
): string[] {
  if (rows.length === 0) return [`${title}: none reported`];
  const labelWidth = Math.max(...rows.map((r) => r.label.length));
  const sizeWidth = Math.max(...rows.map((r) => formatBytes(r.bytes).length));
  const shareWidth = Math.max(...rows.map((r) => share(r).length));
  return [
    `${title}:`,
    ...rows.map((r) => {
      const line = `  ${r.label.padEnd(labelWidth)}  ${formatBytes(r.bytes).padStart(sizeWidth)}`;
      const extra = offline(r, buildSizes);
      return extra === '' ? `${line}${share(r)}` : `${line}${share(r).padEnd(shareWidth)}${extra}`;
    }),
  ];
}

/** The short form for the summary line: `total 169.0 KiB (main 123.4 KiB, live 45.6 KiB)`. */
export function summarizeSizes(rows: readonly PackageSize[]): string {
  const total = rows.find((r) => r.label === 'total');
  const parts = rows.filter((r) => r !== total).map((r) => `${r.label} ${formatBytes(r.bytes)}`);
  if (total === undefined) return parts.join(', ') || 'sizes not reported';
  return parts.length === 0
    ? `total ${formatBytes(total.bytes)}`
    : `total ${formatBytes(total.bytes)} (${parts.join(', ')})`;
}
