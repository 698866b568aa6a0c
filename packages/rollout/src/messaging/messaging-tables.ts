/**
 * Tables of messaging (migration 0004): the one outbox every SMS and Zalo message goes through,
 * opt-outs, unit phone lists, tourist stays and the channels' sealed state.
 */
import type { Generated } from 'kysely';

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
  /** E.164; '' once a verification code's message has settled (outbox-repository.ts). */
  phone: string;
  /** '' once the message has settled. */
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

/**
 * Per campaign, the messages deleted by the outbox's retention (outbox-retention.ts) counted by
 * status and delivery (`''` for no report), so the campaign's figures outlive its rows.
 */
export interface RolloutOutboxTallyTable {
  campaign_id: number;
  status: string;
  delivery: string;
  count: number;
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

export type MessagingTables = {
  rollout_outbox: RolloutOutboxTable;
  rollout_outbox_tally: RolloutOutboxTallyTable;
  rollout_opt_out: RolloutOptOutTable;
  rollout_contact: RolloutContactTable;
  rollout_tourist_stay: RolloutTouristStayTable;
  rollout_channel_state: RolloutChannelStateTable;
};
