/** @jest-environment node */
import { parseReleaseArgs } from '../../scripts/release/args';
import { EXIT_USAGE, UsageError } from '../../scripts/release/errors';

function usageMessage(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).exitCode).toBe(EXIT_USAGE);
    return (error as Error).message;
  }
  throw new Error('expected a UsageError');
}

describe('preview arguments', () => {
  it('has defaults: robot 1, no page, query or description', () => {
    expect(parseReleaseArgs('preview', [])).toEqual({
      command: 'preview',
      help: false,
      page: undefined,
      query: undefined,
      robot: 1,
      desc: undefined,
      verbose: false,
    });
  });

  it('reads page, query, robot, desc and verbose', () => {
    const parsed = parseReleaseArgs('preview', [
      '--page',
      'live/pages/room/index',
      '--query',
      'roomID=abc&role=audience',
      '--robot',
      '7',
      '--desc=Room QA build',
      '--verbose',
    ]);
    expect(parsed).toMatchObject({
      page: 'live/pages/room/index',
      query: 'roomID=abc&role=audience',
      robot: 7,
      desc: 'Room QA build',
      verbose: true,
    });
  });

  it('accepts the page with a leading slash and the query with a leading ?, as copied from a link', () => {
    expect(
      parseReleaseArgs('preview', ['--page', '/live/pages/room/index', '--query', '?roomID=abc']),
    ).toMatchObject({ page: 'live/pages/room/index', query: 'roomID=abc' });
  });

  it('sends a query that is in --page to --query instead', () => {
    expect(
      usageMessage(() => parseReleaseArgs('preview', ['--page', 'live/pages/room/index?roomID=a'])),
    ).toBe('--page takes a path only; put "roomID=a" in --query');
  });

  it.each(['roomID', 'roomID=a b', 'a=1&&b=2', 'x=1#top'])('rejects the malformed query %p', (query) => {
    expect(usageMessage(() => parseReleaseArgs('preview', ['--query', query]))).toMatch(
      /^--query ".*" is not like/,
    );
  });

  it.each(['0', '31', '1.5', 'two', '-1', ''])('rejects robot %p (WeChat has robots 1 to 30)', (robot) => {
    expect(usageMessage(() => parseReleaseArgs('preview', [`--robot=${robot}`]))).toMatch(
      /^--robot must be a whole number from 1 to 30/,
    );
  });

  it('does not take --version: WeChat numbers previews itself', () => {
    expect(usageMessage(() => parseReleaseArgs('preview', ['--version', '1.0.0']))).toMatch(
      /Unknown option '--version'.*npm run preview -- --help/,
    );
  });
});

describe('upload arguments', () => {
  it('has defaults: version and description come later from package.json and git', () => {
    expect(parseReleaseArgs('upload', [])).toEqual({
      command: 'upload',
      help: false,
      version: undefined,
      robot: 1,
      desc: undefined,
      verbose: false,
    });
  });

  it('reads version, desc and robot', () => {
    expect(
      parseReleaseArgs('upload', ['--version', '1.2.3', '--desc', 'Live rooms with chat', '--robot', '30']),
    ).toMatchObject({ version: '1.2.3', desc: 'Live rooms with chat', robot: 30 });
  });

  it.each(['1.2', 'v1.2.3', '1.2.3 beta', ''])('rejects version %p', (version) => {
    expect(usageMessage(() => parseReleaseArgs('upload', ['--version', version]))).toMatch(
      /^--version ".*" is not/,
    );
  });

  it('accepts a pre-release suffix', () => {
    expect(parseReleaseArgs('upload', ['--version', '1.2.3-beta.1'])).toMatchObject({
      version: '1.2.3-beta.1',
    });
  });

  it('refuses an empty description rather than uploading a blank one', () => {
    expect(usageMessage(() => parseReleaseArgs('upload', ['--desc', '  ']))).toMatch(/^--desc is empty/);
  });

  it.each([['--page', 'x'], ['--query', 'a=1'], ['stray']])(
    'refuses %p, which upload does not take',
    (...argv) => {
      expect(usageMessage(() => parseReleaseArgs('upload', argv))).toMatch(/npm run upload -- --help\)$/);
    },
  );

  it('reports a typo instead of ignoring it', () => {
    expect(usageMessage(() => parseReleaseArgs('upload', ['--verison', '1.0.0']))).toMatch(/'--verison'/);
  });
});

describe('--help', () => {
  it.each(['preview', 'upload'] as const)('wins over everything else for %s', (command) => {
    expect(parseReleaseArgs(command, ['--robot', '3', '--help'])).toEqual({ command, help: true });
    expect(parseReleaseArgs(command, ['-h'])).toEqual({ command, help: true });
  });
});
