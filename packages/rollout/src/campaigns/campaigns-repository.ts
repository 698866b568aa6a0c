/**
 * Storage of campaigns: creating one, the runs due, advancing a run (compare-and-set, so two
 * processes never expand one run twice), approval decisions, the list, and each campaign's
 * quiet hours and cap for the outbox worker.
 */
import type { Selectable } from 'kysely';
import type { SendPolicy } from '../messaging/outbox-worker';
import type { RolloutDb } from '../rollout-db';
import { RolloutError } from '../rollout-error';
import type { RolloutCampaignTable } from './campaigns-tables';

export const PENDING_APPROVAL = 'pending_approval';

export type NewCampaignRow = Omit<Selectable<RolloutCampaignTable>, 'id' | 'rejected_reason'>;

export async function insertCampaign(db: RolloutDb, row: NewCampaignRow): Promise<number> {
  const inserted = await db.insertInto('rollout_campaign').values(row).returning('id').executeTakeFirstOrThrow();
  return Number(inserted.id);
}

/** Active campaigns whose next run is at or before `now`. */
export async function dueCampaigns(db: RolloutDb, now: number): Promise<Selectable<RolloutCampaignTable>[]> {
  return db
    .selectFrom('rollout_campaign')
    .selectAll()
    .where('status', '=', 'active')
    .where('next_run_at', '<=', now)
    .execute();
}

/**
 * Moves campaign `id` from its run at `runAt` to `next` (or ends it); false when another process
 * already did (compare-and-set on next_run_at).
 */
export async function advanceCampaign(db: RolloutDb, id: number, runAt: number, next: number | null): Promise<boolean> {
  const moved = await db
    .updateTable('rollout_campaign')
    .set({ next_run_at: next, status: next !== null ? 'active' : 'done' })
    .where('id', '=', id)
    .where('next_run_at', '=', runAt)
    .executeTakeFirst();
  return Number(moved.numUpdatedRows) === 1;
}

/** A campaign's next run (null: none left); not_found when there is no such campaign. */
export async function campaignNextRun(db: RolloutDb, id: number): Promise<number | null> {
  const row = await db.selectFrom('rollout_campaign').select('next_run_at').where('id', '=', id).executeTakeFirst();
  if (!row) throw new RolloutError('not_found', `no campaign ${id}`);
  return row.next_run_at === null ? null : Number(row.next_run_at);
}

/**
 * Approves or rejects a campaign still pending (compare-and-set on its status, so two admins
 * deciding at once cannot both win): not_found or conflict otherwise.
 */
export async function decideCampaign(
  db: RolloutDb,
  id: number,
  set: Pick<RolloutCampaignTable, 'status'> &
    Partial<Pick<RolloutCampaignTable, 'approved_by' | 'approved_at' | 'rejected_reason'>>,
): Promise<void> {
  const res = await db
    .updateTable('rollout_campaign')
    .set(set)
    .where('id', '=', id)
    .where('status', '=', PENDING_APPROVAL)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) === 1) return;
  const row = await db.selectFrom('rollout_campaign').select('status').where('id', '=', id).executeTakeFirst();
  if (!row) throw new RolloutError('not_found', `no campaign ${id}`);
  throw new RolloutError('conflict', `campaign ${id} is ${row.status}, not waiting for approval`);
}

export async function listCampaigns(db: RolloutDb): Promise<Selectable<RolloutCampaignTable>[]> {
  return db.selectFrom('rollout_campaign').selectAll().orderBy('id').execute();
}

/** The quiet hours and frequency cap campaign `id` was made with (the outbox worker's SendPolicyLookup). */
export async function campaignSendPolicy(db: RolloutDb, id: number): Promise<SendPolicy | undefined> {
  const c = await db
    .selectFrom('rollout_campaign')
    .select(['quiet_start', 'quiet_end', 'cap_max', 'cap_window_hours'])
    .where('id', '=', id)
    .executeTakeFirst();
  return (
    c && {
      quietHours: { start: c.quiet_start, end: c.quiet_end },
      frequencyCap: { max: Number(c.cap_max), windowHours: Number(c.cap_window_hours) },
    }
  );
}
