/**
 * Errors of the district rollout toolkit. They are the package's ServerError (so the app's one
 * `onError` maps them to problem+json) with the rollout's codes merged in, plus optional
 * `details` in the problem body — e.g. every bad CSV row with its line number.
 */
import { ServerError } from '../http/server-error';

declare module '../http/server-error' {
  interface ServerErrorCodes {
    invalid_phone: true;
    invalid_input: true;
    unknown_unit: true;
    unknown_placeholder: true;
    csv_invalid: true;
    font_missing: true;
    tool_missing: true;
    token_forged: true;
    token_expired: true;
    token_replayed: true;
    channel_failed: true;
    channel_rejected: true;
  }
}

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

export class RolloutError extends ServerError {
  declare readonly code: RolloutErrorCode;
  constructor(
    code: RolloutErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(code, STATUS[code], message);
  }

  override toJSON() {
    return { ...super.toJSON(), ...(this.details === undefined ? {} : { details: this.details }) };
  }
}
