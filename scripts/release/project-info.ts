/**
 * Facts about the checkout the release commands need: the default version and description, and
 * the pages a preview QR code may open. Read from files and git, never from the network.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ReleaseError, UsageError } from './errors';

export interface AppJsonPages {
  pages?: unknown;
  subpackages?: unknown;
  subPackages?: unknown;
}

/** Every page path app.json declares, subpackage pages prefixed with their root. */
export function listPages(appJson: AppJsonPages): string[] {
  const pages = Array.isArray(appJson.pages) ? appJson.pages.filter((p) => typeof p === 'string') : [];
  const subpackages = [appJson.subpackages, appJson.subPackages].flatMap((list) =>
    Array.isArray(list) ? (list as unknown[]) : [],
  );
  const subPages = subpackages.flatMap((entry) => {
    const { root, pages: rootPages } = (entry ?? {}) as { root?: unknown; pages?: unknown };
    if (typeof root !== 'string' || !Array.isArray(rootPages)) return [];
    const prefix = root.replace(/^\/+|\/+$/g, '');
    return rootPages.filter((p) => typeof p === 'string').map((p) => `${prefix}/${p as string}`);
  });
  return [...(pages as string[]), ...subPages];
}

/** A QR code into a page that does not exist opens WeChat's "page not found"; catch it before uploading. */
export function checkPageExists(page: string | undefined, pages: readonly string[]): void {
  if (page === undefined || pages.includes(page)) return;
  throw new UsageError(`--page "${page}" is not in app.json; pages are: ${pages.join(', ')}`);
}

export function readAppJson(projectRoot: string): AppJsonPages {
  const file = path.join(projectRoot, 'miniprogram', 'app.json');
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as AppJsonPages;
  } catch (error) {
    throw new ReleaseError(`cannot read ${file}: ${(error as Error).message.split('\n')[0]}`);
  }
}

export function readPackageVersion(projectRoot: string): string {
  const file = path.join(projectRoot, 'package.json');
  const version = (JSON.parse(readFileSync(file, 'utf8')) as { version?: unknown }).version;
  if (typeof version !== 'string' || version === '') {
    throw new UsageError('package.json has no version: pass --version');
  }
  return version;
}

/** The last commit's subject, or undefined outside a git checkout (e.g. an exported tarball in CI). */
export function lastCommitSubject(projectRoot: string): string | undefined {
  try {
    const subject = execFileSync('git', ['log', '-1', '--format=%s'], {
      cwd: projectRoot,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
    return subject === '' ? undefined : subject;
  } catch {
    return undefined;
  }
}

/**
 * True when a key file sits inside the repository where git would pick it up (not ignored, or
 * already tracked): one `git add .` away from publishing the upload key.
 */
export function isKeyFileExposed(projectRoot: string, keyPath: string): boolean {
  const relative = path.relative(projectRoot, path.resolve(projectRoot, keyPath));
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return false;
  // Exit 0: ignored; 1: not ignored (or tracked); anything else: not a git checkout, nothing to protect.
  const check = spawnSync('git', ['check-ignore', '-q', '--', relative], {
    cwd: projectRoot,
    stdio: 'ignore',
  });
  return check.status === 1;
}
