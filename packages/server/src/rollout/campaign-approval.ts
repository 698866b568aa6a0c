/**
 * Campaign approval: an admin approves or rejects a campaign that a non-admin (unit manager,
 * district session, manager key) created in `pending_approval`. Approving makes it `active`
 * (or `done` when its schedule has no run left); a one-off run whose time passed while it waited
 * goes out at the scheduler's next step. Both are compare-and-set on the pending status, so two
 * admins deciding at once cannot both win.
 */
import type { Clock } from '../clock';
import { RolloutError } from './rollout-error';
import type { RolloutDb } from './unit-repository';

export const PENDING_APPROVAL = 'pending_approval';

async function decide(
  db: RolloutDb,
  id: number,
  set: { status: string; approved_by?: string; approved_at?: number; rejected_reason?: string },
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

export async function approveCampaign(db: RolloutDb, clock: Clock, id: number, by: string): Promise<string> {
  const row = await db.selectFrom('rollout_campaign').select('next_run_at').where('id', '=', id).executeTakeFirst();
  if (!row) throw new RolloutError('not_found', `no campaign ${id}`);
  const status = row.next_run_at === null ? 'done' : 'active';
  await decide(db, id, { status, approved_by: by, approved_at: clock.now() });
  return status;
}

export async function rejectCampaign(db: RolloutDb, id: number, reason: string): Promise<void> {
  if (reason.trim() === '') throw new RolloutError('invalid_input', 'a rejection needs a reason');
  await decide(db, id, { status: 'rejected', rejected_reason: reason.trim() });
}
