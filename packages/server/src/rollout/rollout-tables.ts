/**
 * Table types of the rollout feature (used through `db.withTables<RolloutTables>()`).
 * Times are integer milliseconds; `day` columns are district-local day numbers (see local-day.ts).
 */
import type { Generated } from 'kysely';

export interface RolloutUnitTable {
  code: string;
  name: string;
  kind: string;
  parent_code: string | null;
  target_group: string;
  population: number;
  /** Target share in basis points (6000 = 60 %), an integer so both dialects compare it exactly. */
  target_share_bp: number;
  person_in_charge: string | null;
  contact_phone: string | null;
  updated_at: number;
}

/** One row per app install. `install_id` is random from the app and never linked to tracing keys. */
export interface RolloutInstallTable {
  install_id: string;
  unit_code: string;
  /** True when the install came through another install's invite (counted as "brought in"). */
  brought_in: number;
  referred_by: string | null;
  /** The code this install's own invite link carries. */
  referral_code: string;
  app_version: string;
  first_seen_at: number;
  first_seen_day: number;
  last_seen_at: number;
  last_active_at: number | null;
  /** Ed25519 public key (base64url, 32 bytes) signing this install's checkpoint tokens. */
  checkpoint_key: string | null;
}

export interface RolloutAttestationDayTable {
  install_id: string;
  day: number;
  unit_code: string;
  tracing_active: number;
}

export interface RolloutInstallMoveTable {
  id: Generated<number>;
  install_id: string;
  from_unit: string;
  to_unit: string;
  moved_at: number;
}

export interface RolloutManagerTable {
  id: Generated<number>;
  key_hash: string;
  key_prefix: string;
  unit_code: string;
  /** manager: sees and edits the subtree of unit_code; partner: may only post tourist arrivals. */
  role: string;
  name: string;
  created_at: number;
  revoked_at: number | null;
}

export interface RolloutRosterTable {
  id: Generated<number>;
  unit_code: string;
  name: string;
  position: string | null;
  phone: string | null;
  /** unconfirmed | installed | not_installed | exempt */
  status: string;
  confirmed_by: string | null;
  confirmed_at: number | null;
}

export interface RolloutPosterDeliveryTable {
  id: Generated<number>;
  unit_code: string;
  household: string | null;
  posters: number;
  delivered_by: string | null;
  delivered_at: number;
}

export interface RolloutAnnouncementTable {
  id: Generated<number>;
  unit_code: string;
  channel: string;
  title: string;
  text: string;
  repeat_cron: string;
  created_at: number;
}

export interface RolloutCheckpointTable {
  id: Generated<number>;
  unit_code: string;
  name: string;
  created_at: number;
}

/** Tokens already accepted, until they expire: makes each token single-use across processes. */
export interface RolloutCheckpointNonceTable {
  nonce_key: string;
  expires_at: number;
}

export interface RolloutCheckpointLogTable {
  id: Generated<number>;
  checkpoint_id: number;
  /** entry | exit */
  direction: string;
  /** active | inactive | no_app */
  result: string;
  reason: string | null;
  visitor: string | null;
  at: number;
  day: number;
  recorded_by: string;
}

/**
 * The durable outbox every SMS and Zalo message goes through. A row is claimed (queued →
 * sending) by one worker with a compare-and-set update, so N processes never send it twice;
 * `dedupe_key` is unique, so re-running a campaign step or a webhook never queues it twice.
 */
export interface RolloutOutboxTable {
  id: string;
  /** campaign | verification | welcome | direct */
  kind: string;
  campaign_id: number | null;
  /** sms | zalo */
  channel: string;
  phone: string;
  text: string;
  zalo_template_id: string | null;
  /** JSON object of ZNS template fields. */
  zalo_data: string | null;
  dedupe_key: string;
  /** queued | sending | sent | failed | expired | suppressed */
  status: string;
  attempts: number;
  not_before: number;
  expires_at: number | null;
  claimed_by: string | null;
  claim_until: number | null;
  sent_at: number | null;
  segments: number | null;
  provider_ref: string | null;
  /** delivered | failed | pending, from delivery reports. */
  delivery: string | null;
  delivery_at: number | null;
  last_error: string | null;
  created_at: number;
}

export interface RolloutOptOutTable {
  phone: string;
  opted_out_at: number;
}

export interface RolloutContactTable {
  id: Generated<number>;
  unit_code: string;
  phone: string;
  name: string | null;
  created_at: number;
}

export interface RolloutCampaignTable {
  id: Generated<number>;
  unit_code: string;
  name: string;
  /** contacts | roster | arrivals */
  audience: string;
  channel: string;
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
  next_run_at: number | null;
  /** pending_approval | rejected | active | done (campaign-approval.ts) */
  status: string;
  created_at: number;
  /** Scope label of the creator; null before migration 0005. */
  created_by: string | null;
  /** Admin who approved (or "auto" for an admin-made campaign); null while pending. */
  approved_by: string | null;
  approved_at: number | null;
  rejected_reason: string | null;
}

export interface RolloutTouristStayTable {
  phone: string;
  stay_started_at: number;
  last_arrival_at: number;
}

/** Small sealed values the channels keep between runs (Zalo's rotating tokens). */
export interface RolloutChannelStateTable {
  name: string;
  value: string;
  updated_at: number;
}

export type RolloutTables = {
  rollout_outbox: RolloutOutboxTable;
  rollout_opt_out: RolloutOptOutTable;
  rollout_contact: RolloutContactTable;
  rollout_campaign: RolloutCampaignTable;
  rollout_tourist_stay: RolloutTouristStayTable;
  rollout_channel_state: RolloutChannelStateTable;
  rollout_checkpoint: RolloutCheckpointTable;
  rollout_checkpoint_nonce: RolloutCheckpointNonceTable;
  rollout_checkpoint_log: RolloutCheckpointLogTable;
  rollout_announcement: RolloutAnnouncementTable;
  rollout_unit: RolloutUnitTable;
  rollout_install: RolloutInstallTable;
  rollout_attestation_day: RolloutAttestationDayTable;
  rollout_install_move: RolloutInstallMoveTable;
  rollout_manager: RolloutManagerTable;
  rollout_roster: RolloutRosterTable;
  rollout_poster_delivery: RolloutPosterDeliveryTable;
};
