/**
 * The one error type of the server package. `code` is stable (clients and tests match on it);
 * `status` is the HTTP status; `toJSON` is the RFC 9457 problem body, which also carries
 * `error`/`code` so GAEN apps written against Google's servers read it unchanged.
 *
 * Feature folders add their codes by declaration merging:
 *   declare module '../http/server-error' { interface ServerErrorCodes { unit_not_found: true } }
 */
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

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ServerErrorCode;
  error: string;
}

export class ServerError extends Error {
  override readonly name = 'ServerError';

  constructor(
    readonly code: ServerErrorCode,
    readonly status: number,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  toJSON(): ProblemBody {
    return {
      type: `https://bluezone.example/problems/${this.code}`,
      title: this.code.replaceAll('_', ' '),
      status: this.status,
      detail: this.message,
      code: this.code,
      error: this.message,
    };
  }
}

export const badRequest = (code: ServerErrorCode, message: string) => new ServerError(code, 400, message);
