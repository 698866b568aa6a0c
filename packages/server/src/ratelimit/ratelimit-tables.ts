/** The shared rate-limit counters (one row per bucket, its current window and count). */
import type { Kysely } from 'kysely';
import type { Database } from '../database/database';

export interface RateLimitWindowTable {
  /** `<scope>:<key>`, e.g. `ip:203.0.113.7`, `key:42`. */
  bucket: string;
  /** Start of the counted window, epoch ms, a multiple of the window length. */
  window_start: number;
  count: number;
}

export type RateLimitTables = { rate_limit_window: RateLimitWindowTable };

export function rateLimitDb(database: Database): Kysely<RateLimitTables> {
  return database.db.withTables<RateLimitTables>() as unknown as Kysely<RateLimitTables>;
}
