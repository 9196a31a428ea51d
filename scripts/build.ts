/**
 * `npm run build`, offline: config from the environment → WXML check with wcc → SDKs packed into the
 * live subpackage → WeChat's full compile → secret scan → size report and budget.
 * Any step that fails prints one line saying what is wrong and where, and the build exits with 1.
 */
import fs from 'fs';
import path from 'path';
import { BuildError } from './build-steps/build-error';
import { packSdks } from './build-steps/pack-npm';
import {
  BUILD_DIR,
  COMPILED_DIR,
  CONFIG_VALUES_FILE,
  MINIPROGRAM_ROOT,
  REPO_ROOT,
  SDK_NPM_DIST_DIR,
  SIZE_REPORT_FILE,
  displayPath,
  readProjectAppId,
  readRuntimeDependencies,
  readSubpackageRoots,
} from './build-steps/project-layout';
import { findSecrets } from './build-steps/secret-scan';
import {
  DEFAULT_BUDGET,
  KIB,
  checkBudget,
  formatKiB,
  formatSizeTable,
  largestFilesByPackage,
  measurePackages,
} from './build-steps/size-report';
import { checkCodeQualitySizes, compileWithWeChat } from './build-steps/wechat-compile';
import { pickConfigEnv, writeConfigFromEnv } from './build-steps/write-config';
import { checkWxml, formatWxmlProblem } from './build-steps/wxml-check';

const STEP_COUNT = 6;
let stepNumber = 0;

