/**
 * Admin screens' API: users (list, create, change role/unit/name/password, disable, unlock) and
 * the key server's API keys (list, create, revoke). Admin sessions only.
 */
import type { Hono } from 'hono';
import { z } from 'zod';
import { API_KEY_ROLES, createApiKey, listApiKeys, revokeApiKey } from '../apikeys/api-key';
import type { ServerContext } from '../feature';
import type { AppEnv } from '../http/app-env';
import { parseBody } from '../http/parse-body';
import { ServerError } from '../http/server-error';
import { accountDb } from './account-tables';
import { hashPassword } from './password-hash';
import { requireUserRole } from './session-principal';
import { deleteUserSessions } from './session-store';
import { checkPassword, checkRoleAndUnit, createUser, getUserRow, listUsers, toUser } from './user-repository';

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

export function userRoutes(app: Hono<AppEnv>, ctx: ServerContext): void {
  const db = accountDb(ctx.database);

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
    const set: Record<string, unknown> = {};
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
    if (Object.keys(set).length > 0) await db.updateTable('account_user').set(set).where('id', '=', id).execute();
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
