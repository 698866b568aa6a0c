/**
 * The one error type of the server package. `code` is stable (clients and tests match on it);
 * `status` is the HTTP status; `toJSON` is the RFC 9457 problem body, which also carries
 * `error`/`code` so GAEN apps written against Google's servers read it unchanged.
 *
 * Feature folders add their codes by declaration merging:
 *   declare module '../http/server-error' { interface ServerErrorCodes { unit_not_found: true } }
 */
import type { Problem } from '@bluezone/protocol/api';

export interface ServerErrorCodes {
  invalid_config: true;
  invalid_request: true;
  not_found: true;
  method_not_allowed: true;
  unauthorized: true;
  forbidden: true;
  rate_limited: true;
  conflict: true;
  payload_too_large: true;
  unavailable: true;
  internal: true;
}

export type ServerErrorCode = keyof ServerErrorCodes;

/** The problem+json body (@bluezone/protocol/api problem.ts) with this server's codes. */
export type ProblemBody = Omit<Problem, 'code' | 'details'> & { code: ServerErrorCode };

export class ServerError extends Error {
  override readonly name = 'ServerError';
  /** The request field that failed validation (problem `field`), as a dotted path. */
  readonly field: string | undefined;

  constructor(
    readonly code: ServerErrorCode,
    readonly status: number,
    message: string,
    options?: { cause?: unknown; field?: string },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.field = options?.field;
  }

  toJSON(): ProblemBody {
    return {
      type: `https://bluezone.example/problems/${this.code}`,
      title: this.code.replaceAll('_', ' '),
      status: this.status,
      detail: this.message,
      code: this.code,
      error: this.message,
      ...(this.field !== undefined ? { field: this.field } : {}),
    };
  }
}

export const badRequest = (code: ServerErrorCode, message: string) => new ServerError(code, 400, message);
