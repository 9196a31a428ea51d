/**
 * The two release commands with every outside effect passed in (environment, key file, build,
 * miniprogram-ci, output), so tests run them whole without a network, a key or a real build.
 * Order matters: arguments and credentials are checked before anything slow happens.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import {
  parseReleaseArgs,
  type PreviewArgs,
  type ReleaseArgs,
  type ReleaseCommand,
  type UploadArgs,
} from './args';
import {
  buildPreviewOptions,
  buildProjectOptions,
  buildUploadOptions,
  PREVIEW_QR_RELATIVE_PATH,
  type CiClient,
  type CiResult,
} from './ci-options';
import {
  ENV_PRIVATE_KEY_PATH,
  loadCredentials,
  type Credentials,
  type Env,
  type ReadKeyFile,
} from './credentials';
import { EXIT_FAILED, EXIT_OK, ReleaseError, UsageError } from './errors';
import { helpText } from './help';
import { createProgressPrinter, type ProgressPrinter, type Write } from './progress';
import { checkPageExists } from './project-info';
import { formatBuildSizes, formatSizeTable, summarizeSizes, toPackageSizes, type BuildSizes } from './sizes';
import { explainWeChatError, type ErrorContext } from './wechat-errors';

export interface ReleaseDeps {
  env: Env;
  /** Repository root: project.config.json, package.json and build/ live here. */
  projectRoot: string;
  readKeyFile: ReadKeyFile;
  out: Write;
  err: Write;
  /** `npm run build`; throws a ReleaseError when it fails. */
  runBuild: (out: Write) => Promise<void>;
  /** What that build measured (build/size-report.json), when it wrote a report. */
  buildSizes: () => BuildSizes | undefined;
  /** Loaded only after the checks pass: requiring miniprogram-ci alone takes over a second. */
  loadCi: () => Promise<CiClient>;
  /** Terminal rendering of the QR image WeChat returned, or undefined when it cannot be drawn. */
  renderQr: (imagePath: string) => Promise<string | undefined>;
  /** Runs a miniprogram-ci call, hiding its own console chatter unless `verbose`. */
  withCiLogs: <T>(verbose: boolean, call: () => Promise<T>) => Promise<T>;
  /** Whether a key file path lies in the repository where git would commit it. */
  keyFileExposed: (keyPath: string) => boolean;
  defaultVersion: () => string;
  defaultDesc: () => string | undefined;
  pages: () => string[];
}

interface Prepared {
  credentials: Credentials;
  desc: string;
}

function prepare(args: ReleaseArgs, deps: ReleaseDeps): Prepared {
  const credentials = loadCredentials(deps.env, deps.readKeyFile);
  const keyPath = deps.env[ENV_PRIVATE_KEY_PATH]?.trim();
  if (keyPath !== undefined && keyPath !== '' && deps.keyFileExposed(keyPath)) {
    throw new UsageError(
      `${ENV_PRIVATE_KEY_PATH} (${keyPath}) is inside the repository and not git-ignored: move the key out of the checkout or name it *.key`,
    );
  }
  if (args.command === 'preview') checkPageExists(args.page, deps.pages());
  const desc = args.desc ?? deps.defaultDesc() ?? `npm run ${args.command} (no git subject found)`;
  return { credentials, desc };
}

/** Runs a miniprogram-ci call with a progress printer, closing the printer however the call ends. */
async function withProgress<T>(
  verbose: boolean,
  deps: ReleaseDeps,
  call: (ci: CiClient, progress: ProgressPrinter) => Promise<T>,
): Promise<T> {
  const progress = createProgressPrinter(deps.out);
  try {
    return await deps.withCiLogs(verbose, async () => call(await deps.loadCi(), progress));
  } finally {
    progress.finish();
  }
}

/** Builds, then says what the offline build measured so it can be compared with WeChat's figures. */
async function build(deps: ReleaseDeps): Promise<BuildSizes | undefined> {
  await deps.runBuild(deps.out);
  const sizes = deps.buildSizes();
  if (sizes !== undefined) deps.out(formatBuildSizes(sizes));
  return sizes;
}

