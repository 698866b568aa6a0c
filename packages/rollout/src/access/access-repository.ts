/**
 * Unit manager and partner keys. A manager key sees and edits the subtree of its unit; a
 * partner key (the telecom partner) may only post tourist arrivals. Keys are 32 random bytes
 * shown once; only their SHA-256 is stored, as for the key server's own API keys.
 */
import { randomBytes } from 'node:crypto';
import { type Clock, hashApiKey } from '@bluezone/server';
import type { RolloutDb } from '../rollout-db';
import { RolloutError } from '../rollout-error';
import { getUnit } from '../units/units-repository';

export type RolloutRole = 'manager' | 'partner';

export interface CreatedRolloutKey {
  id: number;
  key: string;
  unitCode: string;
  role: RolloutRole;
}

export interface RolloutKey {
  id: number;
  unitCode: string;
  role: RolloutRole;
  name: string;
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

/** The manager or partner key `presented` stands for, unless unknown or revoked. */
export async function findRolloutKey(db: RolloutDb, presented: string): Promise<RolloutKey | undefined> {
  const row = await db
    .selectFrom('rollout_manager')
    .select(['id', 'unit_code', 'role', 'name'])
    .where('key_hash', '=', hashApiKey(presented))
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return row && { id: Number(row.id), unitCode: row.unit_code, role: row.role as RolloutRole, name: row.name };
}
