import fs from 'fs';
import path from 'path';
import { BuildError } from './build-error';

/** Where the build reads and writes, relative to the repository root. */
export const REPO_ROOT = path.resolve(__dirname, '../..');
export const MINIPROGRAM_ROOT = path.join(REPO_ROOT, 'miniprogram');
/** The subpackage whose own miniprogram_npm holds both SDKs, so the main package never carries one. */
export const SDK_NPM_DIST_DIR = path.join(MINIPROGRAM_ROOT, 'live');
export const SDK_NPM_DIR = path.join(SDK_NPM_DIST_DIR, 'miniprogram_npm');
export const CONFIG_VALUES_FILE = path.join(MINIPROGRAM_ROOT, 'config.values.ts');
export const BUILD_DIR = path.join(REPO_ROOT, 'build');
export const COMPILED_DIR = path.join(BUILD_DIR, 'compiled');
export const SIZE_REPORT_FILE = path.join(BUILD_DIR, 'size-report.json');

/** A path as the user should read it in a message: relative to the repository root, with forward slashes. */
export function displayPath(absolutePath: string): string {
  return path.relative(REPO_ROOT, absolutePath).split(path.sep).join('/');
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as unknown;
  } catch (error) {
    throw new BuildError(`cannot read ${displayPath(file)}: ${(error as Error).message}`);
  }
}

/** Subpackage roots from app.json, each ending in '/' (e.g. 'live/'). WeChat accepts both spellings of the key. */
export function readSubpackageRoots(miniprogramRoot = MINIPROGRAM_ROOT): string[] {
  const appJson = readJson(path.join(miniprogramRoot, 'app.json')) as {
    subpackages?: Array<{ root?: unknown }>;
    subPackages?: Array<{ root?: unknown }>;
  };
  const entries = appJson.subpackages ?? appJson.subPackages ?? [];
  return entries
    .map((entry) => entry.root)
    .filter((root): root is string => typeof root === 'string' && root !== '')
    .map((root) => (root.endsWith('/') ? root : `${root}/`));
}

/** The AppID the WeChat project is opened with (touristappid unless a release sets a real one). */
export function readProjectAppId(repoRoot = REPO_ROOT): string {
  const projectConfig = readJson(path.join(repoRoot, 'project.config.json')) as { appid?: unknown };
  return typeof projectConfig.appid === 'string' && projectConfig.appid !== ''
    ? projectConfig.appid
    : 'touristappid';
}

/** The runtime `dependencies` of package.json: the two SDKs, the only packages the mini-program may require. */
export function readRuntimeDependencies(repoRoot = REPO_ROOT): string[] {
  const packageJson = readJson(path.join(repoRoot, 'package.json')) as {
    dependencies?: Record<string, string>;
  };
  return Object.keys(packageJson.dependencies ?? {});
}
