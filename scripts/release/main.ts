/** Wires the release commands to the real process: environment, files, npm, miniprogram-ci. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ReleaseCommand } from './args';
import { runBuildProcess } from './build-step';
import { loadMiniprogramCi, renderQrInTerminal, withCiLogs } from './ci-client';
import {
  isKeyFileExposed,
  lastCommitSubject,
  listPages,
  readAppJson,
  readPackageVersion,
} from './project-info';
import { runRelease, type ReleaseDeps } from './run';
import { readBuildSizes } from './sizes';

const PROJECT_ROOT = path.resolve(__dirname, '..', '..');

export function realDeps(): ReleaseDeps {
  return {
    env: process.env,
    projectRoot: PROJECT_ROOT,
    readKeyFile: (file) => readFileSync(path.resolve(file), 'utf8'),
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    runBuild: (out) => runBuildProcess(PROJECT_ROOT, out),
    buildSizes: () => readBuildSizes(path.join(PROJECT_ROOT, 'build', 'size-report.json')),
    loadCi: loadMiniprogramCi,
    renderQr: renderQrInTerminal,
    withCiLogs,
    keyFileExposed: (keyPath) => isKeyFileExposed(PROJECT_ROOT, keyPath),
    defaultVersion: () => readPackageVersion(PROJECT_ROOT),
    defaultDesc: () => lastCommitSubject(PROJECT_ROOT),
    pages: () => listPages(readAppJson(PROJECT_ROOT)),
  };
}

export async function main(command: ReleaseCommand): Promise<void> {
  const exitCode = await runRelease(command, process.argv.slice(2), realDeps());
  // miniprogram-ci can leave timers and sockets open; a CI step must end when the work is done.
  process.exit(exitCode);
}
