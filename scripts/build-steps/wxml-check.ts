import { spawnSync } from 'child_process';
import fs from 'fs';
import { createRequire } from 'module';
import path from 'path';

/**
 * Compiles every WXML template with WeChat's own `wcc` (shipped in miniprogram-compiler), so a
 * broken template fails the build with file:line before the slower full compile runs.
 */

export interface WxmlProblem {
  /** Absolute path of the template. */
  file: string;
  line: number;
  column: number;
  message: string;
}

export interface WxmlCheckResult {
  /** Templates compiled, relative to the mini-program root, with forward slashes. */
  templates: string[];
  problems: WxmlProblem[];
}

function wccBinary(): string {
  // createRequire: the mini-program typings redeclare the global `require` without `resolve`.
  const compilerDir = path.dirname(createRequire(__filename).resolve('miniprogram-compiler/package.json'));
  const relative =
    process.platform === 'darwin'
      ? 'bin/mac/wcc'
      : process.platform === 'win32'
        ? 'bin/windows/wcc.exe'
        : 'bin/linux/wcc';
  const binary = path.join(compilerDir, relative);
  try {
    // npm does not always keep the executable bit of a package's bundled binaries.
    fs.accessSync(binary, fs.constants.X_OK);
  } catch {
    fs.chmodSync(binary, 0o755);
  }
  return binary;
}

/** Files with the extension under root, relative with forward slashes; node_modules is not part of a package. */
function findFiles(root: string, extension: string): string[] {
  return fs
    .readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(extension))
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .filter((file) => !file.split('/').includes('node_modules'))
    .sort();
}

/** wcc's `-cc` argument: how many templates use custom components, then per template its tag names. */
function componentArgument(root: string, templates: string[]): string {
  const parts: string[] = [];
  let count = 0;
  for (const template of templates) {
    const jsonFile = path.join(root, template.replace(/\.wxml$/, '.json'));
    if (!fs.existsSync(jsonFile)) continue;
    let usingComponents: unknown;
    try {
      usingComponents = (JSON.parse(fs.readFileSync(jsonFile, 'utf8')) as { usingComponents?: unknown })
        .usingComponents;
    } catch {
      continue; // A broken JSON file is reported by WeChat's full compile, which reads it properly.
    }
    if (!usingComponents || typeof usingComponents !== 'object') continue;
    const tags = Object.keys(usingComponents);
    parts.push(template, String(tags.length), ...tags);
    count += 1;
  }
  return [String(count), ...parts].join(' ');
}

/** Parses wcc's stderr, e.g. "pages/a/index.wxml:4:3: expect end-tag `view`., near `text`" (or a .wxs file). */
export function parseWccErrors(stderr: string, root: string): WxmlProblem[] {
  const problems: WxmlProblem[] = [];
  for (const line of stderr.split(/\r?\n/)) {
    const match = /^(.+?\.(?:wxml|wxs)):(\d+):(\d+):\s*(.*)$/.exec(line.trim());
    if (!match) continue;
    const [, file = '', lineNumber = '0', column = '0', message = ''] = match;
    problems.push({
      file: path.resolve(root, file),
      line: Number(lineNumber),
      column: Number(column),
      message: message.trim(),
    });
  }
  return problems;
}

interface WccRun {
  ok: boolean;
  stderr: string;
}

function runWcc(root: string, templates: string[], wxsFiles: string[], components: string): WccRun {
  const result = spawnSync(wccBinary(), ['-d', '-cc', components, ...templates, ...wxsFiles, '-gn', '$gwx'], {
    cwd: root,
    // The generated JavaScript is discarded; only success and the error text matter.
    stdio: ['ignore', 'ignore', 'pipe'],
    encoding: 'utf8',
  });
  if (result.error) throw result.error;
  return { ok: result.status === 0, stderr: result.stderr ?? '' };
}

/**
 * Compiles all templates together, as WeChat does. wcc stops at the first error, so when that run
 * fails each template is compiled alone to report every broken one.
 */
export function checkWxml(root: string): WxmlCheckResult {
  const templates = findFiles(root, '.wxml');
  if (templates.length === 0) return { templates, problems: [] };
  const wxsFiles = findFiles(root, '.wxs');
  const combined = runWcc(root, templates, wxsFiles, componentArgument(root, templates));
  if (combined.ok) return { templates, problems: [] };

  const problems = new Map<string, WxmlProblem>();
  for (const template of templates) {
    const alone = runWcc(root, [template], wxsFiles, componentArgument(root, [template]));
    if (alone.ok) continue;
    // A broken .wxs file fails every run; keep each distinct problem once.
    for (const problem of parseWccErrors(alone.stderr, root)) {
      problems.set(`${problem.file}:${problem.line}:${problem.column}:${problem.message}`, problem);
    }
  }
  if (problems.size === 0) {
    // wcc failed on the whole set only, or said something we cannot parse: show its words.
    const text = combined.stderr.trim().replace(/\s+/g, ' ') || 'no message';
    return { templates, problems: [{ file: root, line: 0, column: 0, message: `wcc failed: ${text}` }] };
  }
  return { templates, problems: [...problems.values()] };
}

/** "miniprogram/pages/a/index.wxml:4:3: expect end-tag `view`., near `text`", relative to `base`. */
export function formatWxmlProblem(problem: WxmlProblem, base: string): string {
  const file = path.relative(base, problem.file).split(path.sep).join('/') || '.';
  return problem.line > 0
    ? `${file}:${problem.line}:${problem.column}: ${problem.message}`
    : `${file}: ${problem.message}`;
}
