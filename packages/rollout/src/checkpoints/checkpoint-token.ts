/**
 * The key server's side of the `BZC2` checkpoint token. The format, the signature and the age
 * rules are defined once in @bluezone/protocol (checkpoint/checkpoint-token.ts); here a refusal
 * becomes the rollout's problem codes: `token_expired`, `token_outdated` (a BZC1 pass from an
 * app older than the radio check), or `token_forged` for everything else (not a token,
 * unreadable, wrong signature, future-dated, a pass's radio part sent along).
 */
import { type CheckpointTokenClaims, ProtocolError, verifyCheckpointToken as verifyToken } from '@bluezone/protocol';
import { RolloutError } from '../rollout-error';

const CODES = {
  checkpoint_token_expired: 'token_expired',
  checkpoint_token_outdated: 'token_outdated',
} as const;

/** Checks signature (under the key the token names) and age; the key's install and replay are the caller's. */
export function verifyCheckpointToken(token: string, nowMs: number): CheckpointTokenClaims {
  try {
    return verifyToken(token, nowMs);
  } catch (err) {
    if (!(err instanceof ProtocolError)) throw err;
    throw new RolloutError(CODES[err.code as keyof typeof CODES] ?? 'token_forged', err.message);
  }
}
