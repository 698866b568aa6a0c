/**
 * Storage of units: list, look up, upsert many at once (all or nothing), the demo seed; and the
 * staff rosters of agencies.
 */
import { unitsApi } from '@bluezone/protocol/api';
import type { Clock } from '@bluezone/server';
import type { RolloutDb } from '../rollout-db';
import { RolloutError } from '../rollout-error';
import { namDongSeed } from './nam-dong-seed';
import type { TargetGroup, Unit, UnitKind } from './unit';
import type { RolloutRosterTable, RolloutUnitTable } from './units-tables';

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
    archivedAt: r.archived_at === null ? null : new Date(Number(r.archived_at)).toISOString(),
  };
}

/** Every unit, archived ones included (they keep counting above them); lists filter them (unit-archive.ts). */
export async function listUnits(db: RolloutDb): Promise<Unit[]> {
  const rows = await db.selectFrom('rollout_unit').selectAll().orderBy('code').execute();
  return rows.map(fromRow);
}

export async function getUnit(db: RolloutDb, code: string): Promise<Unit> {
  const row = await db.selectFrom('rollout_unit').selectAll().where('code', '=', code).executeTakeFirst();
  if (!row) throw new RolloutError('unknown_unit', `no unit with code ${code}`);
  return fromRow(row);
}

/** How upsertUnits writes: rows per statement, and what to await between statements. */
export interface UpsertOptions {
  batchRows?: number;
  betweenBatches?: () => Promise<unknown>;
}

/**
 * Inserts or updates every unit in one transaction: either all are stored or none. Rows go in
 * multi-row statements (11 parameters a row; 500 rows stay under both dialects' limits).
 */
export async function upsertUnits(
  db: RolloutDb,
  units: readonly Unit[],
  clock: Clock,
  options: UpsertOptions = {},
): Promise<void> {
  const now = clock.now();
  const batchRows = options.batchRows ?? 500;
  await db.transaction().execute(async (trx) => {
    for (let from = 0; from < units.length; from += batchRows) {
      if (from > 0) await options.betweenBatches?.();
      const rows = units.slice(from, from + batchRows).map((u) => ({
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
      }));
      await trx
        .insertInto('rollout_unit')
        .values(rows)
        .onConflict((oc) =>
          oc.column('code').doUpdateSet((eb) => ({
            name: eb.ref('excluded.name'),
            kind: eb.ref('excluded.kind'),
            parent_code: eb.ref('excluded.parent_code'),
            target_group: eb.ref('excluded.target_group'),
            population: eb.ref('excluded.population'),
            target_share_bp: eb.ref('excluded.target_share_bp'),
            person_in_charge: eb.ref('excluded.person_in_charge'),
            contact_phone: eb.ref('excluded.contact_phone'),
            updated_at: eb.ref('excluded.updated_at'),
          })),
        )
        .execute();
    }
  });
}

/** Sets or clears a unit's archive time (unit-archive.ts checks first). */
export async function setUnitArchivedAt(db: RolloutDb, code: string, archivedAt: number | null): Promise<void> {
  await db.updateTable('rollout_unit').set({ archived_at: archivedAt }).where('code', '=', code).execute();
}

/** Loads the Nam Đông demo data when no unit exists yet; returns how many were added. */
export async function seedUnitsIfEmpty(db: RolloutDb, clock: Clock): Promise<number> {
  const any = await db.selectFrom('rollout_unit').select('code').limit(1).executeTakeFirst();
  if (any) return 0;
  const seed = namDongSeed();
  await upsertUnits(db, seed, clock);
  return seed.length;
}

export const ROSTER_STATUSES = unitsApi.ROSTER_STATUSES;
export type RosterStatus = unitsApi.RosterStatus;
/** A staff member and their install status, as the API shows them (the contract's). */
export type RosterEntry = unitsApi.RosterEntry;

function rosterEntry(r: Omit<RolloutRosterTable, 'id'> & { id: number }): RosterEntry {
  return {
    id: Number(r.id),
    name: r.name,
    position: r.position,
    phone: r.phone,
    // Only ROSTER_STATUSES are ever written (addRosterEntry's 'unconfirmed', confirmRosterStatus).
    status: r.status as RosterStatus,
    confirmedBy: r.confirmed_by,
    confirmedAt: r.confirmed_at === null ? null : new Date(Number(r.confirmed_at)).toISOString(),
  };
}

export async function listRoster(db: RolloutDb, unitCode: string): Promise<RosterEntry[]> {
  const rows = await db
    .selectFrom('rollout_roster')
    .selectAll()
    .where('unit_code', '=', unitCode)
    .orderBy('id')
    .execute();
  return rows.map(rosterEntry);
}

/** Staff with a phone number in any of `unitCodes`, in the order they were added (a campaign audience). */
export async function listRosterPhones(
  db: RolloutDb,
  unitCodes: readonly string[],
): Promise<{ unitCode: string; phone: string; name: string }[]> {
  const rows = await db
    .selectFrom('rollout_roster')
    .select(['unit_code', 'phone', 'name'])
    .where('unit_code', 'in', unitCodes)
    .where('phone', 'is not', null)
    .orderBy('id')
    .execute();
  return rows.flatMap((r) => (r.phone ? [{ unitCode: r.unit_code, phone: r.phone, name: r.name }] : []));
}

/** Adds a staff member, unconfirmed; `phone` is already normalised. Returns the entry's id. */
export async function addRosterEntry(
  db: RolloutDb,
  unitCode: string,
  entry: { name: string; position: string | null; phone: string | null },
): Promise<number> {
  const row = await db
    .insertInto('rollout_roster')
    .values({ unit_code: unitCode, ...entry, status: 'unconfirmed', confirmed_by: null, confirmed_at: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

/** The unit of roster entry `id`; not_found when there is none. */
export async function rosterEntryUnit(db: RolloutDb, id: number): Promise<string> {
  const row = Number.isSafeInteger(id)
    ? await db.selectFrom('rollout_roster').select(['unit_code']).where('id', '=', id).executeTakeFirst()
    : undefined;
  if (!row) throw new RolloutError('not_found', 'no such roster entry');
  return row.unit_code;
}

export async function confirmRosterStatus(
  db: RolloutDb,
  clock: Clock,
  id: number,
  status: RosterStatus,
  confirmedBy: string,
): Promise<void> {
  await db
    .updateTable('rollout_roster')
    .set({ status, confirmed_by: confirmedBy, confirmed_at: clock.now() })
    .where('id', '=', id)
    .execute();
}
