/**
 * Every `code` the key server and the rollout toolkit can answer a problem with, so the web and
 * the resident app can give each one a message (a test checks that the servers' error codes are
 * all listed here). No zod in this file: a page that imports the list gets a list of strings.
 */

export const PROBLEM_CODES = [
  // the key server's core (server/src/http, database)
  'invalid_config',
  'invalid_request',
  'not_found',
  'method_not_allowed',
  'unauthorized',
  'forbidden',
  'rate_limited',
  'conflict',
  'payload_too_large',
  'unavailable',
  'internal',
  'database_unavailable',
  // the signed configuration document: a bad parameter, an edit made on an older version
  'configuration_invalid',
  'configuration_version_conflict',
  // a field test's enrolment: labels, phone count or window the test cannot have; `field` names it
  'field_test_invalid',
  // web accounts
  'invalid_credentials',
  'account_locked',
  'csrf_failed',
  'username_taken',
  'setup_code_invalid',
  'already_set_up',
  // verification (named as google/exposure-notifications-verification-server's)
  'code_not_found',
  'code_invalid',
  'code_other_realm',
  'code_expired',
  'code_already_used',
  'unsupported_test_type',
  'token_invalid',
  'token_expired',
  'token_used',
  'sms_unavailable',
  'certificate_key_unavailable',
  // publish (named as google/exposure-notifications-server's)
  'unable_to_parse',
  'too_many_keys',
  'no_keys',
  'invalid_key',
  'key_too_old',
  'key_in_future',
  'too_many_same_start',
  'duplicate_key',
  'hmac_mismatch',
  'invalid_revision_token',
  'nothing_to_revise',
  'partial_failure',
  'certificate_invalid',
  'certificate_expired',
  'certificate_used',
  'unknown_health_authority_id',
  // the rollout toolkit
  'invalid_input',
  'invalid_phone',
  'csv_invalid',
  'unknown_unit',
  'install_key_mismatch',
  'home_unit_required',
  'unit_archived',
  'unit_has_children',
  'drive_closed',
  'token_forged',
  'token_replayed',
  'token_outdated',
  'checkpoint_retired',
  'checkpoint_name_taken',
  'not_an_organisation',
  'channel_failed',
  'channel_rejected',
  'unknown_placeholder',
  // campaigns, announcements and media: a one-off time already past, a retired script, a
  // broadcast or ad slot reported before its time
  'schedule_in_past',
  'announcement_retired',
  'broadcast_in_future',
  'tool_missing',
  'font_missing',
  // rollout maps: an uploaded GeoJSON that is not a map of the unit's areas
  'geojson_invalid',
] as const;

export type ProblemCode = (typeof PROBLEM_CODES)[number];

export function isProblemCode(code: string): code is ProblemCode {
  return (PROBLEM_CODES as readonly string[]).includes(code);
}
