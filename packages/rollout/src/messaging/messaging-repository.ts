/**
 * Storage of messaging besides the outbox itself: opt-outs, units' phone lists, tourist stays,
 * and the small sealed values the channels keep between runs (Zalo's rotating tokens).
 */
import type { Clock } from '@bluezone/server';
import type { RolloutDb } from '../rollout-db';
import { normalizeRecipientPhone } from './recipient-phone';

export async function optOut(db: RolloutDb, clock: Clock, phone: string): Promise<void> {
  await db
    .insertInto('rollout_opt_out')
    .values({ phone: normalizeRecipientPhone(phone), opted_out_at: clock.now() })
    .onConflict((oc) => oc.column('phone').doNothing())
    .execute();
}

/** Whether `phone` (E.164) replied "TU CHOI". */
export async function isOptedOut(db: RolloutDb, phone: string): Promise<boolean> {
  const row = await db.selectFrom('rollout_opt_out').select('phone').where('phone', '=', phone).executeTakeFirst();
  return row !== undefined;
}

/** Adds or renames contacts of `unitCode` (phones already normalised) in one transaction. */
export async function upsertContacts(
  db: RolloutDb,
  clock: Clock,
  unitCode: string,
  contacts: readonly { phone: string; name: string | null }[],
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (const k of contacts) {
      await trx
        .insertInto('rollout_contact')
        .values({ unit_code: unitCode, phone: k.phone, name: k.name, created_at: clock.now() })
        .onConflict((oc) => oc.columns(['unit_code', 'phone']).doUpdateSet({ name: k.name }))
        .execute();
    }
  });
}

/** The contacts of any of `unitCodes`, in the order they were added. */
export async function listContacts(
  db: RolloutDb,
  unitCodes: readonly string[],
): Promise<{ unitCode: string; phone: string; name: string | null }[]> {
  const rows = await db
    .selectFrom('rollout_contact')
    .selectAll()
    .where('unit_code', 'in', unitCodes)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ unitCode: r.unit_code, phone: r.phone, name: r.name }));
}

export interface TouristStay {
  phone: string;
  stayStartedAt: number;
  lastArrivalAt: number;
}

export async function getTouristStay(db: RolloutDb, phone: string): Promise<TouristStay | undefined> {
  const row = await db.selectFrom('rollout_tourist_stay').selectAll().where('phone', '=', phone).executeTakeFirst();
  return (
    row && { phone: row.phone, stayStartedAt: Number(row.stay_started_at), lastArrivalAt: Number(row.last_arrival_at) }
  );
}

/** Starts a new stay for `phone` at `at`. */
export async function startTouristStay(db: RolloutDb, phone: string, at: number): Promise<void> {
  await db
    .insertInto('rollout_tourist_stay')
    .values({ phone, stay_started_at: at, last_arrival_at: at })
    .onConflict((oc) => oc.column('phone').doUpdateSet({ stay_started_at: at, last_arrival_at: at }))
    .execute();
}

export async function extendTouristStay(db: RolloutDb, phone: string, lastArrivalAt: number): Promise<void> {
  await db
    .updateTable('rollout_tourist_stay')
    .set({ last_arrival_at: lastArrivalAt })
    .where('phone', '=', phone)
    .execute();
}

/** Phones that arrived at or after `since`, by phone. */
export async function recentTourists(db: RolloutDb, since: number): Promise<string[]> {
  const rows = await db
    .selectFrom('rollout_tourist_stay')
    .select('phone')
    .where('last_arrival_at', '>=', since)
    .orderBy('phone')
    .execute();
  return rows.map((r) => r.phone);
}

/** A channel's stored (sealed) value, e.g. `zalo_tokens`. */
export async function loadChannelState(db: RolloutDb, name: string): Promise<string | undefined> {
  const row = await db.selectFrom('rollout_channel_state').select('value').where('name', '=', name).executeTakeFirst();
  return row?.value;
}

export async function saveChannelState(db: RolloutDb, clock: Clock, name: string, value: string): Promise<void> {
  await db
    .insertInto('rollout_channel_state')
    .values({ name, value, updated_at: clock.now() })
    .onConflict((oc) => oc.column('name').doUpdateSet({ value, updated_at: clock.now() }))
    .execute();
}
