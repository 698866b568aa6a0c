/** Tables of campaigns (migration 0004, approval columns 0005). */
import type { campaignsApi } from '@bluezone/protocol/api';
import type { Generated } from 'kysely';

export interface RolloutCampaignTable {
  id: Generated<number>;
  unit_code: string;
  name: string;
  audience: campaignsApi.Audience;
  channel: campaignsApi.CampaignChannel;
  template: string;
  zalo_template_id: string | null;
  /** once | periodic */
  schedule_kind: string;
  run_at: number | null;
  cron: string | null;
  until_at: number | null;
  quiet_start: string;
  quiet_end: string;
  cap_max: number;
  cap_window_hours: number;
  /** Hours a queued message may wait before it expires (migration 0042); null: the default. */
  validity_hours: number | null;
  next_run_at: number | null;
  /** pending_approval | rejected | active | done (campaign-approval.ts) */
  status: campaignsApi.CampaignStatus;
  created_at: number;
  /** Scope label of the creator; null before migration 0005. */
  created_by: string | null;
  /** Admin who approved (or "auto" for an admin-made campaign); null while pending. */
  approved_by: string | null;
  approved_at: number | null;
  rejected_reason: string | null;
}

export type CampaignsTables = {
  rollout_campaign: RolloutCampaignTable;
};
