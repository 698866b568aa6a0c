/**
 * The app's one error type; `code` picks the message shown (i18n key `error.<code>`), except a
 * server's refusal that carries its problem (code, field, request id): that is worded by the
 * problem's code (ui-shared problemText), never by the server's English detail.
 */
import type { ProblemInfo } from '@bluezone/ui-shared';

export type AppErrorCode =
  | 'network'
  | 'rejected'
  | 'invalid_qr'
  | 'invalid_code'
  | 'no_keys'
  | 'not_joined'
  | 'scan_cancelled'
  | 'camera_denied'
  /** A field test's code the SDK refused: damaged, not signed by the health authority, another region's, or over. */
  | 'field_test_rejected'
  /** A field-test export on a phone no field test enrolled (or whose export time is over). */
  | 'field_test_not_enrolled'
  /** A field-test export before the test started. */
  | 'field_test_not_started'
  /** A file to hand over (a field test's recording) on a phone whose system cannot share files. */
  | 'share_unavailable';

export class AppError extends Error {
  override readonly name = 'AppError';
  /** The server's problem when the error is its refusal. */
  readonly problem: ProblemInfo | undefined;

  constructor(
    readonly code: AppErrorCode,
    message: string,
    options?: { cause?: unknown; problem?: ProblemInfo },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.problem = options?.problem;
  }
}