function printSizes(result: CiResult, buildSizes: BuildSizes | undefined, deps: ReleaseDeps): string {
  const rows = toPackageSizes(result.subPackageInfo ?? []);
  for (const line of formatSizeTable('Package sizes reported by WeChat', rows, buildSizes)) deps.out(line);
  return summarizeSizes(rows);
}

async function runPreview(args: PreviewArgs, deps: ReleaseDeps): Promise<void> {
  const { credentials, desc } = prepare(args, deps);
  const buildSizes = await build(deps);
  const qrcodePath = path.join(deps.projectRoot, PREVIEW_QR_RELATIVE_PATH);
  mkdirSync(path.dirname(qrcodePath), { recursive: true });
  deps.out(`Preview for ${credentials.appid} as robot ${args.robot}: WeChat compiles and uploads…`);
  const result = await withProgress(args.verbose, deps, (ci, progress) => {
    const project = ci.createProject(buildProjectOptions(deps.projectRoot, credentials));
    return ci.preview(
      buildPreviewOptions({
        project,
        desc,
        robot: args.robot,
        page: args.page,
        query: args.query,
        qrcodePath,
        onProgressUpdate: progress.update,
      }),
    );
  });
  const sizes = printSizes(result, buildSizes, deps);
  const art = await deps.renderQr(qrcodePath);
  if (art !== undefined) deps.out(art);
  const opens = args.page === undefined ? 'the entry page' : args.page;
  const query = args.query === undefined ? '' : `?${args.query}`;
  deps.out(
    `✓ Preview ready: scan ${PREVIEW_QR_RELATIVE_PATH} with WeChat to open ${opens}${query}; ${sizes}`,
  );
}

async function runUpload(args: UploadArgs, deps: ReleaseDeps, context: ErrorContext): Promise<void> {
  const { credentials, desc } = prepare(args, deps);
  const version = args.version ?? deps.defaultVersion();
  context.version = version;
  const buildSizes = await build(deps);
  deps.out(`Uploading ${version} to ${credentials.appid} as robot ${args.robot}: "${desc}"`);
  const result = await withProgress(args.verbose, deps, (ci, progress) => {
    const project = ci.createProject(buildProjectOptions(deps.projectRoot, credentials));
    return ci.upload(
      buildUploadOptions({
        project,
        version,
        desc,
        robot: args.robot,
        onProgressUpdate: progress.update,
      }),
    );
  });
  const sizes = printSizes(result, buildSizes, deps);
  deps.out(
    `✓ Uploaded ${version} (robot ${args.robot}) to ${credentials.appid}: ${sizes}; submit it for review under 版本管理 at mp.weixin.qq.com`,
  );
}

/** Runs a command and returns its exit code; failures are reported as one line on `err`. */
export async function runRelease(
  command: ReleaseCommand,
  argv: readonly string[],
  deps: ReleaseDeps,
): Promise<number> {
  // Filled in as the command learns more, so WeChat's errors can name the AppID and version.
  const context: ErrorContext = { appid: deps.env.WX_APPID?.trim() ?? '', version: undefined };
  let verbose = false;
  try {
    const parsed = parseReleaseArgs(command, argv);
    if (parsed.help) {
      deps.out(helpText(command));
      return EXIT_OK;
    }
    verbose = parsed.verbose;
    if (parsed.command === 'preview') await runPreview(parsed, deps);
    else await runUpload(parsed, deps, context);
    return EXIT_OK;
  } catch (error) {
    if (error instanceof ReleaseError) {
      deps.err(`✗ ${error.message}`);
      return error.exitCode;
    }
    if (verbose) deps.err(String((error as Error | undefined)?.stack ?? error));
    deps.err(`✗ ${explainWeChatError(error, context)}`);
    return EXIT_FAILED;
  }
}
