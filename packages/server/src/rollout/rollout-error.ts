/**
 * The one error type of the district rollout toolkit. `code` is stable (clients and tests
 * match on it); `status` is the HTTP status the API maps it to as a problem+json body.
 */
export type RolloutErrorCode =
  | 'invalid_phone'
  | 'invalid_input'
  | 'unknown_unit'
  | 'unknown_placeholder'
  | 'csv_invalid'
  | 'font_missing'
  | 'tool_missing'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'token_forged'
  | 'token_expired'
  | 'token_replayed'
  | 'channel_failed'
  | 'channel_rejected';

const STATUS: Record<RolloutErrorCode, number> = {
  invalid_phone: 400,
  invalid_input: 400,
  unknown_unit: 404,
  unknown_placeholder: 400,
  csv_invalid: 400,
  font_missing: 500,
  tool_missing: 500,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  token_forged: 400,
  token_expired: 400,
  token_replayed: 409,
  channel_failed: 502,
  channel_rejected: 502,
};

export class RolloutError extends Error {
  override readonly name = 'RolloutError';
  readonly status: number;
  constructor(
    readonly code: RolloutErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.status = STATUS[code];
  }

  toJSON() {
    return { code: this.code, message: this.message, ...(this.details === undefined ? {} : { details: this.details }) };
  }
}
