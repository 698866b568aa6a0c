/**
 * Tables of units: the unit tree and agencies' staff rosters (created by migration 0001, with
 * the tables of coverage, access and posters). Times are integer milliseconds.
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
  /** When the unit was archived (migration 0010), or null. */
  archived_at: number | null;
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

export type UnitsTables = {
  rollout_unit: RolloutUnitTable;
  rollout_roster: RolloutRosterTable;
};
