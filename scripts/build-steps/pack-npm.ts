import fs from 'fs';
import path from 'path';
import { BuildError } from './build-error';
import { findUnrequiredPackages } from './npm-requires';
import { displayPath } from './project-layout';
import { loadMiniprogramCi } from './wechat-compile';

export interface RemovedPackage {
  name: string;
  bytes: number;
}

export interface PackResult {
  /** Packages left in miniprogram_npm, each with its size on disk (source maps included). */
  kept: Array<{ name: string; bytes: number }>;
  removed: RemovedPackage[];
  /** miniprogram-ci's warnings about the packages that were kept. */
  warnings: string[];
}

/** Package directories inside miniprogram_npm, scoped ones as '@scope/name'. */
function listPackedPackages(npmDir: string): string[] {
  if (!fs.existsSync(npmDir)) return [];
  const names: string[] = [];
  for (const entry of fs.readdirSync(npmDir, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    if (entry.name.startsWith('@')) {
      for (const scoped of fs.readdirSync(path.join(npmDir, entry.name), { withFileTypes: true })) {
        if (scoped.isDirectory()) names.push(`${entry.name}/${scoped.name}`);
      }
    } else {
      names.push(entry.name);
    }
  }
  return names.sort();
}

function filesUnder(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name));
}

function directoryBytes(dir: string): number {
  return filesUnder(dir).reduce((sum, file) => sum + fs.statSync(file).size, 0);
}

function javaScriptOf(dir: string): string {
  return filesUnder(dir)
    .filter((file) => file.endsWith('.js'))
    .map((file) => fs.readFileSync(file, 'utf8'))
    .join('\n');
}

/** The package a miniprogram-ci warning is about, from its node_modules path. */
function packageOfWarning(jsPath: string): string | null {
  const match = /node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)/.exec(jsPath);
  return match?.[1] ? match[1].replace(/\\/g, '/') : null;
}

/**
 * Packs package.json `dependencies` into `<distDir>/miniprogram_npm` with miniprogram-ci (offline),
 * then deletes every packed package that no kept bundle requires, so WeChat's compile and DevTools
 * never see it.
 */
export async function packSdks(options: {
  packageJsonPath: string;
  distDir: string;
  roots: readonly string[];
}): Promise<PackResult> {
  const npmDir = path.join(options.distDir, 'miniprogram_npm');
  // Start clean so a package dropped from package.json does not linger in the subpackage.
  fs.rmSync(npmDir, { recursive: true, force: true });

  const ci = await loadMiniprogramCi();
  const packed = await ci.packNpmManually({
    packageJsonPath: options.packageJsonPath,
    miniprogramNpmDistDir: options.distDir.endsWith(path.sep)
      ? options.distDir
      : `${options.distDir}${path.sep}`,
  });

  const names = listPackedPackages(npmDir);
  const missing = options.roots.filter((root) => !names.includes(root));
  if (missing.length > 0) {
    throw new BuildError(
      `npm packing left out ${missing.join(', ')} in ${displayPath(npmDir)}; run npm ci first`,
    );
  }

  const sources = new Map(names.map((name) => [name, javaScriptOf(path.join(npmDir, name))] as const));
  const reachability = findUnrequiredPackages(sources, options.roots);
  if (reachability.dynamic.length > 0) {
    console.warn(
      `  note: ${reachability.dynamic.join(', ')} require modules by computed name; keeping every packed package`,
    );
  }

  const removed: RemovedPackage[] = [];
  for (const name of reachability.unrequired) {
    const dir = path.join(npmDir, name);
    removed.push({ name, bytes: directoryBytes(dir) });
    fs.rmSync(dir, { recursive: true, force: true });
  }
  // Leave no empty scope folders behind (e.g. @protobufjs/ once all its packages are gone).
  for (const entry of fs.readdirSync(npmDir, { withFileTypes: true })) {
    const dir = path.join(npmDir, entry.name);
    if (entry.isDirectory() && entry.name.startsWith('@') && fs.readdirSync(dir).length === 0)
      fs.rmdirSync(dir);
  }

  const keptNames = names.filter((name) => !reachability.unrequired.includes(name));
  const warnings = packed.warnList
    .filter((warning) => {
      const owner = packageOfWarning(warning.jsPath);
      return owner === null || keptNames.includes(owner);
    })
    .map((warning) => `${warning.jsPath}: ${warning.msg}`);

  return {
    kept: keptNames.map((name) => ({ name, bytes: directoryBytes(path.join(npmDir, name)) })),
    removed,
    warnings,
  };
}
