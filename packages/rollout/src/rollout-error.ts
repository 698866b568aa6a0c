/**
 * The one error type of the rollout toolkit. It is the key server's ServerError (so the app's
 * one `onError` maps it to problem+json) with the toolkit's codes merged into the server's by
 * declaration merging, plus optional `details` in the problem body — e.g. every bad CSV row
 * with its line number. Each capability lists its own codes in `<capability>-errors.ts`.
 */
import { ServerError } from '@bluezone/server';
import { ANNOUNCEMENTS_ERRORS } from './announcements/announcements-errors';
import { CAMPAIGNS_ERRORS } from './campaigns/campaigns-errors';
import { CHECKPOINTS_ERRORS } from './checkpoints/checkpoints-errors';
import { COVERAGE_ERRORS } from './coverage/coverage-errors';
import { DRIVES_ERRORS } from './drives/drives-errors';
import { MAPS_ERRORS } from './maps/maps-errors';
import { MEDIA_ERRORS } from './media/media-errors';
import { MESSAGING_ERRORS } from './messaging/messaging-errors';
import { POSTERS_ERRORS } from './posters/posters-errors';
import { UNITS_ERRORS } from './units/units-errors';

/** Codes every capability uses: bad input, scope, phone numbers and CSV files (shared/). */
const SHARED_ERRORS = {
  invalid_input: 400,
  invalid_phone: 400,
  csv_invalid: 400,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
} as const;

const STATUS = {
  ...SHARED_ERRORS,
  ...UNITS_ERRORS,
  ...COVERAGE_ERRORS,
  ...DRIVES_ERRORS,
  ...CHECKPOINTS_ERRORS,
  ...MESSAGING_ERRORS,
  ...CAMPAIGNS_ERRORS,
  ...ANNOUNCEMENTS_ERRORS,
  ...POSTERS_ERRORS,
  ...MAPS_ERRORS,
  ...MEDIA_ERRORS,
} as const;

export type RolloutErrorCode = keyof typeof STATUS;

declare module '@bluezone/server' {
  interface ServerErrorCodes extends Record<RolloutErrorCode, true> {}
}

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
