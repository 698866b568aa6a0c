/** Tables of office checkpoints (migrations 0003 and 0015). */
import type { Generated } from 'kysely';

export interface RolloutCheckpointTable {
  id: Generated<number>;
  unit_code: string;
  name: string;
  created_at: number;
  /** Set once, when a manager retires it: the log stays, scans are refused. */
  retired_at: number | null;
}

/**
 * Tokens already accepted, until they expire: makes each token single-use across processes.
 * `nonce_key` is SHA-256 of the token's signed part (base64url, `v2:` prefix), so the table
 * names no install; BZC1 rows (`<installId>:<nonce>`) expired within two days of the update.
 */
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
  /** tracing_off | not_attested_recently | radio_not_heard; null when active, for "no app" and before 0015. */
  reason_code: string | null;
  /** heard | not_heard | not_checked; null for "no app" (and scans logged before 0015, which were not checked). */
  radio: string | null;
  visitor: string | null;
  at: number;
  day: number;
  recorded_by: string;
}

/** A gatekeeper phone paired with one checkpoint; only the key's SHA-256 is stored. */
export interface RolloutCheckpointGateKeyTable {
  id: Generated<number>;
  checkpoint_id: number;
  key_hash: string;
  /** Whose phone, as the manager named it. */
  label: string;
  created_at: number;
  created_by: string;
  revoked_at: number | null;
}

export type CheckpointsTables = {
  rollout_checkpoint: RolloutCheckpointTable;
  rollout_checkpoint_nonce: RolloutCheckpointNonceTable;
  rollout_checkpoint_log: RolloutCheckpointLogTable;
  rollout_checkpoint_gate_key: RolloutCheckpointGateKeyTable;
};
