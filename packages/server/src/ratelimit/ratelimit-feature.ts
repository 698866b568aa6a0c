/**
 * Rate limits: which store counts requests (RATE_LIMIT_STORE), and the table the database
 * store uses. The middleware that applies them is in apikeys/api-key-auth.ts.
 */
import type { Feature, ServerContext } from '../feature';
import { RateLimiter, type RequestLimiter } from '../http/rate-limiter';
import { DatabaseRateLimiter } from './database-rate-limiter';
import { rateLimitMigrations } from './ratelimit-migrations';

export const RATE_LIMIT_WINDOW_MS = 60_000;

/** A per-minute limiter of RATE_LIMIT_PER_MINUTE requests; `scope` names its buckets (`ip`, `key`). */
export function createRateLimiter(ctx: ServerContext, scope: string): RequestLimiter {
  const { rateLimitPerMinute, rateLimitStore } = ctx.config;
  return rateLimitStore === 'database'
    ? new DatabaseRateLimiter(ctx.database, scope, rateLimitPerMinute, RATE_LIMIT_WINDOW_MS, ctx.clock)
    : new RateLimiter(rateLimitPerMinute, RATE_LIMIT_WINDOW_MS, ctx.clock);
}

export const rateLimitFeature: Feature = { name: 'ratelimit', migrations: rateLimitMigrations };
