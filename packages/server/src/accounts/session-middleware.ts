/**
 * Puts the logged-in user on API requests (`c.get('user')`) and enforces CSRF protection:
 * a state-changing request authenticated by the cookie must echo the session's synchronizer
 * token in X-CSRF-Token (OWASP CSRF Prevention Cheat Sheet, "Synchronizer Token Pattern").
 * A request that presents X-API-Key is a program, not a browser: its cookie is ignored.
 */
import { timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { ServerContext } from '../feature';
import type { AppEnv } from '../http/app-env';
import { ServerError } from '../http/server-error';
import { accountDb } from './accounts-tables';
import { readSessionCookie } from './session-cookie';
import { toSessionPrincipal } from './session-principal';
import { resolveSession } from './session-store';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** Login takes no session; a stale cookie with a stale token must not block logging in again. */
const CSRF_EXEMPT = new Set(['/api/auth/login']);

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function sessionMiddleware(ctx: ServerContext): MiddlewareHandler<AppEnv> {
  const db = accountDb(ctx.database);
  return async (c, next) => {
    const id = c.req.header('x-api-key') === undefined ? readSessionCookie(c) : undefined;
    if (id !== undefined && !CSRF_EXEMPT.has(c.req.path)) {
      const principal = await resolveSession(db, ctx.clock.now(), id);
      if (principal) {
        if (!SAFE_METHODS.has(c.req.method) && !sameToken(c.req.header('x-csrf-token') ?? '', principal.csrfToken)) {
          throw new ServerError('csrf_failed', 403, 'missing or wrong X-CSRF-Token for this session');
        }
        c.set('user', toSessionPrincipal(principal, c.req.path));
      }
    }
    await next();
  };
}
