/**
 * Command-line arguments of `npm run preview` and `npm run upload`. Parsing is strict: an option
 * the command does not know is an error, so a typo cannot silently upload with defaults.
 */
import { parseArgs } from 'node:util';
import { UsageError } from './errors';

export type ReleaseCommand = 'preview' | 'upload';

/** WeChat keeps a separate development version per CI robot, numbered 1 to 30. */
export const ROBOT_MIN = 1;
export const ROBOT_MAX = 30;
export const DEFAULT_ROBOT = 1;

interface CommonArgs {
  robot: number;
  /** Undefined: use the last commit's subject. */
  desc: string | undefined;
  /** Also show miniprogram-ci's own log lines and WeChat's raw error text. */
  verbose: boolean;
}

export interface PreviewArgs extends CommonArgs {
  command: 'preview';
  /** Page the QR code opens, e.g. `live/pages/room/index` (no leading slash, no query). */
  page: string | undefined;
  /** Query for that page, e.g. `roomID=abc&role=audience` (no leading `?`). */
  query: string | undefined;
}

export interface UploadArgs extends CommonArgs {
  command: 'upload';
  /** Undefined: use package.json's version. */
  version: string | undefined;
}

export type ReleaseArgs = PreviewArgs | UploadArgs;
export type ParsedArgs = { command: ReleaseCommand; help: true } | (ReleaseArgs & { help: false });

const COMMON_OPTIONS = {
  robot: { type: 'string' },
  desc: { type: 'string' },
  verbose: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

const PREVIEW_OPTIONS = {
  ...COMMON_OPTIONS,
  page: { type: 'string' },
  query: { type: 'string' },
} as const;

const UPLOAD_OPTIONS = {
  ...COMMON_OPTIONS,
  version: { type: 'string' },
} as const;

/** Version names WeChat shows in the console: `1.2.3`, optionally with a suffix such as `-beta.1`. */
const VERSION_PATTERN = /^\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.-]+)?$/;
/** `key=value` pairs joined by `&`; no spaces, `#` or `?`, which would break the launch path. */
const QUERY_PATTERN = /^[^\s#?&=]+=[^\s#?&]*(?:&[^\s#?&=]+=[^\s#?&]*)*$/;
/** Page paths as app.json lists them: `pages/entry/index`, `live/pages/room/index`. */
const PAGE_PATTERN = /^[A-Za-z0-9_-]+(?:\/[A-Za-z0-9_-]+)*$/;

export function parseRobot(raw: string | undefined): number {
  if (raw === undefined) return DEFAULT_ROBOT;
  const robot = Number(raw.trim());
  if (!/^\d+$/.test(raw.trim()) || robot < ROBOT_MIN || robot > ROBOT_MAX) {
    throw new UsageError(`--robot must be a whole number from ${ROBOT_MIN} to ${ROBOT_MAX}, got "${raw}"`);
  }
  return robot;
}

/** Accepts `/live/pages/room/index` as typed from a link; WeChat wants it without the slash. */
export function normalizePage(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const page = raw.trim().replace(/^\/+/, '');
  if (page.includes('?')) {
    throw new UsageError(`--page takes a path only; put "${page.split('?')[1] ?? ''}" in --query`);
  }
  if (!PAGE_PATTERN.test(page)) {
    throw new UsageError(`--page "${raw}" is not a page path like live/pages/room/index`);
  }
  return page;
}

export function normalizeQuery(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const query = raw.trim().replace(/^\?/, '');
  if (query === '') return undefined;
  if (!QUERY_PATTERN.test(query)) {
    throw new UsageError(
      `--query "${raw}" is not like roomID=abc&role=audience (key=value pairs joined by &)`,
    );
  }
  return query;
}

export function normalizeVersion(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const version = raw.trim();
  if (!VERSION_PATTERN.test(version)) {
    throw new UsageError(`--version "${raw}" is not a version like 1.2.3`);
  }
  return version;
}

function normalizeDesc(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const desc = raw.trim();
  if (desc === '') throw new UsageError('--desc is empty; leave it out to use the last commit subject');
  return desc;
}

/** Turns node's parseArgs messages ("Unknown option '--pgae'…") into our one-line usage error. */
function parseOrExplain<T>(command: ReleaseCommand, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new UsageError(`${reason} (see npm run ${command} -- --help)`);
  }
}

export function parseReleaseArgs(command: ReleaseCommand, argv: readonly string[]): ParsedArgs {
  if (command === 'preview') {
    const { values } = parseOrExplain(command, () =>
      parseArgs({ args: [...argv], options: PREVIEW_OPTIONS, strict: true, allowPositionals: false }),
    );
    if (values.help === true) return { command, help: true };
    return {
      command,
      help: false,
      page: normalizePage(values.page),
      query: normalizeQuery(values.query),
      robot: parseRobot(values.robot),
      desc: normalizeDesc(values.desc),
      verbose: values.verbose === true,
    };
  }
  const { values } = parseOrExplain(command, () =>
    parseArgs({ args: [...argv], options: UPLOAD_OPTIONS, strict: true, allowPositionals: false }),
  );
  if (values.help === true) return { command, help: true };
  return {
    command,
    help: false,
    version: normalizeVersion(values.version),
    robot: parseRobot(values.robot),
    desc: normalizeDesc(values.desc),
    verbose: values.verbose === true,
  };
}
