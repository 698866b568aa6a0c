/**
 * The radio commitment of a checkpoint pass: `SHA-256(DOMAIN ‖ RPI ‖ salt)`, which the signed
 * token carries in place of the rolling proximity identifier the phone advertises.
 *
 * Why a salted commitment and not the RPI: the token goes to the key server and its scan log;
 * the RPI and the salt stay in the part of the pass QR the gatekeeper's phone keeps
 * (checkpoint-pass.ts). Once a resident reports positive, their TEKs are published and anyone
 * can recompute every RPI of those days (GAEN Cryptography spec v1.2: RPI_j = AES128(RPIK,
 * PaddedData_j)), at most 144 a day. If the token held the RPI, or an unsalted hash of it, the
 * server could match those 144 values against the passes it saw and learn which install (and
 * which gate, at what time) belonged to the person who reported. With a 128-bit random salt
 * per pass, testing a candidate RPI against a commitment needs the salt: 2^128 guesses per
 * pass, so the commitment tells the server nothing about which RPI it hides (hiding), while the
 * phone cannot open it to any RPI but the one it committed to (binding: SHA-256 collision
 * resistance), so the gatekeeper knows the pass was made for the identifier it hears.
 *
 * The fields have fixed lengths (16 + 16 bytes after a fixed domain string), so the hashed
 * bytes have exactly one reading.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { assertBytes, concatBytes, equalBytes, utf8 } from '../bytes';
import { RPI_LENGTH } from '../rolling-proximity-id';

/** Random bytes per pass: 128 bits, so no one holding only the commitment can test a candidate RPI. */
export const RADIO_SALT_BYTES = 16;
export const RADIO_COMMITMENT_BYTES = 32;

/** Domain separation: these hashes can never stand for any other SHA-256 in the protocol. */
const DOMAIN = utf8.encode('Bluezone BZC2 radio commitment\n');

/** The identifier a phone advertises and the salt that hides it, as the gatekeeper receives them. */
export interface RadioOpening {
  /** The 16-byte rolling proximity identifier in the phone's 0xFD6F advertisement. */
  rpi: Uint8Array;
  /** 16 random bytes, new for every pass. */
  salt: Uint8Array;
}

export function radioCommitment({ rpi, salt }: RadioOpening): Uint8Array {
  assertBytes(rpi, 'rpi', RPI_LENGTH);
  assertBytes(salt, 'radio salt', RADIO_SALT_BYTES);
  return sha256(concatBytes(DOMAIN, rpi, salt));
}

/** Whether `opening` is what `commitment` was made from (compared in constant time). */
export function radioCommitmentMatches(commitment: Uint8Array, opening: RadioOpening): boolean {
  return commitment.length === RADIO_COMMITMENT_BYTES && equalBytes(commitment, radioCommitment(opening));
}
