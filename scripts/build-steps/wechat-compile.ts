import fs from 'fs';
import net from 'net';
import path from 'path';
import type * as MiniprogramCiModule from 'miniprogram-ci';
import type { CIProject } from 'miniprogram-ci';
import { BuildError } from './build-error';

/**
 * WeChat's full compile, offline, through miniprogram-ci: the same Babel (TypeScript stripped by
 * `useCompilerPlugins: ["typescript"]`), minifier and unused-file analysis an upload would run.
 * miniprogram-ci normally asks WeChat's servers for the account's attributes with a real upload key;
 * we hand it those attributes locally instead, plus a placeholder key it only checks is non-empty.
 */

/** What WeChat's servers would answer for an ordinary mini-program account (sizes in MB). */
export const OFFLINE_ACCOUNT_ATTRIBUTES = {
  platform: false,
  appType: 0,
  isSandbox: false,
  released: false,
  setting: {
    MaxCodeSize: 2,
    MaxSubpackageSubCodeSize: 2,
    MaxSubpackageFullCodeSize: 20,
    NavigateMiniprogramLimit: 10,
    MaxSubPackageLimit: 100,
    MinTabbarCount: 2,
    MaxTabbarCount: 5,
    MaxCustomTabbarCount: 10,
    MaxTabbarIconSize: 40,
  },
};

/** Not a key: the compile never signs or uploads anything, it only refuses an empty string. */
const PLACEHOLDER_PRIVATE_KEY = 'offline-build-placeholder-not-a-key';

/** Parts of the repository that are not the mini-program; skipping them keeps the file scan short. */
const PROJECT_IGNORES = ['node_modules/**/*', 'build/**/*', 'coverage/**/*', 'tests/**/*', 'server/**/*'];

export interface CompiledFile {
  path: string;
  bytes: number;
}

export interface WeChatCompileResult {
  files: CompiledFile[];
  /** Source files WeChat's code analyzer leaves out of the upload as unused (ignoreUploadUnusedFiles). */
  leftOutAsUnused: string[];
  /** Other warnings WeChat's compile reported. */
  warnings: string[];
}

type MiniprogramCi = typeof MiniprogramCiModule;

/**
 * Runs `work` with miniprogram-ci's HTTP proxy pointed at a local port that closes every connection,
 * so its one optional request (WeChat's file-extension allow-list) fails at once instead of waiting
 * on a network that may silently drop packets, and nothing leaves the machine.
 */
async function withNetworkRefused<T>(ci: MiniprogramCi, work: () => Promise<T>): Promise<T> {
  const refuser = net.createServer((socket) => socket.destroy());
  await new Promise<void>((resolve, reject) => {
    refuser.once('error', reject);
    refuser.listen(0, '127.0.0.1', () => resolve());
  });
  const address = refuser.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  ci.proxy(`http://127.0.0.1:${port}`);
  try {
    return await work();
  } finally {
    refuser.close();
  }
}

/** miniprogram-ci's routine chatter: process start-up, the proxy we set, the refused allow-list request. */
const ROUTINE_CI_OUTPUT =
  /forkProcess|^serialize |getservice|initservices|is using proxy|getwhiteextlist|white ext list/;

/**
 * miniprogram-ci talks a lot on the console. Collect it during `work`; if `work` fails, show what is
 * not routine, since it may explain why.
 */
async function withConsoleCollected<T>(work: () => Promise<T>): Promise<T> {
  const methods = ['log', 'info', 'warn', 'error', 'debug'] as const;
  const originals = methods.map((method) => console[method]);
  const collected: string[] = [];
  for (const method of methods) {
    console[method] = (...args: unknown[]) => {
      collected.push(args.map((arg) => (typeof arg === 'string' ? arg : String(arg))).join(' '));
    };
  }
  const restore = () =>
    methods.forEach((method, index) => (console[method] = originals[index] as typeof console.log));
  try {
    const result = await work();
    restore();
    return result;
  } catch (error) {
    restore();
    const telling = collected.filter((line) => !ROUTINE_CI_OUTPUT.test(line));
    if (telling.length > 0) console.error(`miniprogram-ci said:\n  ${telling.join('\n  ')}`);
    throw error;
  }
}

/** miniprogram-ci, imported lazily (it is large) and without its start-up banner. */
export async function loadMiniprogramCi(): Promise<MiniprogramCi> {
  return withConsoleCollected(() => import('miniprogram-ci'));
}

