/** Tables of media ad time (migration 0041): partners and the slots booked with them. */
import type { Generated } from 'kysely';

export interface RolloutMediaPartnerTable {
  id: Generated<number>;
  unit_code: string;
  name: string;
  /** radio | tv | online */
  kind: string;
  /** Who to reach at the partner's office; a business contact, not a resident's. */
  contact: string | null;
  created_at: number;
}

/** One booked airing of a script with a partner, and the partner's confirmation of it. */
export interface RolloutMediaSlotTable {
  id: Generated<number>;
  partner_id: number;
  announcement_id: number;
  airs_at: number;
  duration_seconds: number;
  /** Whole đồng. */
  cost_vnd: number;
  expected_reach: number;
  /** booked | aired | missed | cancelled */
  status: string;
  aired_at: number | null;
  reported_reach: number | null;
  note: string | null;
  confirmed_by: string | null;
  confirmed_at: number | null;
  booked_by: string;
  booked_at: number;
}

export type MediaTables = {
  rollout_media_partner: RolloutMediaPartnerTable;
  rollout_media_slot: RolloutMediaSlotTable;
};
