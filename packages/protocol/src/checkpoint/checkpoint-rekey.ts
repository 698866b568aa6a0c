/**
 * Re-keying an install: the proof an app gives when it replaces the Ed25519 key its checkpoint
 * passes are signed with (checkpoint-token.ts). The key server binds an install id to the first
 * key it registers; a later attestation naming another key is accepted only with the old key's
 * signature over the new one, so knowing an install id (it is readable in every pass QR) does
 * not let anyone take the install over.
 *
 * - Message: the UTF-8 bytes of `BZR1\n<installId>\n<newPublicKey>` (the new key as unpadded
 *   base64url, exactly as the attestation's `checkpointKey` carries it). The prefix separates it
 *   from a checkpoint token's payload, which is JSON and starts with `{`, so neither signature
 *   can stand for the other.
 * - Signature: Ed25519 (RFC 8032 §5.1.6) with the old key's seed, sent as unpadded base64url
 *   in the attestation's `rekeySignature`.
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import { assertBytes, fromBase64url, toBase64url, utf8 } from '../bytes';

export const CHECKPOINT_REKEY_PREFIX = 'BZR1';

/** The bytes a re-key signature covers. */
export function checkpointRekeyMessage(installId: string, newPublicKey: string): Uint8Array {
  return utf8.encode(`${CHECKPOINT_REKEY_PREFIX}\n${installId}\n${newPublicKey}`);
}

/** The old key's signature (base64url) over the new public key, for `rekeySignature`. */
export function signCheckpointRekey(oldSecretKey: Uint8Array, installId: string, newPublicKey: string): string {
  assertBytes(oldSecretKey, 'old checkpoint secret key', 32);
  return toBase64url(ed25519.sign(checkpointRekeyMessage(installId, newPublicKey), oldSecretKey));
}

/**
 * Whether `signature` is the old key's proof for moving `installId` to `newPublicKey`. Anything
 * unreadable (bad base64url, wrong lengths, not a curve point) is simply not a proof: false.
 */
export function verifyCheckpointRekey(
  oldPublicKey: string,
  installId: string,
  newPublicKey: string,
  signature: string,
): boolean {
  try {
    const sig = fromBase64url(signature, 'rekey signature');
    if (sig.length !== 64) return false;
    // zip215: false is RFC 8032's strict rule set, as for checkpoint tokens.
    return ed25519.verify(sig, checkpointRekeyMessage(installId, newPublicKey), fromBase64url(oldPublicKey), {
      zip215: false,
    });
  } catch {
    return false;
  }
}
