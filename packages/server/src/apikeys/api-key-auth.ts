/**
 * Middleware that admits a request carrying an API key of the given role in `X-API-Key`
 * (the header Google's verification server uses), and rate-limits per client IP and per key
 * (a device key, which every app shares, per key and client IP).
 * Lookups are cached briefly per process: a revoked key stops working within CACHE_MS.
 */
import { timingSafeEqual } from 'node:crypto';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context, MiddlewareHandler } from 'hono';
import type { ServerConfig } from '../config';
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

/** Which proxies to believe about the client's address (ServerConfig TRUST_PROXY, TRUST_PROXY_HOPS). */
export type ProxyTrust = Pick<ServerConfig, 'trustProxy' | 'trustProxyHops'>;

/** Longest address kept: an IPv6 address with a zone is under 64 characters. */
const MAX_ADDRESS_LENGTH = 64;

/**
 * The client's address. Behind proxies (TRUST_PROXY), X-Forwarded-For lists the addresses the
 * request came through, each proxy appending the one it got it from: the client is the entry
 * TRUST_PROXY_HOPS places from the right, as Express's `trust proxy` with a hop count reads it
 * (jshttp/proxy-addr). The leftmost entries are whatever the client sent: trusting the first
 * let anyone pick the address their requests were counted under. A boolean is one proxy.
 */
export function clientIp(c: Context, proxy: ProxyTrust | boolean): string {
  const trust = typeof proxy === 'boolean' ? { trustProxy: proxy, trustProxyHops: 1 } : proxy;
  let socket: string;
  try {
    socket = getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    socket = 'unknown'; // app.request() in tests has no socket
  }
  if (!trust.trustProxy) return socket;
  const forwarded = (c.req.header('x-forwarded-for') ?? '')
    .split(',')
    .map((a) => a.trim())
    .filter((a) => a !== '');
  // The chain from the client to us: the socket's peer is the nearest proxy.
  const chain = [...forwarded, socket];
  const client = chain[Math.max(0, chain.length - 1 - trust.trustProxyHops)] as string;
  return client.slice(0, MAX_ADDRESS_LENGTH);
}

/** Per-IP limit for every request through `rateLimitByIp`. */
export function rateLimitByIp(ctx: ServerContext): MiddlewareHandler<AppEnv> {
  const limiter = createRateLimiter(ctx, 'ip');
  return async (c, next) => {
    if (!(await limiter.take(clientIp(c, ctx.config)))) {
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
    if (!(await ipLimiter.take(clientIp(c, ctx.config)))) {
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
    // A device key is compiled into every copy of the app: one limit for the key would let one
    // client use up every phone's share. Device requests are counted per key and address.
    const bucket = key.role === 'device' ? `${key.id}@${clientIp(c, ctx.config)}` : String(key.id);
    if (!(await limiter.take(bucket))) throw new ServerError('rate_limited', 429, 'too many requests for this API key');
    c.set('apiKey', key);
    await next();
  };
}

/**
 * An admin API key or an admin's own session. A district session acts as an admin key elsewhere
 * (accounts/session-principal.ts), but what this guards (signing keys, what phones run, who may
 * export) is the admin's alone; `what` words the 403, "<what> needs the admin role".
 */
export function requireAdminRole(ctx: ServerContext, what: string): MiddlewareHandler<AppEnv> {
  const admin = requireApiKey(ctx, 'admin');
  return async (c, next) => {
    const s = userOf(c);
    if (s && s.role !== 'admin') throw new ServerError('forbidden', 403, `${what} needs the admin role`);
    return admin(c, next);
  };
}
