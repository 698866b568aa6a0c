/** POST /api/auth/login, POST /api/auth/logout, GET /api/auth/me. */
import type { Hono } from 'hono';
import { z } from 'zod';
import { rateLimitByIp } from '../apikeys/api-key-auth';
import type { ServerContext } from '../feature';
import type { AppEnv } from '../http/app-env';
import { parseBody } from '../http/parse-body';
import { ServerError } from '../http/server-error';
import { accountDb } from './account-tables';
import { checkLogin } from './login';
import { clearSessionCookie, readSessionCookie, writeSessionCookie } from './session-cookie';
import { sessionOf } from './session-principal';
import { createSession, deleteSession, SESSION_TTL_MS } from './session-store';
import { getUserRow, toUser } from './user-repository';

const loginBody = z.object({
  username: z.string().min(1).max(100),
  password: z.string().min(1).max(256),
});

function hostOf(origin: string): string | undefined {
  try {
    return new URL(origin).host;
  } catch {
    return undefined;
  }
}

export function sessionRoutes(app: Hono<AppEnv>, ctx: ServerContext): void {
  const db = accountDb(ctx.database);
  const trustProxy = ctx.config.trustProxy;

  app.post('/api/auth/login', rateLimitByIp(ctx), async (c) => {
    // Login CSRF (logging a victim into the attacker's account): a browser always sends Origin
    // on a cross-site POST; refuse one that is not this site.
    const origin = c.req.header('origin');
    if (origin !== undefined && origin !== 'null' && hostOf(origin) !== c.req.header('host')) {
      throw new ServerError('csrf_failed', 403, 'login from another site is not allowed');
    }
    const body = await parseBody(c, loginBody);
    const userId = await checkLogin(db, ctx.clock, body.username, body.password);
    const old = readSessionCookie(c);
    if (old !== undefined) await deleteSession(db, old); // a fresh id at every login (no fixation)
    const session = await createSession(db, ctx.clock, userId);
    writeSessionCookie(c, session.id, SESSION_TTL_MS, trustProxy);
    const user = toUser(await getUserRow(db, userId), ctx.clock.now());
    ctx.logger.info('user logged in', { userId, role: user.role });
    return c.json({ user, csrfToken: session.csrfToken, expiresAt: new Date(session.expiresAt).toISOString() });
  });

  app.post('/api/auth/logout', async (c) => {
    const id = readSessionCookie(c);
    if (id !== undefined && sessionOf(c)) await deleteSession(db, id);
    clearSessionCookie(c, trustProxy);
    return c.body(null, 204);
  });

  app.get('/api/auth/me', async (c) => {
    const s = sessionOf(c);
    if (!s) throw new ServerError('unauthorized', 401, 'not logged in');
    const user = toUser(await getUserRow(db, s.userId), ctx.clock.now());
    return c.json({ user, csrfToken: s.csrfToken });
  });
}
