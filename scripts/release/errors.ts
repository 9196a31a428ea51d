/**
 * Failures the release commands report as one line and an exit code, never a stack trace:
 * CI logs should say what to fix, not where in our code it was noticed.
 */
export const EXIT_OK = 0;
/** WeChat, the build or the file system failed. */
export const EXIT_FAILED = 1;
/** Bad arguments or credentials: nothing was built or sent. */
export const EXIT_USAGE = 2;

export class ReleaseError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT_FAILED,
  ) {
    super(message);
    this.name = 'ReleaseError';
  }
}

export class UsageError extends ReleaseError {
  constructor(message: string) {
    super(message, EXIT_USAGE);
    this.name = 'UsageError';
  }
}
