/**
 * Web accounts' HTTP API. Sessions: POST /api/auth/login, POST /api/auth/logout, GET /api/auth/me.
 * Admin screens (admin sessions only): users (list, create, change role/unit/name/password,
 * disable, unlock) and the key server's API keys (list, create, revoke). Requests and answers
 * are the contract's (@bluezone/protocol/api accounts.ts).
 */
import { accountsApi as api } from '@bluezone/protocol/api';
import type { Hono } from 'hono';
import { createApiKey, listApiKeys, revokeApiKey } from '../apikeys/api-key';
import { clientIp, rateLimitByIp } from '../apikeys/api-key-auth';
import type { ServerContext } from '../feature';
import type { AppEnv } from '../http/app-env';
import { parseBody } from '../http/parse-body';
import { reply } from '../http/reply';
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

function hostOf(origin: string): string | undefined {
  try {
    return new URL(origin).host;
  } catch {
    return undefined;
  }
}

function idParam(raw: string): number {
  const id = Number(raw);
  if (!Number.isSafeInteger(id) || id <= 0) throw new ServerError('not_found', 404, `no such id ${raw}`);
  return id;
}

export function accountsRoutes(app: Hono<AppEnv>, ctx: ServerContext): void {
  const db = accountDb(ctx.database);
  const trustProxy = ctx.config.trustProxy;

  app.post(api.login.path, rateLimitByIp(ctx), async (c) => {
    // Login CSRF (logging a victim into the attacker's account): a browser always sends Origin
    // on a cross-site POST; refuse one that is not this site.
    const origin = c.req.header('origin');
    if (origin !== undefined && origin !== 'null' && hostOf(origin) !== c.req.header('host')) {
      throw new ServerError('csrf_failed', 403, 'login from another site is not allowed');
    }
    const body = await parseBody(c, api.login.request);
    const userId = await checkLogin(db, ctx.clock, body.username, body.password, clientIp(c, ctx.config));
    const old = readSessionCookie(c);
    if (old !== undefined) await deleteSession(db, old); // a fresh id at every login (no fixation)
    const session = await createSession(db, ctx.clock, userId);
    writeSessionCookie(c, session.id, SESSION_TTL_MS, trustProxy);
    const user = toUser(await getUserRow(db, userId), ctx.clock.now());
    ctx.logger.info('user logged in', { userId, role: user.role });
    return reply(c, api.login, {
      user,
      csrfToken: session.csrfToken,
      expiresAt: new Date(session.expiresAt).toISOString(),
    });
  });

  app.post(api.logout.path, async (c) => {
    const id = readSessionCookie(c);
    if (id !== undefined && sessionOf(c)) await deleteSession(db, id);
    clearSessionCookie(c, trustProxy);
    return c.body(null, 204);
  });

  app.get(api.me.path, async (c) => {
    const s = sessionOf(c);
    if (!s) throw new ServerError('unauthorized', 401, 'not logged in');
    const user = toUser(await getUserRow(db, s.userId), ctx.clock.now());
    return reply(c, api.me, { user, csrfToken: s.csrfToken });
  });

  app.get(api.listUsers.path, async (c) => {
    requireUserRole(c, 'admin');
    return reply(c, api.listUsers, { users: await listUsers(db, ctx.clock.now()) });
  });

  app.post(api.createUser.path, async (c) => {
    const admin = requireUserRole(c, 'admin');
    const body = await parseBody(c, api.createUser.request);
    const user = await createUser(db, ctx.units, ctx.clock, {
      username: body.username,
      role: body.role,
      password: body.password,
      ...(body.displayName !== undefined ? { displayName: body.displayName } : {}),
      ...(body.unitCode !== undefined ? { unitCode: body.unitCode } : {}),
    });
    ctx.logger.info('user created', { by: admin.userId, userId: user.id, role: user.role });
    return reply(c, api.createUser, { user }, 201);
  });

  app.patch(api.updateUser.path, async (c) => {
    const admin = requireUserRole(c, 'admin');
    const id = idParam(c.req.param('id'));
    const body = await parseBody(c, api.updateUser.request);
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
    return reply(c, api.updateUser, { user: toUser(await getUserRow(db, id), ctx.clock.now()) });
  });

  app.get(api.listApiKeys.path, async (c) => {
    requireUserRole(c, 'admin');
    return reply(c, api.listApiKeys, { keys: await listApiKeys(ctx.database) });
  });

  // The new key is in this one response only; the server keeps its hash.
  app.post(api.createApiKey.path, async (c) => {
    const admin = requireUserRole(c, 'admin');
    const body = await parseBody(c, api.createApiKey.request);
    const created = await createApiKey(ctx.database, ctx.clock, body.role, body.realm);
    ctx.logger.info('api key created', { by: admin.userId, keyId: created.id, role: created.role });
    return reply(c, api.createApiKey, created, 201);
  });

  app.post(api.revokeApiKey.path, async (c) => {
    const admin = requireUserRole(c, 'admin');
    const id = idParam(c.req.param('id'));
    if (!(await revokeApiKey(ctx.database, ctx.clock, id))) {
      throw new ServerError('not_found', 404, `no active API key ${id}`);
    }
    ctx.logger.info('api key revoked', { by: admin.userId, keyId: id });
    return reply(c, api.revokeApiKey, { id, revoked: true });
  });
}
