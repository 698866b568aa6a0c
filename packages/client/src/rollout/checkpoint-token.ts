/**
 * The app's side of office checkpoints (server: packages/server/src/rollout/checkpoint-token.ts):
 * a per-install Ed25519 key pair (RFC 8032) whose public half is registered with the install
 * attestation, and the rotating "Bluezone active" token the gatekeeper scans.
 * Token: `BZC1.<payload>.<signature>`, both base64url (RFC 4648 §5, no padding), payload the
 * UTF-8 JSON `{"i":installId,"t":issuedAtSeconds,"n":nonce,"a":tracingActive}` in that key order,
 * signature Ed25519 over the payload bytes — byte for byte what the server's verifier checks.
 * Pure JS (@noble/curves), so it runs in React Native and browsers without a native module.
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import { ClientError } from '../client-error';
import type { RandomSource } from '../environment';

export const CHECKPOINT_TOKEN_PREFIX = 'BZC1';
/** The app shows a fresh token this often; the server accepts each one once, for 120 s. */
export const CHECKPOINT_TOKEN_ROTATION_MS = 30_000;
const NONCE_BYTES = 9;

export interface CheckpointKeyPair {
  /** 32-byte Ed25519 seed; stays on the phone. */
  secretKey: Uint8Array;
  /** base64url of the 32-byte public key: the attestation's `checkpointKey`. */
  publicKey: string;
}

export interface CheckpointTokenInput {
  installId: string;
  /** Unix ms; the token carries whole seconds. */
  issuedAtMs: number;
  tracingActive: boolean;
}

export function toBase64url(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function checkpointKeyPair(secretKey: Uint8Array): CheckpointKeyPair {
  if (secretKey.length !== 32) throw new ClientError('invalid_argument', 'checkpoint secret key must be 32 bytes');
  return { secretKey: secretKey.slice(), publicKey: toBase64url(ed25519.getPublicKey(secretKey)) };
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
  const payload = new TextEncoder().encode(
    JSON.stringify({
      i: input.installId,
      t: Math.floor(input.issuedAtMs / 1000),
      n: toBase64url(random.bytes(NONCE_BYTES)),
      a: input.tracingActive,
    }),
  );
  const signature = ed25519.sign(payload, key.secretKey);
  return `${CHECKPOINT_TOKEN_PREFIX}.${toBase64url(payload)}.${toBase64url(signature)}`;
}
