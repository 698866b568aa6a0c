/**
 * ENIntervalNumber: 10-minute windows since the Unix epoch.
 * GAEN Cryptography spec v1.2 §"ENIntervalNumber": floor(unix seconds / 600), as uint32.
 */
import { ProtocolError } from './errors';

export const INTERVAL_SECONDS = 600;
/** TEKRollingPeriod: a key is valid for 144 intervals (24 h). */
export const TEK_ROLLING_PERIOD = 144;

export function intervalNumber(unixSeconds: number): number {
  if (!Number.isFinite(unixSeconds) || unixSeconds < 0) {
    throw new ProtocolError('invalid_argument', `time must be a non-negative number of seconds, got ${unixSeconds}`);
  }
  const n = Math.floor(unixSeconds / INTERVAL_SECONDS);
  if (n > 0xffffffff) throw new ProtocolError('invalid_argument', 'time is past the last ENIntervalNumber');
  return n;
}

/** First interval of the UTC day containing `enin` (where TEKs start: spec §"TEK rolling"). */
export function dayStartInterval(enin: number): number {
  return Math.floor(enin / TEK_ROLLING_PERIOD) * TEK_ROLLING_PERIOD;
}

export function intervalToUnixSeconds(enin: number): number {
  return enin * INTERVAL_SECONDS;
}
