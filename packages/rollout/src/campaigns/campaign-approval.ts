/**
 * Campaign approval: an admin approves or rejects a campaign that a non-admin (unit manager,
 * district session, manager key) created in `pending_approval`. Approving makes it `active`
 * (or `done` when its schedule has no run left); a one-off run whose time passed while it waited
 * goes out at the scheduler's next step. Both are compare-and-set on the pending status, so two
 * admins deciding at once cannot both win (campaigns-repository.ts).
 */

import type { campaignsApi } from '@bluezone/protocol/api';
import type { Clock } from '@bluezone/server';
import type { RolloutDb } from '../rollout-db';
import { RolloutError } from '../rollout-error';
import { campaignNextRun, decideCampaign } from './campaigns-repository';

export { PENDING_APPROVAL } from './campaigns-repository';

export async function approveCampaign(
  db: RolloutDb,
  clock: Clock,
  id: number,
  by: string,
): Promise<campaignsApi.CampaignStatus> {
  const status = (await campaignNextRun(db, id)) === null ? 'done' : 'active';
  await decideCampaign(db, id, { status, approved_by: by, approved_at: clock.now() });
  return status;
}

export async function rejectCampaign(db: RolloutDb, id: number, reason: string): Promise<void> {
  if (reason.trim() === '') throw new RolloutError('invalid_input', 'a rejection needs a reason');
  await decideCampaign(db, id, { status: 'rejected', rejected_reason: reason.trim() });
}
