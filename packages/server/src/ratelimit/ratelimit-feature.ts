/**
 * Rate limits: which store counts requests (RATE_LIMIT_STORE), and the table the database
 * store uses. The middleware that applies them is in apikeys/api-key-auth.ts.
 */
import type { Feature, ServerContext } from '../feature';
import { RateLimiter, type RequestLimiter } from '../http/rate-limiter';
import { DatabaseRateLimiter } from './database-rate-limiter';
import { rateLimitMigrations } from './ratelimit-migrations';

export const RATE_LIMIT_WINDOW_MS = 60_000;

/**
 * A limiter in the RATE_LIMIT_STORE: by default RATE_LIMIT_PER_MINUTE requests a minute;
 * `scope` names its buckets (`ip`, `key`). A feature with a limit of its own (the rollout
 * toolkit's attestations) passes `limit`.
 */
export function createRateLimiter(
  ctx: ServerContext,
  scope: string,
  limit: { perWindow: number; windowMs: number } = {
    perWindow: ctx.config.rateLimitPerMinute,
    windowMs: RATE_LIMIT_WINDOW_MS,
  },
): RequestLimiter {
  return ctx.config.rateLimitStore === 'database'
    ? new DatabaseRateLimiter(ctx.database, scope, limit.perWindow, limit.windowMs, ctx.clock)
    : new RateLimiter(limit.perWindow, limit.windowMs, ctx.clock);
}

export const rateLimitFeature: Feature = { name: 'ratelimit', migrations: rateLimitMigrations };