async function createOfflineProject(ci: MiniprogramCi, repoRoot: string, appid: string): Promise<CIProject> {
  const project = new ci.Project({
    appid,
    type: 'miniProgram',
    projectPath: repoRoot,
    privateKey: PLACEHOLDER_PRIVATE_KEY,
    ignores: PROJECT_IGNORES,
  });
  // The one call that would need WeChat's servers and a real key: answer it locally.
  project.attr = async () => OFFLINE_ACCOUNT_ATTRIBUTES;
  return project;
}

function errorText(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (error && typeof error === 'object' && 'message' in error) return String(error.message);
  return String(error);
}

/**
 * One line from a compile error. WeChat's Babel errors read "file: pages/a/index.ts\n /abs/path:
 * Unexpected token (2:48)\n\n<code frame>"; they become "miniprogram/pages/a/index.ts:2:48: Unexpected
 * token". Anything else keeps its first two lines. `sourcePrefix` is the mini-program root as shown.
 */
export function summarizeCompileError(message: string, sourcePrefix: string): string {
  const babel = /^file:\s*(\S+)\s*\n\s*\S[^\n]*?:\s+([^\n]+?)\s*\((\d+):(\d+)\)/.exec(message);
  if (babel) {
    const [, file, reason, line, column] = babel;
    return `${sourcePrefix}${file}:${line}:${column}: ${reason}`;
  }
  return message
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .slice(0, 2)
    .join(' ');
}

/**
 * Compiles the project as an upload would and writes the result to `outDir` (cleared first).
 * Returns the byte size of every compiled file, by its path inside the package.
 */
export async function compileWithWeChat(options: {
  repoRoot: string;
  appid: string;
  outDir: string;
  /** How the mini-program root is shown in messages, e.g. 'miniprogram/'. */
  sourcePrefix: string;
}): Promise<WeChatCompileResult> {
  const ci = await loadMiniprogramCi();
  const leftOutAsUnused: string[] = [];
  const warnings: string[] = [];
  const onProgressUpdate = (task: unknown) => {
    if (!task || typeof task !== 'object') return;
    const { status, message } = task as { status?: string; message?: string };
    if (status !== 'warn' || !message) return;
    const unused = /^Ignored by code analyzer:\s*(.*)$/s.exec(message);
    if (unused?.[1]) leftOutAsUnused.push(...unused[1].split(',').map((file) => file.trim()));
    else warnings.push(message);
  };

  let compiled: Record<string, string | Buffer>;
  try {
    compiled = await withConsoleCollected(() =>
      withNetworkRefused(ci, async () => {
        const project = await createOfflineProject(ci, options.repoRoot, options.appid);
        return ci.getCompiledResult({
          project,
          version: '0.0.0-local',
          setting: { useProjectConfig: true },
          onProgressUpdate,
        });
      }),
    );
  } catch (error) {
    const message = errorText(error);
    // The full text first (Babel's code frame shows the spot), then the one line that fails the build.
    console.error(message.replace(/^/gm, '    '));
    throw new BuildError(`WeChat's compile failed: ${summarizeCompileError(message, options.sourcePrefix)}`);
  }

  fs.rmSync(options.outDir, { recursive: true, force: true });
  const files: CompiledFile[] = [];
  for (const [file, content] of Object.entries(compiled)) {
    const target = path.join(options.outDir, file);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, content);
    files.push({
      path: file,
      bytes: typeof content === 'string' ? Buffer.byteLength(content) : content.length,
    });
  }
  return { files: files.sort((a, b) => a.path.localeCompare(b.path)), leftOutAsUnused, warnings };
}

/**
 * Sizes per package from miniprogram-ci's quality check (`PACKAGE_SIZE_LIMIT.detail`), as a second
 * opinion. It measures source files, not the compiled output, and its analyzer skips .ts files, so
 * it undercounts our TypeScript (the main package reads a few KiB); the SDK share agrees. Keys are renamed to ours: '__APP__' → 'main', 'live/' → 'live'.
 */
export async function checkCodeQualitySizes(options: {
  repoRoot: string;
  appid: string;
}): Promise<Map<string, number>> {
  const ci = await loadMiniprogramCi();
  const items = await withConsoleCollected(() =>
    withNetworkRefused(ci, async () =>
      ci.checkCodeQuality(await createOfflineProject(ci, options.repoRoot, options.appid)),
    ),
  );
  const detail = items.find((item) => item.name === 'PACKAGE_SIZE_LIMIT')?.detail as
    Record<string, number> | undefined;
  const sizes = new Map<string, number>();
  if (!detail) return sizes;
  for (const [key, bytes] of Object.entries(detail)) {
    sizes.set(key === '__APP__' ? 'main' : key.replace(/\/$/, ''), bytes);
  }
  sizes.set(
    'total',
    [...sizes.values()].reduce((sum, bytes) => sum + bytes, 0),
  );
  return sizes;
}
