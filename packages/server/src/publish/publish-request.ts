/**
 * The `/v1/publish` request (google/exposure-notifications-server pkg/api/v1/exposure_types.go)
 * and every rule a key must meet before anything is stored. Pure: the caller supplies `now`.
 */
import { dayStartInterval, fromBase64, INTERVAL_SECONDS, TEK_LENGTH, TEK_ROLLING_PERIOD } from '@bluezone/protocol';
import { z } from 'zod';
import { ServerError } from '../http/server-error';
import './publish-errors';

/** MAX_KEYS_ON_PUBLISH in Google's server. */
export const MAX_KEYS_ON_PUBLISH = 30;
/** MAX_SAME_START_INTERVAL_KEYS: a phone rotating keys mid-day may have 2-3 keys for one start. */
export const MAX_SAME_START_INTERVAL_KEYS = 3;
/** Padded base64 of exactly TEK_LENGTH (16) bytes: 22 characters and "==". */
const TEK_BASE64 = /^[A-Za-z0-9+/]{22}==$/;

/** Keys whose day began more than this many days ago are refused (15 days: today + 14). */
export const MAX_KEY_AGE_DAYS = 15;

const publishKey = z.object({
  key: z.string(),
  rollingStartNumber: z.number().int().min(0).max(0xffffffff),
  rollingPeriod: z.number().int().default(TEK_ROLLING_PERIOD),
  transmissionRisk: z.number().int().min(0).max(8).default(0),
});

export const publishSchema = z.object({
  temporaryExposureKeys: z.array(publishKey),
  healthAuthorityID: z.string().min(1).max(100),
  verificationPayload: z.string().min(1).max(8192),
  hmacKey: z.string().min(1).max(256),
  symptomOnsetInterval: z.number().int().min(0).optional(),
  traveler: z.boolean().default(false),
  revisionToken: z.string().max(16384).optional(),
  padding: z.string().max(16384).optional(),
});

export type PublishRequest = z.infer<typeof publishSchema>;
export type PublishKey = z.infer<typeof publishKey>;

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
    // The usual 16-byte key needs no decoding to know its length; anything else gets the full check.
    if (!TEK_BASE64.test(k.key)) {
      let bytes: Uint8Array;
      try {
        bytes = fromBase64(k.key);
      } catch {
        throw new ServerError('invalid_key', 400, `${where}.key is not valid base64`);
      }
      if (bytes.length !== TEK_LENGTH) {
        throw new ServerError('invalid_key', 400, `${where}.key must be ${TEK_LENGTH} bytes, got ${bytes.length}`);
      }
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

/** Days from symptom onset to the key's day, or undefined when unknown or outside [-14, 14]. */
export function daysSinceOnset(rollingStart: number, onsetInterval: number | undefined): number | undefined {
  if (onsetInterval === undefined) return undefined;
  const days = Math.floor((dayStartInterval(rollingStart) - dayStartInterval(onsetInterval)) / TEK_ROLLING_PERIOD);
  return days >= -14 && days <= 14 ? days : undefined;
}
