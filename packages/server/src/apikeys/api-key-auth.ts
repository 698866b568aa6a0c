/**
 * Middleware that admits a request carrying an API key of the given role in `X-API-Key`
 * (the header Google's verification server uses), and rate-limits per key and per client IP.
 * Lookups are cached briefly per process: a revoked key stops working within CACHE_MS.
 */
import { timingSafeEqual } from 'node:crypto';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context, MiddlewareHandler } from 'hono';
import { sessionAsApiKey } from '../accounts/session-principal';
import type { ServerContext } from '../feature';
import type { AppEnv } from '../http/app-env';
import { ServerError } from '../http/server-error';
import { createRateLimiter } from '../ratelimit/feature';
import { type ApiKeyRole, hashApiKey } from './api-key';

export interface AuthenticatedKey {
  id: number;
  realm: string;
  role: ApiKeyRole;
}

const CACHE_MS = 30_000;

export function clientIp(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req.header('x-forwarded-for');
    if (forwarded) return (forwarded.split(',')[0] as string).trim();
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown'; // app.request() in tests has no socket
  }
}

/** Per-IP limit for every request through `rateLimitByIp`. */
export function rateLimitByIp(ctx: ServerContext): MiddlewareHandler<AppEnv> {
  const limiter = createRateLimiter(ctx, 'ip');
  return async (c, next) => {
    if (!(await limiter.take(clientIp(c, ctx.config.trustProxy)))) {
      throw new ServerError('rate_limited', 429, 'too many requests from this address');
    }
    await next();
  };
}

export function requireApiKey(ctx: ServerContext, role: ApiKeyRole): MiddlewareHandler<AppEnv> {
  const cache = new Map<string, { key: AuthenticatedKey | undefined; at: number }>();
  const limiter = createRateLimiter(ctx, 'key');
  const ipLimiter = createRateLimiter(ctx, 'ip');
  return async (c, next) => {
    if (!(await ipLimiter.take(clientIp(c, ctx.config.trustProxy)))) {
      throw new ServerError('rate_limited', 429, 'too many requests from this address');
    }
    const presented = c.req.header('x-api-key');
    // A logged-in web user with a role that stands for this key (accounts/session-principal.ts).
    const sessionKey = presented ? undefined : sessionAsApiKey(c, role);
    if (sessionKey) {
      c.set('apiKey', sessionKey);
      return next();
    }
    if (!presented) throw new ServerError('unauthorized', 401, 'missing X-API-Key header');
    const hash = hashApiKey(presented);
    const now = ctx.clock.now();
    let entry = cache.get(hash);
    if (!entry || now - entry.at > CACHE_MS) {
      const row = await ctx.database.db
        .selectFrom('api_key')
        .select(['id', 'key_hash', 'realm', 'role'])
        .where('key_hash', '=', hash)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      // The index lookup already matched; compare again in constant time so no code path
      // depends on how much of a guessed hash matched.
      const ok = row !== undefined && timingSafeEqual(Buffer.from(row.key_hash), Buffer.from(hash));
      entry = { key: ok ? { id: Number(row.id), realm: row.realm, role: row.role } : undefined, at: now };
      if (cache.size > 10_000) cache.clear();
      cache.set(hash, entry);
    }
    const key = entry.key;
    if (!key) throw new ServerError('unauthorized', 401, 'invalid API key');
    if (key.role !== role) throw new ServerError('forbidden', 403, `this endpoint needs a ${role} API key`);
    if (!(await limiter.take(String(key.id))))
      throw new ServerError('rate_limited', 429, 'too many requests for this API key');
    c.set('apiKey', key);
    await next();
  };
}
