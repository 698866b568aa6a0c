/**
 * Tables of coverage: installs, their daily attestations and their moves between units (created
 * by migration 0001, units/units-migrations.ts). `day` columns are district-local day numbers
 * (shared/local-day.ts).
 */
import type { Generated } from 'kysely';

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

export type CoverageTables = {
  rollout_install: RolloutInstallTable;
  rollout_attestation_day: RolloutAttestationDayTable;
  rollout_install_move: RolloutInstallMoveTable;
};
