/** A failure to report to the user as one line on stderr with a non-zero exit code. */
export class CliError extends Error {
  override readonly name = 'CliError';
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

/** Wrong usage: exit code 2, as POSIX tools do. */
export class UsageError extends CliError {
  constructor(message: string) {
    super(message, 2);
  }
}
