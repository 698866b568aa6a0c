/**
 * Tables of coverage: installs, their daily attestations and their moves between homes (created
 * by migration 0001, units/units-migrations.ts; 0011 in coverage-migrations.ts). `day` columns
 * are district-local day numbers (shared/local-day.ts).
 */
import type { Generated } from 'kysely';

/**
 * One row per app install. `install_id` is random from the app and never linked to tracing keys.
 * Where the person lives and who brought the install in are apart (migration 0011): the home is
 * `unit_code`; at most one of `via_unit_code`, `referred_by` and `volunteer_id` is set.
 */
export interface RolloutInstallTable {
  install_id: string;
  /** The home unit: an area (village, neighbourhood group, commune, town or district). */
  unit_code: string;
  /** True when the install came through another install's invite (a relative's). */
  brought_in: number;
  /** The install whose invite brought this one in. */
  referred_by: string | null;
  /** The organisation or business whose QR brought the install in (migration 0011). */
  via_unit_code: string | null;
  /** The drive volunteer whose invite brought the install in (migration 0011; drives/). */
  volunteer_id: number | null;
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
  /** The install's home that day. */
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