async function step<T>(title: string, work: () => Promise<T> | T): Promise<T> {
  stepNumber += 1;
  const started = Date.now();
  console.log(`\n[${stepNumber}/${STEP_COUNT}] ${title}`);
  const result = await work();
  console.log(`    done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return result;
}

async function build(): Promise<void> {
  const appid = readProjectAppId();

  await step('Configuration from the environment', () => {
    const { applied, changed } = writeConfigFromEnv(CONFIG_VALUES_FILE, pickConfigEnv(process.env));
    if (applied.length === 0) {
      console.log(
        `    ZEGO_APP_ID, ZEGO_SERVER, TOKEN_URL, AUTH_MODE not set: ${displayPath(CONFIG_VALUES_FILE)} kept`,
      );
    } else {
      console.log(
        `    ${applied.join(', ')} → ${displayPath(CONFIG_VALUES_FILE)} ${changed ? 'rewritten' : 'already up to date'}`,
      );
    }
  });

  await step("WXML templates compiled with WeChat's wcc", () => {
    const { templates, problems } = checkWxml(MINIPROGRAM_ROOT);
    if (problems.length > 0) {
      for (const problem of problems) console.error(`    ${formatWxmlProblem(problem, REPO_ROOT)}`);
      const first = problems[0] ? formatWxmlProblem(problems[0], REPO_ROOT) : '';
      throw new BuildError(
        `broken WXML template${problems.length > 1 ? `s (${problems.length})` : ''}: ${first}${problems.length > 1 ? ' …' : ''}`,
      );
    }
    console.log(`    ${templates.length} templates compile`);
  });

  const packed = await step(`SDKs packed into ${displayPath(SDK_NPM_DIST_DIR)}/miniprogram_npm`, async () => {
    const result = await packSdks({
      packageJsonPath: path.join(REPO_ROOT, 'package.json'),
      distDir: SDK_NPM_DIST_DIR,
      roots: readRuntimeDependencies(),
    });
    for (const pkg of result.kept)
      console.log(`    kept     ${pkg.name} (${formatKiB(pkg.bytes)} with source map)`);
    for (const pkg of result.removed) {
      console.log(`    removed  ${pkg.name} (${formatKiB(pkg.bytes)}): no kept bundle requires it`);
    }
    for (const warning of result.warnings) console.log(`    warning  ${warning}`);
    return result;
  });

  const compiled = await step("WeChat's full compile (miniprogram-ci, offline)", async () => {
    const result = await compileWithWeChat({
      repoRoot: REPO_ROOT,
      appid,
      outDir: COMPILED_DIR,
      sourcePrefix: `${displayPath(MINIPROGRAM_ROOT)}/`,
    });
    console.log(`    ${result.files.length} files → ${displayPath(COMPILED_DIR)}/`);
    if (result.leftOutAsUnused.length > 0) {
      console.log(`    left out as unused by WeChat's code analyzer: ${result.leftOutAsUnused.length} files`);
    }
    for (const warning of result.warnings) console.log(`    warning  ${warning}`);
    return result;
  });

  await step('No secrets in the compiled output', () => {
    const findings = findSecrets(
      compiled.files.map((file) => ({
        path: file.path,
        text: fs.readFileSync(path.join(COMPILED_DIR, file.path), 'latin1'),
      })),
    );
    if (findings.length > 0) {
      throw new BuildError(
        `possible secret in the compiled output: ${findings.map((finding) => `${finding.path} ${finding.reason}`).join('; ')}`,
      );
    }
    console.log(`    ${compiled.files.length} files scanned, nothing found`);
  });

  await step('Package sizes', async () => {
    const subpackageRoots = readSubpackageRoots();
    const packages = measurePackages(compiled.files, subpackageRoots);
    const check = checkBudget(packages, DEFAULT_BUDGET);

    let qualitySizes: Map<string, number> | null = null;
    try {
      qualitySizes = await checkCodeQualitySizes({ repoRoot: REPO_ROOT, appid });
    } catch (error) {
      console.log(`    checkCodeQuality unavailable (${(error as Error).message}); compile sizes only`);
    }

    console.log('');
    console.log(
      formatSizeTable(check, qualitySizes ?? undefined)
        .split('\n')
        .map((line) => `    ${line}`)
        .join('\n'),
    );
    console.log("\n    bytes: WeChat's compiled output per package (what an upload ships).");
    if (qualitySizes) {
      console.log(
        "    checkCodeQuality: WeChat's quality check on the sources; its analyzer skips .ts files,",
      );
      console.log('    so it undercounts TypeScript code (a cross-check of the SDK share, not the budget).');
    }

    const report = {
      generatedAt: new Date().toISOString(),
      measuredBy:
        "miniprogram-ci getCompiledResult (WeChat's compile): bytes of the compiled files per package",
      budget: DEFAULT_BUDGET,
      ok: check.ok,
      failure: check.failure,
      packages: check.rows.map((row) => ({ ...row, kib: Number((row.bytes / KIB).toFixed(1)) })),
      checkCodeQuality: qualitySizes ? Object.fromEntries(qualitySizes) : null,
      npm: { kept: packed.kept.map((pkg) => pkg.name), removed: packed.removed },
      leftOutAsUnused: compiled.leftOutAsUnused,
      largestFiles: largestFilesByPackage(compiled.files, subpackageRoots, 10),
    };
    fs.mkdirSync(BUILD_DIR, { recursive: true });
    fs.writeFileSync(SIZE_REPORT_FILE, `${JSON.stringify(report, null, 2)}\n`);
    console.log(`    report → ${displayPath(SIZE_REPORT_FILE)}`);

    if (check.failure) {
      for (const row of check.rows.filter((candidate) => !candidate.ok && candidate.kind !== 'total')) {
        console.error(`    largest files in ${row.name}:`);
        for (const file of report.largestFiles[row.name]?.slice(0, 5) ?? []) {
          console.error(`      ${formatKiB(file.bytes).padStart(10)}  ${file.path}`);
        }
      }
      throw new BuildError(check.failure);
    }
  });
}

/**
 * miniprogram-ci leaves empty folders named by a random MD5 in the working directory; remove the
 * ones this run made so the checkout stays clean.
 */
const entriesBefore = new Set(fs.readdirSync(REPO_ROOT));
function removeCompilerLitter(): void {
  for (const name of fs.readdirSync(REPO_ROOT)) {
    if (entriesBefore.has(name) || !/^[0-9a-f]{32}$/.test(name)) continue;
    const full = path.join(REPO_ROOT, name);
    if (fs.statSync(full).isDirectory() && fs.readdirSync(full).length === 0) fs.rmdirSync(full);
  }
}

build()
  .finally(removeCompilerLitter)
  .then(() => {
    console.log('\nbuild ok');
    // miniprogram-ci keeps its compiler child process alive; end explicitly once all output is written.
    process.exit(0);
  })
  .catch((error: unknown) => {
    if (error instanceof BuildError) console.error(`\nbuild failed: ${error.message}`);
    else console.error('\nbuild failed with an unexpected error:', error);
    process.exit(1);
  });
