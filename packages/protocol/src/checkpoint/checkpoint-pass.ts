/**
 * The checkpoint pass: what the visitor's QR says, `<BZC2 token>~<radio opening>`, the opening
 * being unpadded base64url of RPI (16 bytes) ‖ salt (16 bytes).
 *
 * The two halves go different ways. The token (checkpoint-token.ts) is what the key server
 * verifies and logs; it carries only the salted commitment of the RPI. The opening is for the
 * gatekeeper's phone alone: it checks the opening against the commitment, then listens for
 * that RPI over Bluetooth, and sends the server only the token and whether it heard it. So no
 * server, log or database holds an install next to an identifier it advertised
 * (radio-commitment.ts says why that matters). `~` is outside the base64url alphabet and
 * unreserved in URLs, so the split is unambiguous and the text survives being put in a link.
 */
import { assertBytes, concatBytes, fromBase64url, toBase64url } from '../bytes';
import { ProtocolError } from '../errors';
import { RPI_LENGTH } from '../rolling-proximity-id';
import { type CheckpointTokenClaims, verifyCheckpointToken } from './checkpoint-token';
import { RADIO_SALT_BYTES, type RadioOpening, radioCommitmentMatches } from './radio-commitment';

export const PASS_RADIO_SEPARATOR = '~';

/** The QR text of a pass. */
export function formatCheckpointPass(token: string, opening: RadioOpening): string {
  assertBytes(opening.rpi, 'rpi', RPI_LENGTH);
  assertBytes(opening.salt, 'radio salt', RADIO_SALT_BYTES);
  return `${token}${PASS_RADIO_SEPARATOR}${toBase64url(concatBytes(opening.rpi, opening.salt))}`;
}

/**
 * The token to send to the server and the opening to keep, from a pass's text. `radio` is null
 * when the text is a bare token (typed, or from a page that dropped the opening); an opening
 * that is not 32 bytes of base64url is refused, never passed on.
 */
export function splitCheckpointPass(text: string): { token: string; radio: RadioOpening | null } {
  const trimmed = typeof text === 'string' ? text.trim() : '';
  const at = trimmed.indexOf(PASS_RADIO_SEPARATOR);
  if (at < 0) return { token: trimmed, radio: null };
  let bytes: Uint8Array;
  try {
    bytes = fromBase64url(trimmed.slice(at + 1), 'radio part');
  } catch (err) {
    throw new ProtocolError('invalid_checkpoint_token', "the pass's radio part is not readable", { cause: err });
  }
  if (bytes.length !== RPI_LENGTH + RADIO_SALT_BYTES) {
    throw new ProtocolError('invalid_checkpoint_token', "the pass's radio part has the wrong length");
  }
  return {
    token: trimmed.slice(0, at),
    radio: { rpi: bytes.slice(0, RPI_LENGTH), salt: bytes.slice(RPI_LENGTH) },
  };
}

export interface OpenedCheckpointPass {
  /** What goes to the key server. */
  token: string;
  claims: CheckpointTokenClaims;
  /** What stays on the gatekeeper's phone: the RPI to listen for. */
  radio: RadioOpening;
}

/**
 * What the gatekeeper's phone checks before it listens: the token's signature under its own key
 * and its age (verifyCheckpointToken), and that the opening is the one the token committed to.
 * Throws `invalid_checkpoint_token` (also for a pass without its radio part),
 * `checkpoint_token_expired`, `checkpoint_token_outdated`, or `checkpoint_radio_mismatch`.
 */
export function openCheckpointPass(text: string, nowMs: number): OpenedCheckpointPass {
  const { token, radio } = splitCheckpointPass(text);
  const claims = verifyCheckpointToken(token, nowMs);
  if (radio === null) {
    throw new ProtocolError('invalid_checkpoint_token', 'the pass has no radio part: scan the QR on the phone itself');
  }
  if (!radioCommitmentMatches(claims.radioCommitment, radio)) {
    throw new ProtocolError(
      'checkpoint_radio_mismatch',
      "the pass's radio part is not the one its signed token committed to",
    );
  }
  return { token, claims, radio };
}
