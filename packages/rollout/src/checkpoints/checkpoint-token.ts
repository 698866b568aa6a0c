/**
 * The key server's side of the `BZC1` checkpoint token. The format, the signature and the age
 * rules are defined once in @bluezone/protocol (checkpoint/checkpoint-token.ts); here a refusal
 * becomes the rollout's problem codes: `token_expired`, or `token_forged` for everything else
 * (not a token, unreadable or incomplete payload, no or wrong install key, future-dated).
 */
import { type CheckpointTokenClaims, ProtocolError, verifyCheckpointToken as verifyToken } from '@bluezone/protocol';
import { RolloutError } from '../rollout-error';

/** Checks signature and age; replay is checked by the caller against stored nonces. */
export function verifyCheckpointToken(token: string, publicKey: string | null, nowMs: number): CheckpointTokenClaims {
  try {
    return verifyToken(token, publicKey, nowMs);
  } catch (err) {
    if (!(err instanceof ProtocolError)) throw err;
    throw new RolloutError(err.code === 'checkpoint_token_expired' ? 'token_expired' : 'token_forged', err.message);
  }
}
