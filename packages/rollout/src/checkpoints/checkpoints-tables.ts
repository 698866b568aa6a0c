/** Tables of office checkpoints (migration 0003). */
import type { Generated } from 'kysely';

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

export type CheckpointsTables = {
  rollout_checkpoint: RolloutCheckpointTable;
  rollout_checkpoint_nonce: RolloutCheckpointNonceTable;
  rollout_checkpoint_log: RolloutCheckpointLogTable;
};
