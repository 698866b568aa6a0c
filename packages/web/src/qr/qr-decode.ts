/**
 * The visitor's pass in what their QR says, as the gatekeeper page reads it. A pass is
 * `<BZC2 token>~<RPI ‖ salt>` (@bluezone/protocol checkpoint/checkpoint-pass.ts); the server
 * verifies the token. A browser cannot listen to Bluetooth, so the page checks only that the
 * radio part is the one the signed token committed to (an altered pass is refused here) and
 * then drops it: only the token is sent, and the server answers `radio: not_checked`.
 */
import {
  CHECKPOINT_TOKEN_PREFIX,
  ProtocolError,
  parseCheckpointToken,
  radioCommitmentMatches,
  splitCheckpointPass,
} from '@bluezone/protocol';

/** The pass inside what a QR says: the pass itself, or a link carrying it in `t` or `token`. */
export function extractToken(text: string): string {
  const trimmed = text.trim();
  if (trimmed.startsWith(`${CHECKPOINT_TOKEN_PREFIX}.`)) return trimmed;
  try {
    const url = new URL(trimmed);
    return url.searchParams.get('t') ?? url.searchParams.get('token') ?? trimmed;
  } catch {
    return trimmed;
  }
}

/**
 * What the page sends for a scanned pass: the token alone, or `refused` when the radio part is
 * unreadable or does not open the token's commitment. A bare token, or anything that is not a
 * pass, goes to the server as it is, for the server to judge (it refuses what is not a BZC2
 * token with its own code).
 */
export type ReadPass = { kind: 'token'; token: string } | { kind: 'refused'; code: 'radio_mismatch' };

export function readPass(text: string): ReadPass {
  const pass = extractToken(text);
  let split: ReturnType<typeof splitCheckpointPass>;
  try {
    split = splitCheckpointPass(pass);
  } catch (err) {
    if (err instanceof ProtocolError) return { kind: 'refused', code: 'radio_mismatch' };
    throw err;
  }
  if (split.radio === null) return { kind: 'token', token: split.token };
  let commitment: Uint8Array;
  try {
    commitment = parseCheckpointToken(split.token).claims.radioCommitment;
  } catch {
    // Not a readable BZC2 token: the server says why (forged, outdated…).
    return { kind: 'token', token: split.token };
  }
  return radioCommitmentMatches(commitment, split.radio)
    ? { kind: 'token', token: split.token }
    : { kind: 'refused', code: 'radio_mismatch' };
}
