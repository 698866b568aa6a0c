/**
 * Who may see and change what. An admin API key (the key server's) sees the whole district; a
 * unit manager key (access-repository.ts) only the subtree of its unit — a commune official their
 * commune, a school principal their school; a partner key may only post tourist arrivals.
 * Without a key, a logged-in web user (the key server's request principal) counts: admin and
 * district users see everything, unit managers their subtree, gatekeepers their checkpoints.
 */
import { findApiKey, type ServerContext, ServerError, type UserPrincipal, userOf } from '@bluezone/server';
import type { Context } from 'hono';
import { rolloutDb } from '../rollout-db';
import { RolloutError } from '../rollout-error';
import { subtreeCodes, type Unit } from '../units/unit';
import { listUnits } from '../units/units-repository';
import { findRolloutKey } from './access-repository';

export type RolloutScope =
  | { kind: 'admin'; label: string }
  | { kind: 'manager'; unitCode: string; label: string }
  | { kind: 'partner'; label: string };

/**
 * What a gatekeeper may do with their checkpoint (checkpoints/checkpoints-routes.ts): list
 * checkpoints, scan a visitor, record "no app", read the day's log — not create checkpoints or
 * touch units.
 */
function isGatekeeperRequest(c: Context): boolean {
  const path = c.req.path;
  if (c.req.method === 'GET')
    return path === '/api/rollout/checkpoints' || /^\/api\/rollout\/checkpoints\/\d+\/day$/.test(path);
  return c.req.method === 'POST' && /^\/api\/rollout\/checkpoints\/\d+\/(scan|no-app)$/.test(path);
}

/** The rollout scope of a logged-in user; roles with no rollout access (here) get 403. */
export function userRolloutScope(c: Context, user: UserPrincipal): RolloutScope {
  const label = `${user.displayName} (${user.username})`;
  if (user.role === 'admin' || user.role === 'district') return { kind: 'admin', label };
  if (
    (user.role === 'unit_manager' || (user.role === 'gatekeeper' && isGatekeeperRequest(c))) &&
    user.unitCode !== null
  ) {
    return { kind: 'manager', unitCode: user.unitCode, label };
  }
  throw new ServerError('forbidden', 403, `the ${user.role} role has no access to the rollout toolkit`);
}

/** Resolves the X-API-Key header, or else the logged-in user, to a scope; 401 without either. */
export async function rolloutScope(c: Context, ctx: ServerContext): Promise<RolloutScope> {
  const presented = c.req.header('x-api-key');
  const user = presented ? undefined : userOf(c);
  if (user) return userRolloutScope(c, user);
  if (!presented) throw new ServerError('unauthorized', 401, 'missing X-API-Key header');
  const admin = await findApiKey(ctx.database, presented);
  if (admin?.role === 'admin') return { kind: 'admin', label: `apikey:${admin.id}` };
  const m = await findRolloutKey(rolloutDb(ctx.database), presented);
  if (!m) throw new ServerError('unauthorized', 401, 'invalid API key');
  const label = `${m.name} (#${m.id})`;
  return m.role === 'partner' ? { kind: 'partner', label } : { kind: 'manager', unitCode: m.unitCode, label };
}

/**
 * Whether the caller may approve campaigns (and so has their own approved as they are made): an
 * admin API key or an admin's session. District users reach the admin scope too but are not
 * admins here.
 */
export function isRolloutAdmin(c: Context, scope: RolloutScope): boolean {
  if (scope.kind !== 'admin') return false;
  const user = userOf(c);
  return user === undefined || user.role === 'admin';
}

/** Admin or manager; partners may not read or edit units. */
export function requireUnitScope(scope: RolloutScope): Exclude<RolloutScope, { kind: 'partner' }> {
  if (scope.kind === 'partner') throw new RolloutError('forbidden', 'partner keys may only post tourist arrivals');
  return scope;
}

/** The unit codes a scope may see; undefined means all. */
export function visibleCodes(scope: RolloutScope, units: readonly Unit[]): Set<string> | undefined {
  const s = requireUnitScope(scope);
  return s.kind === 'admin' ? undefined : subtreeCodes(s.unitCode, units);
}

export function assertUnitInScope(scope: RolloutScope, unitCode: string, units: readonly Unit[]): void {
  const visible = visibleCodes(scope, units);
  if (visible && !visible.has(unitCode)) {
    throw new RolloutError('forbidden', `unit ${unitCode} is outside the subtree this key manages`);
  }
}

/** The default root for a scope's views: its own unit, or the district. */
export function scopeRoot(scope: RolloutScope): string | undefined {
  const s = requireUnitScope(scope);
  return s.kind === 'manager' ? s.unitCode : undefined;
}

/** The caller's scope and the unit named in the path, after checking it exists and is in scope. */
export async function scopedUnit(c: Context, ctx: ServerContext, code: string) {
  const scope = await rolloutScope(c, ctx);
  const units = await listUnits(rolloutDb(ctx.database));
  const unit = units.find((u) => u.code === code);
  if (!unit) throw new RolloutError('unknown_unit', `no unit with code ${code}`);
  assertUnitInScope(scope, code, units);
  return { scope, units, unit };
}
