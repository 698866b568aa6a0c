/** Tables of access: unit manager and partner keys (created by migration 0001, units/units-migrations.ts). */
import type { Generated } from 'kysely';

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

export type AccessTables = {
  rollout_manager: RolloutManagerTable;
};
