/**
 * Every rule the keys of a `/v1/publish` request (google/exposure-notifications-server
 * pkg/api/v1/exposure_types.go; its schema is the contract's) must meet before anything is
 * stored. Pure: the caller supplies `now`.
 */
import {
  dayStartInterval,
  fromCanonicalBase64,
  INTERVAL_SECONDS,
  TEK_LENGTH,
  TEK_ROLLING_PERIOD,
} from '@bluezone/protocol';
import type { keyServerApi, ParsedRequestOf } from '@bluezone/protocol/api';
import { ServerError } from '../http/server-error';
import './publish-errors';

/** MAX_KEYS_ON_PUBLISH in Google's server. */
export const MAX_KEYS_ON_PUBLISH = 30;
/** MAX_SAME_START_INTERVAL_KEYS: a phone rotating keys mid-day may have 2-3 keys for one start. */
export const MAX_SAME_START_INTERVAL_KEYS = 3;

/** Keys whose day began more than this many days ago are refused (15 days: today + 14). */
export const MAX_KEY_AGE_DAYS = 15;

/** A publish request after parsing (defaults filled in): the contract's, @bluezone/protocol/api key-server.ts. */
export type PublishRequest = ParsedRequestOf<typeof keyServerApi.publish>;
export type PublishKey = PublishRequest['temporaryExposureKeys'][number];

/** Checks count, length, period, age, future start and same-start limits; throws the first failure. */
export function validatePublishKeys(keys: readonly PublishKey[], now: number): void {
  if (keys.length === 0) throw new ServerError('no_keys', 400, 'temporaryExposureKeys is empty');
  if (keys.length > MAX_KEYS_ON_PUBLISH) {
    throw new ServerError('too_many_keys', 400, `at most ${MAX_KEYS_ON_PUBLISH} keys per publish, got ${keys.length}`);
  }
  const nowInterval = Math.floor(now / 1000 / INTERVAL_SECONDS);
  const oldestStart = dayStartInterval(nowInterval) - (MAX_KEY_AGE_DAYS - 1) * TEK_ROLLING_PERIOD;
  const seen = new Set<string>();
  const sameStart = new Map<number, number>();
  keys.forEach((k, i) => {
    const where = `temporaryExposureKeys[${i}]`;
    // Canonical base64 only, so that one key has one text: decoding ignores the last
    // character's unused bits, and `…6Q==`, `…6R==`, `…6S==` were stored as three keys (the
    // duplicate check and the unique index compare text) and exported four times in one file.
    let bytes: Uint8Array;
    try {
      bytes = fromCanonicalBase64(k.key, `${where}.key`);
    } catch (err) {
      throw new ServerError('invalid_key', 400, (err as Error).message);
    }
    if (bytes.length !== TEK_LENGTH) {
      throw new ServerError('invalid_key', 400, `${where}.key must be ${TEK_LENGTH} bytes, got ${bytes.length}`);
    }
    if (k.rollingPeriod < 1 || k.rollingPeriod > TEK_ROLLING_PERIOD) {
      throw new ServerError('invalid_key', 400, `${where}.rollingPeriod must be 1..${TEK_ROLLING_PERIOD}`);
    }
    if (k.rollingStartNumber > nowInterval) {
      throw new ServerError('key_in_future', 400, `${where} starts in the future`);
    }
    if (k.rollingStartNumber < oldestStart) {
      throw new ServerError('key_too_old', 400, `${where} is older than ${MAX_KEY_AGE_DAYS} days`);
    }
    if (seen.has(k.key)) throw new ServerError('duplicate_key', 400, `${where} appears twice`);
    seen.add(k.key);
    const n = (sameStart.get(k.rollingStartNumber) ?? 0) + 1;
    if (n > MAX_SAME_START_INTERVAL_KEYS) {
      throw new ServerError(
        'too_many_same_start',
        400,
        `more than ${MAX_SAME_START_INTERVAL_KEYS} keys start at interval ${k.rollingStartNumber}`,
      );
    }
    sameStart.set(k.rollingStartNumber, n);
  });
}

/**
 * MAX_VALID_SYMPTOM_ONSET_REPORT_DAYS of google/exposure-notifications-server
 * (internal/publish/config.go, default 28): an onset earlier than that many days before today
 * (UTC midnight), or not before the current interval, is not a symptom onset.
 */
export const MAX_VALID_ONSET_REPORT_DAYS = 28;

/**
 * The first of `candidates` (certificate's symptom onset, its test date, the request's own
 * value, in that order) that is a plausible onset at `now`: on or after UTC midnight
 * MAX_VALID_ONSET_REPORT_DAYS days ago and before the current interval — the window Google's
 * TransformPublish (internal/publish/model/exposure_model.go) applies before using an onset.
 * Values outside it are ignored, as there, not refused. Unchecked, 2^53 − 1 overflowed
 * PostgreSQL's integer column (a 500) and SQLite's statistics read −62,549,994,803,802 days.
 */
export function plausibleOnsetInterval(candidates: readonly (number | undefined)[], now: number): number | undefined {
  const nowInterval = Math.floor(now / 1000 / INTERVAL_SECONDS);
  const earliest = dayStartInterval(nowInterval) - MAX_VALID_ONSET_REPORT_DAYS * TEK_ROLLING_PERIOD;
  return candidates.find((c) => c !== undefined && Number.isSafeInteger(c) && c >= earliest && c < nowInterval);
}

/** Days from symptom onset to the key's day, or undefined when unknown or outside [-14, 14]. */
export function daysSinceOnset(rollingStart: number, onsetInterval: number | undefined): number | undefined {
  if (onsetInterval === undefined) return undefined;
  const days = Math.floor((dayStartInterval(rollingStart) - dayStartInterval(onsetInterval)) / TEK_ROLLING_PERIOD);
  return days >= -14 && days <= 14 ? days : undefined;
}
