/**
 * Middleware that admits a request carrying an API key of the given role in `X-API-Key`
 * (the header Google's verification server uses), and rate-limits per key and per client IP.
 * Lookups are cached briefly per process: a revoked key stops working within CACHE_MS.
 */
import { timingSafeEqual } from 'node:crypto';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context, MiddlewareHandler } from 'hono';
import type { ServerContext } from '../feature';
import type { AppEnv } from '../http/app-env';
import { type ApiKeyPrincipal, userOf } from '../http/request-principal';
import { ServerError } from '../http/server-error';
import { createRateLimiter } from '../ratelimit/ratelimit-feature';
import { type ApiKeyRole, DEFAULT_REALM, findApiKey, hashApiKey } from './api-key';

export interface AuthenticatedKey extends ApiKeyPrincipal {
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
    // A logged-in web user whose role stands for this key here (accounts/session-principal.ts).
    const user = presented ? undefined : userOf(c);
    if (user) {
      if (user.actsAsApiKey !== role)
        throw new ServerError('forbidden', 403, `the ${user.role} role may not use this endpoint`);
      // Sessions use the default realm; the id is negative so it never collides with a stored key's.
      c.set('apiKey', { id: -user.userId, realm: DEFAULT_REALM, role });
      return next();
    }
    if (!presented) throw new ServerError('unauthorized', 401, 'missing X-API-Key header');
    const hash = hashApiKey(presented);
    const now = ctx.clock.now();
    let entry = cache.get(hash);
    if (!entry || now - entry.at > CACHE_MS) {
      const found = await findApiKey(ctx.database, presented);
      // The index lookup already matched; compare again in constant time so no code path
      // depends on how much of a guessed hash matched.
      const ok = found !== undefined && timingSafeEqual(Buffer.from(found.keyHash), Buffer.from(hash));
      entry = { key: ok ? { id: found.id, realm: found.realm, role: found.role } : undefined, at: now };
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
