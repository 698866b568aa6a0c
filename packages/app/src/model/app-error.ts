/** The app's one error type; `code` picks the message shown (i18n key `error.<code>`). */
export type AppErrorCode =
  | 'network'
  | 'rejected'
  | 'invalid_qr'
  | 'invalid_code'
  | 'no_keys'
  | 'not_joined'
  | 'scan_cancelled'
  | 'camera_denied';

export class AppError extends Error {
  override readonly name = 'AppError';
  constructor(
    readonly code: AppErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
  }
}
