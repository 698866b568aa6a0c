/**
 * The app's side of office checkpoints: its key pair and the rotating "Bluezone active" token
 * the gatekeeper scans. The token format, the key pair and the signature are defined once in
 * @bluezone/protocol (checkpoint/checkpoint-token.ts), which the key server verifies with; here
 * the seed comes from the SDK's random source and every token gets a fresh random nonce.
 */
import {
  CHECKPOINT_NONCE_BYTES,
  type CheckpointKeyPair,
  checkpointKeyPair,
  signCheckpointToken,
  toBase64url,
} from '@bluezone/protocol';
import type { RandomSource } from '../environment';

/** The app shows a fresh token this often; the server accepts each one once, for 120 s. */
export const CHECKPOINT_TOKEN_ROTATION_MS = 30_000;

export interface CheckpointTokenInput {
  installId: string;
  /** Unix ms; the token carries whole seconds. */
  issuedAtMs: number;
  tracingActive: boolean;
}

export function newCheckpointKeyPair(random: RandomSource): CheckpointKeyPair {
  return checkpointKeyPair(random.bytes(32));
}

/** A fresh signed token; a new random nonce each time, so every token is single-use at the server. */
export function buildCheckpointToken(
  key: CheckpointKeyPair,
  input: CheckpointTokenInput,
  random: RandomSource,
): string {
  return signCheckpointToken(key.secretKey, {
    installId: input.installId,
    issuedAt: Math.floor(input.issuedAtMs / 1000),
    nonce: toBase64url(random.bytes(CHECKPOINT_NONCE_BYTES)),
    tracingActive: input.tracingActive,
  });
}
