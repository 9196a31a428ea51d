/**
 * The real miniprogram-ci behind the `CiClient` boundary, plus the two helpers around its calls:
 * drawing the preview QR in the terminal and keeping its console chatter out of the way.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { CiClient } from './ci-options';

import type * as MiniprogramCiModule from 'miniprogram-ci';

type MiniprogramCi = typeof MiniprogramCiModule;
type CiProject = InstanceType<MiniprogramCi['Project']>;

/** Its typings require a version for previews, which it then replaces with this one. */
const PREVIEW_VERSION = '0.0.1';

export async function loadMiniprogramCi(): Promise<CiClient> {
  const ci: MiniprogramCi = await import('miniprogram-ci');
  return {
    createProject: (options) => new ci.Project(options),
    preview: (options) =>
      ci.preview({ ...options, version: PREVIEW_VERSION, project: options.project as CiProject }),
    upload: (options) => ci.upload({ ...options, project: options.project as CiProject }),
  };
}

/** miniprogram-ci's own dependencies, resolved from where it is installed rather than declared twice. */
const requireFromCi = createRequire(createRequire(__filename).resolve('miniprogram-ci/package.json'));

interface JimpImage {
  getBufferAsync(mime: string): Promise<Buffer>;
}
interface JimpModule {
  read(data: Buffer): Promise<JimpImage>;
  MIME_PNG: string;
}
interface TerminalQrModule {
  generateTerminalQrcode(base64Image: string): Promise<string>;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47]);

/**
 * WeChat's QR image may be a JPEG even though the file is named .png; re-encode it so image
 * viewers and CI artifact previews open it. Then decode it and redraw it with terminal blocks,
 * as miniprogram-ci's own 'terminal' format does (it can only do one of file or terminal).
 */
export async function renderQrInTerminal(imagePath: string): Promise<string | undefined> {
  try {
    let image: Buffer = readFileSync(imagePath);
    if (!image.subarray(0, 4).equals(PNG_SIGNATURE)) {
      const jimp = requireFromCi('jimp') as JimpModule;
      image = await (await jimp.read(image)).getBufferAsync(jimp.MIME_PNG);
      writeFileSync(imagePath, image);
    }
    const terminal = requireFromCi('./dist/ci/utils/terminalQrcode') as TerminalQrModule;
    return await terminal.generateTerminalQrcode(image.toString('base64'));
  } catch {
    // The image file is what matters; the terminal drawing is a convenience.
    return undefined;
  }
}

type ConsoleMethod = 'log' | 'info' | 'debug' | 'warn';
const CHATTY: readonly ConsoleMethod[] = ['log', 'info', 'debug', 'warn'];

/**
 * miniprogram-ci logs `[info]`/`[error]` lines through console.log, including request URLs and
 * its error before it throws; our own progress and advice go to process.stdout/stderr directly,
 * so muting console during the call leaves one clear line per event.
 */
export async function withCiLogs<T>(verbose: boolean, call: () => Promise<T>): Promise<T> {
  if (verbose) return call();
  const saved = CHATTY.map((method) => [method, console[method]] as const);
  for (const method of CHATTY) console[method] = () => undefined;
  try {
    return await call();
  } finally {
    for (const [method, original] of saved) console[method] = original;
  }
}
