/**
 * Who may see and change what. An admin API key (the key server's) sees the whole district.
 * A unit manager key sees and edits only the subtree of its unit — a commune official their
 * commune, a school principal their school. A partner key (the telecom partner) may only post
 * tourist arrivals. Keys are 32 random bytes shown once; only their SHA-256 is stored.
 */
import { randomBytes } from 'node:crypto';
import type { Context } from 'hono';
import { sessionRolloutScope } from '../accounts/session-principal';
import { hashApiKey } from '../apikeys/api-key';
import type { Clock } from '../clock';
import type { ServerContext } from '../feature';
import { ServerError } from '../http/server-error';
import { RolloutError } from './rollout-error';
import { subtreeCodes, type Unit } from './unit';
import { getUnit, listUnits, type RolloutDb, rolloutDb } from './unit-repository';

export type RolloutRole = 'manager' | 'partner';

export type RolloutScope =
  | { kind: 'admin'; label: string }
  | { kind: 'manager'; unitCode: string; label: string }
  | { kind: 'partner'; label: string };

export interface CreatedRolloutKey {
  id: number;
  key: string;
  unitCode: string;
  role: RolloutRole;
}

export async function createRolloutKey(
  db: RolloutDb,
  clock: Clock,
  options: { unitCode: string; name: string; role?: RolloutRole },
): Promise<CreatedRolloutKey> {
  const role = options.role ?? 'manager';
  await getUnit(db, options.unitCode);
  if (options.name.trim() === '') throw new RolloutError('invalid_input', 'a key needs the name of its holder');
  const key = `bz${role === 'manager' ? 'm' : 'p'}_${randomBytes(32).toString('base64url')}`;
  const row = await db
    .insertInto('rollout_manager')
    .values({
      key_hash: hashApiKey(key),
      key_prefix: key.slice(0, 8),
      unit_code: options.unitCode,
      role,
      name: options.name.trim(),
      created_at: clock.now(),
      revoked_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: Number(row.id), key, unitCode: options.unitCode, role };
}

/** Resolves the X-API-Key header, or else a logged-in web session, to a scope; 401 without either. */
export async function rolloutScope(c: Context, ctx: ServerContext): Promise<RolloutScope> {
  const presented = c.req.header('x-api-key');
  // A logged-in web user (accounts/session-principal.ts): admin/district whole district, unit manager their subtree.
  const fromSession = presented ? undefined : sessionRolloutScope(c);
  if (fromSession) return fromSession;
  if (!presented) throw new ServerError('unauthorized', 401, 'missing X-API-Key header');
  const hash = hashApiKey(presented);
  const admin = await ctx.database.db
    .selectFrom('api_key')
    .select(['id', 'role', 'realm'])
    .where('key_hash', '=', hash)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (admin?.role === 'admin') return { kind: 'admin', label: `apikey:${admin.id}` };
  const m = await rolloutDb(ctx.database)
    .selectFrom('rollout_manager')
    .select(['id', 'unit_code', 'role', 'name'])
    .where('key_hash', '=', hash)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (!m) throw new ServerError('unauthorized', 401, 'invalid API key');
  const label = `${m.name} (#${m.id})`;
  return m.role === 'partner' ? { kind: 'partner', label } : { kind: 'manager', unitCode: m.unit_code, label };
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
