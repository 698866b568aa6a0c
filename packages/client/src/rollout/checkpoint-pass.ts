/**
 * The app's side of office checkpoints: its key pair and the rotating pass the gatekeeper
 * scans. A pass is a `BZC2` token signed with the install's key, committing to the rolling
 * proximity identifier the phone is advertising right now under a fresh salt, plus that
 * identifier and salt for the gatekeeper's phone alone (@bluezone/protocol
 * checkpoint/checkpoint-pass.ts). The gatekeeper's app listens for that identifier, so a
 * pass only counts as a running app when this phone is really advertising it.
 */
import {
  CHECKPOINT_NONCE_BYTES,
  type CheckpointKeyPair,
  checkpointKeyPair,
  formatCheckpointPass,
  RADIO_SALT_BYTES,
  radioCommitment,
  signCheckpointToken,
  toBase64url,
} from '@bluezone/protocol';
import type { RandomSource } from '../environment';
import type { Advertisement } from '../key-schedule';

/** The app shows a fresh pass this often; the server accepts each token once, for 120 s. */
export const CHECKPOINT_TOKEN_ROTATION_MS = 30_000;

export interface CheckpointPassInput {
  /** Unix ms; the token carries whole seconds. */
  issuedAtMs: number;
  tracingActive: boolean;
  /** What the phone advertises now (KeySchedule.advertisement()). */
  advertisement: Pick<Advertisement, 'rpi' | 'rotateAtMs'>;
}

export interface CheckpointPass {
  /** The QR text: token, `~`, RPI ‖ salt. */
  text: string;
  /** The part the key server sees. */
  token: string;
  /** When to show a new pass: the rotation period, or sooner when the RPI changes before it. */
  refreshAtMs: number;
}

export function newCheckpointKeyPair(random: RandomSource): CheckpointKeyPair {
  return checkpointKeyPair(random.bytes(32));
}

/** A fresh pass: a new random nonce and salt each time, so every token is single-use and unlinkable to the RPI. */
export function buildCheckpointPass(
  key: CheckpointKeyPair,
  input: CheckpointPassInput,
  random: RandomSource,
): CheckpointPass {
  const opening = { rpi: input.advertisement.rpi, salt: random.bytes(RADIO_SALT_BYTES) };
  const token = signCheckpointToken(key.secretKey, {
    issuedAt: Math.floor(input.issuedAtMs / 1000),
    nonce: toBase64url(random.bytes(CHECKPOINT_NONCE_BYTES)),
    tracingActive: input.tracingActive,
    radioCommitment: radioCommitment(opening),
  });
  return {
    text: formatCheckpointPass(token, opening),
    token,
    refreshAtMs: Math.min(input.issuedAtMs + CHECKPOINT_TOKEN_ROTATION_MS, input.advertisement.rotateAtMs),
  };
}
