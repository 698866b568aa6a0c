/**
 * An install id is bound to the first checkpoint key it registers (issue: a pass's QR shows the
 * install id, and re-attesting it with an attacker's key took the install's passes over). What
 * a later attestation may do with the key:
 *
 * - the same key, or no key on an install that has none yet: accepted;
 * - another key, with the old key's signature over it (`rekeySignature`, protocol
 *   checkpoint/checkpoint-rekey.ts): accepted, the new key replaces the old;
 * - anything else on a bound install — another key without a valid proof, or no key at all
 *   (which would let whoever knows the id move the install or keep it "active"): refused, 409
 *   `install_key_mismatch`, and nothing is stored.
 */
import { fromBase64url, toBase64url, verifyCheckpointRekey } from '@bluezone/protocol';
import { RolloutError } from '../rollout-error';

/** The one text of a 32-byte Ed25519 public key (strict base64url), or invalid_input. */
export function canonicalCheckpointKey(key: string): string {
  let bytes: Uint8Array;
  try {
    bytes = fromBase64url(key, 'checkpointKey');
  } catch {
    bytes = new Uint8Array();
  }
  if (bytes.length !== 32) {
    throw new RolloutError('invalid_input', 'checkpointKey must be a 32-byte Ed25519 public key, base64url');
  }
  return toBase64url(bytes);
}

/** A stored key in its canonical text (keys stored before the strict check may differ). */
function sameTextOf(stored: string): string {
  try {
    return canonicalCheckpointKey(stored);
  } catch {
    return stored;
  }
}

/** Why a bound install's attestation is refused; the log names the reason, never the install. */
export type KeyRefusal = 'key_missing' | 'key_changed_without_proof' | 'rekey_proof_invalid';

export class InstallKeyRefused extends RolloutError {
  constructor(readonly reason: KeyRefusal) {
    super(
      'install_key_mismatch',
      reason === 'key_missing'
        ? 'this install is bound to a checkpoint key; the attestation must carry it'
        : reason === 'key_changed_without_proof'
          ? 'this install is bound to another checkpoint key; a new key needs rekeySignature, the old key signing the new one'
          : 'rekeySignature is not the bound key’s signature over the new key',
    );
  }
}

/**
 * The key to store after this attestation (null: none yet), or InstallKeyRefused.
 * `bound` is the install's stored key (undefined for a new install); `key` is canonical.
 */
export function nextCheckpointKey(
  installId: string,
  bound: string | null | undefined,
  key: string | undefined,
  rekeySignature: string | undefined,
): string | null {
  if (bound === undefined || bound === null) return key ?? null;
  if (key === undefined) throw new InstallKeyRefused('key_missing');
  if (key === sameTextOf(bound)) return key;
  if (rekeySignature === undefined) throw new InstallKeyRefused('key_changed_without_proof');
  if (!verifyCheckpointRekey(bound, installId, key, rekeySignature)) throw new InstallKeyRefused('rekey_proof_invalid');
  return key;
}
