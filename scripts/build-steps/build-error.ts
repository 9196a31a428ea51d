/**
 * A failure the build explains in one line (a broken template, a bad environment value, a broken
 * budget). build.ts prints its message alone, without a stack trace, and exits with status 1.
 */
export class BuildError extends Error {
  override readonly name = 'BuildError';
}
