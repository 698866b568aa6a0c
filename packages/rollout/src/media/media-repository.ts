/** Storage of media partners and booked slots (SQL only; the rules are in media-booking.ts). */
import type { Selectable } from 'kysely';
import type { RolloutDb } from '../rollout-db';
import { RolloutError } from '../rollout-error';
import type { RolloutMediaPartnerTable, RolloutMediaSlotTable } from './media-tables';

export type PartnerRow = Selectable<RolloutMediaPartnerTable>;
export type SlotRow = Selectable<RolloutMediaSlotTable>;

export async function insertPartner(db: RolloutDb, row: Omit<PartnerRow, 'id'>): Promise<number> {
  const res = await db.insertInto('rollout_media_partner').values(row).returning('id').executeTakeFirstOrThrow();
  return Number(res.id);
}

export async function listPartnerRows(db: RolloutDb): Promise<PartnerRow[]> {
  return db.selectFrom('rollout_media_partner').selectAll().orderBy('id').execute();
}

export async function getPartnerRow(db: RolloutDb, id: number): Promise<PartnerRow> {
  const row = await db.selectFrom('rollout_media_partner').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new RolloutError('not_found', `no media partner ${id}`);
  return row;
}

/** Inserts every slot in one transaction: all booked, or none (conflict when one is booked already). */
export async function insertSlots(db: RolloutDb, rows: readonly Omit<SlotRow, 'id'>[]): Promise<number[]> {
  return db.transaction().execute(async (trx) => {
    const ids: number[] = [];
    for (const row of rows) {
      const res = await trx
        .insertInto('rollout_media_slot')
        .values(row)
        .onConflict((oc) => oc.columns(['partner_id', 'announcement_id', 'airs_at']).doNothing())
        .returning('id')
        .executeTakeFirst();
      if (!res) {
        throw new RolloutError(
          'conflict',
          `a slot for this script at ${new Date(row.airs_at).toISOString()} is already booked with this partner`,
        );
      }
      ids.push(Number(res.id));
    }
    return ids;
  });
}

export async function listSlotRows(
  db: RolloutDb,
  filter: { partnerIds?: readonly number[]; status?: string; ids?: readonly number[] } = {},
): Promise<SlotRow[]> {
  let q = db.selectFrom('rollout_media_slot').selectAll();
  if (filter.partnerIds) {
    if (filter.partnerIds.length === 0) return [];
    q = q.where('partner_id', 'in', [...filter.partnerIds]);
  }
  if (filter.ids) {
    if (filter.ids.length === 0) return [];
    q = q.where('id', 'in', [...filter.ids]);
  }
  if (filter.status) q = q.where('status', '=', filter.status);
  return q.orderBy('airs_at').orderBy('id').execute();
}

export async function getSlotRow(db: RolloutDb, id: number): Promise<SlotRow> {
  const row = await db.selectFrom('rollout_media_slot').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new RolloutError('not_found', `no media slot ${id}`);
  return row;
}

/** Moves a slot out of `booked` (compare-and-set: two confirmations at once cannot both win). */
export async function settleSlot(db: RolloutDb, id: number, set: Partial<Omit<SlotRow, 'id'>>): Promise<void> {
  const res = await db
    .updateTable('rollout_media_slot')
    .set(set)
    .where('id', '=', id)
    .where('status', '=', 'booked')
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) {
    const row = await getSlotRow(db, id);
    throw new RolloutError('conflict', `media slot ${id} is ${row.status}, not booked`);
  }
}
