/** What the `bluezone authority …` commands share: date options and the one-line key summary. */
import type { authorities } from '@bluezone/server';
import { UsageError } from '../cli-error';

/** An ISO 8601 date or date-time (`2026-12-01`, `2026-12-01T08:00:00Z`) → epoch ms. */
export function dateOption(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const ms = /^\d{4}-\d{2}-\d{2}([T ][0-9:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(value) ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(ms)) throw new UsageError(`--${name} must be an ISO 8601 date or date-time, got "${value}"`);
  return ms;
}

export function keyStatus(key: authorities.HealthAuthorityKey, now: number): 'valid' | 'not_yet_valid' | 'ended' {
  if (key.validThru !== null && key.validThru <= now) return 'ended';
  return key.validFrom > now ? 'not_yet_valid' : 'valid';
}

export function keyJson(key: authorities.HealthAuthorityKey, now: number) {
  return {
    kid: key.kid,
    version: key.version,
    validFrom: new Date(key.validFrom).toISOString(),
    validThru: key.validThru === null ? null : new Date(key.validThru).toISOString(),
    status: keyStatus(key, now),
  };
}
