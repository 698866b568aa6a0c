/**
 * Web accounts' HTTP API. Sessions: POST /api/auth/login, POST /api/auth/logout, GET /api/auth/me.
 * Admin screens (admin sessions only): users (list, create, change role/unit/name/password,
 * disable, unlock) and the key server's API keys (list, create, revoke).
 */
import type { Hono } from 'hono';
import { z } from 'zod';
import { API_KEY_ROLES, createApiKey, listApiKeys, revokeApiKey } from '../apikeys/api-key';
import { rateLimitByIp } from '../apikeys/api-key-auth';
import type { ServerContext } from '../feature';
import type { AppEnv } from '../http/app-env';
import { parseBody } from '../http/parse-body';
import { ServerError } from '../http/server-error';
import {
  checkPassword,
  checkRoleAndUnit,
  createUser,
  getUserRow,
  listUsers,
  toUser,
  type UserChanges,
  updateUser,
} from './accounts-repository';
import { accountDb } from './accounts-tables';
import { checkLogin } from './login';
import { hashPassword } from './password-hash';
import { clearSessionCookie, readSessionCookie, writeSessionCookie } from './session-cookie';
import { requireUserRole, sessionOf } from './session-principal';
import { createSession, deleteSession, deleteUserSessions, SESSION_TTL_MS } from './session-store';

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

const newUserBody = z.object({
  username: z.string().min(1).max(100),
  displayName: z.string().max(200).optional(),
  role: z.string(),
  unitCode: z.string().max(32).nullable().optional(),
  password: z.string().max(256),
});

const userPatchBody = z.object({
  displayName: z.string().trim().min(1).max(200).optional(),
  role: z.string().optional(),
  unitCode: z.string().max(32).nullable().optional(),
  password: z.string().max(256).optional(),
  disabled: z.boolean().optional(),
  unlock: z.literal(true).optional(),
});

const newKeyBody = z.object({ role: z.enum(API_KEY_ROLES), realm: z.string().optional() });

function idParam(raw: string): number {
  const id = Number(raw);
  if (!Number.isSafeInteger(id) || id <= 0) throw new ServerError('not_found', 404, `no such id ${raw}`);
  return id;
}

export function accountsRoutes(app: Hono<AppEnv>, ctx: ServerContext): void {
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

  app.get('/api/accounts/users', async (c) => {
    requireUserRole(c, 'admin');
    return c.json({ users: await listUsers(db, ctx.clock.now()) });
  });

  app.post('/api/accounts/users', async (c) => {
    const admin = requireUserRole(c, 'admin');
    const body = await parseBody(c, newUserBody);
    const user = await createUser(db, ctx.units, ctx.clock, {
      username: body.username,
      role: body.role,
      password: body.password,
      ...(body.displayName !== undefined ? { displayName: body.displayName } : {}),
      ...(body.unitCode !== undefined ? { unitCode: body.unitCode } : {}),
    });
    ctx.logger.info('user created', { by: admin.userId, userId: user.id, role: user.role });
    return c.json({ user }, 201);
  });

  app.patch('/api/accounts/users/:id', async (c) => {
    const admin = requireUserRole(c, 'admin');
    const id = idParam(c.req.param('id'));
    const body = await parseBody(c, userPatchBody);
    const row = await getUserRow(db, id);
    if (id === admin.userId && (body.disabled === true || (body.role !== undefined && body.role !== 'admin'))) {
      throw new ServerError('conflict', 409, 'you cannot disable yourself or remove your own admin role');
    }
    const set: UserChanges = {};
    if (body.displayName !== undefined) set.display_name = body.displayName;
    if (body.role !== undefined || body.unitCode !== undefined) {
      const checked = await checkRoleAndUnit(ctx.units, body.role ?? row.role, body.unitCode ?? row.unit_code);
      set.role = checked.role;
      set.unit_code = checked.unitCode;
    }
    if (body.password !== undefined) {
      checkPassword(body.password);
      set.password_hash = await hashPassword(body.password);
    }
    if (body.disabled !== undefined) set.disabled_at = body.disabled ? ctx.clock.now() : null;
    if (body.unlock) {
      set.failed_logins = 0;
      set.locked_until = null;
    }
    await updateUser(db, id, set);
    // A changed role, password or status takes effect at once: the user logs in again.
    if (set.role !== undefined || set.password_hash !== undefined || body.disabled === true) {
      await deleteUserSessions(db, id);
    }
    return c.json({ user: toUser(await getUserRow(db, id), ctx.clock.now()) });
  });

  app.get('/api/accounts/api-keys', async (c) => {
    requireUserRole(c, 'admin');
    return c.json({ keys: await listApiKeys(ctx.database) });
  });

  // The new key is in this one response only; the server keeps its hash.
  app.post('/api/accounts/api-keys', async (c) => {
    const admin = requireUserRole(c, 'admin');
    const body = await parseBody(c, newKeyBody);
    const created = await createApiKey(ctx.database, ctx.clock, body.role, body.realm);
    ctx.logger.info('api key created', { by: admin.userId, keyId: created.id, role: created.role });
    return c.json(created, 201);
  });

  app.post('/api/accounts/api-keys/:id/revoke', async (c) => {
    const admin = requireUserRole(c, 'admin');
    const id = idParam(c.req.param('id'));
    if (!(await revokeApiKey(ctx.database, ctx.clock, id))) {
      throw new ServerError('not_found', 404, `no active API key ${id}`);
    }
    ctx.logger.info('api key revoked', { by: admin.userId, keyId: id });
    return c.json({ id, revoked: true });
  });
}
