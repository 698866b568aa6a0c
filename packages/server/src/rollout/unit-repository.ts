/** Storage of units: list, look up, and upsert many at once (all or nothing). */
import type { Kysely } from 'kysely';
import type { Clock } from '../clock';
import type { Database } from '../database/database';
import { namDongSeed } from './nam-dong-seed';
import { RolloutError } from './rollout-error';
import type { RolloutTables, RolloutUnitTable } from './rollout-tables';
import type { TargetGroup, Unit, UnitKind } from './unit';

export type RolloutDb = Kysely<RolloutTables>;

export function rolloutDb(database: Database): RolloutDb {
  return database.db.withTables<RolloutTables>() as unknown as RolloutDb;
}

function fromRow(r: RolloutUnitTable): Unit {
  return {
    code: r.code,
    name: r.name,
    kind: r.kind as UnitKind,
    parentCode: r.parent_code,
    targetGroup: r.target_group as TargetGroup,
    population: Number(r.population),
    targetShare: Number(r.target_share_bp) / 10_000,
    personInCharge: r.person_in_charge,
    contactPhone: r.contact_phone,
  };
}

export async function listUnits(db: RolloutDb): Promise<Unit[]> {
  const rows = await db.selectFrom('rollout_unit').selectAll().orderBy('code').execute();
  return rows.map(fromRow);
}

export async function getUnit(db: RolloutDb, code: string): Promise<Unit> {
  const row = await db.selectFrom('rollout_unit').selectAll().where('code', '=', code).executeTakeFirst();
  if (!row) throw new RolloutError('unknown_unit', `no unit with code ${code}`);
  return fromRow(row);
}

/** Inserts or updates every unit in one transaction: either all are stored or none. */
export async function upsertUnits(db: RolloutDb, units: readonly Unit[], clock: Clock): Promise<void> {
  const now = clock.now();
  await db.transaction().execute(async (trx) => {
    for (const u of units) {
      const row = {
        code: u.code,
        name: u.name,
        kind: u.kind,
        parent_code: u.parentCode,
        target_group: u.targetGroup,
        population: u.population,
        target_share_bp: Math.round(u.targetShare * 10_000),
        person_in_charge: u.personInCharge,
        contact_phone: u.contactPhone,
        updated_at: now,
      };
      await trx
        .insertInto('rollout_unit')
        .values(row)
        .onConflict((oc) => oc.column('code').doUpdateSet({ ...row }))
        .execute();
    }
  });
}

/** Loads the Nam Đông demo data when no unit exists yet; returns how many were added. */
export async function seedUnitsIfEmpty(db: RolloutDb, clock: Clock): Promise<number> {
  const any = await db.selectFrom('rollout_unit').select('code').limit(1).executeTakeFirst();
  if (any) return 0;
  const seed = namDongSeed();
  await upsertUnits(db, seed, clock);
  return seed.length;
}
