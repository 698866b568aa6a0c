/**
 * HKDF-SHA256 (RFC 5869) specialised for the two GAEN sub-keys of a TEK (GAEN Cryptography
 * spec v1.2): RPIK = HKDF(TEK, NULL, "EN-RPIK", 16) and AEMK = HKDF(TEK, NULL, "EN-AEMK", 16).
 *
 * Why not `backend.hkdfSha256`: matching derives one RPIK per published key (a million per
 * day at scale), and a general HKDF costs ~13 µs per call in node:crypto (`hkdfSync`) and in
 * @noble — about three times the AES work it unlocks. With a fixed 16-byte IKM, an empty salt
 * and a 7-byte info, the whole derivation is six SHA-256 compressions over fixed-shape blocks,
 * two of which (the salt's HMAC pads) are the same for every key and computed once here.
 * Results are checked against both crypto backends and the official vectors in the tests.
 */
import { utf8 } from '../bytes';
import { sha256Compress } from './sha256-compress';

// FIPS 180-4 §5.3.3: the initial hash value.
const IV = Int32Array.from([
  0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
]);

/** State after compressing one 64-byte block of `pad` XOR `key` (HMAC's K ⊕ ipad / K ⊕ opad, RFC 2104). */
function _padState(key: Int32Array | undefined, pad: number, w: Int32Array, out: Int32Array): void {
  const p = pad * 0x01010101;
  for (let i = 0; i < 16; i++) w[i] = (i < 8 && key ? (key[i] as number) : 0) ^ p;
  sha256Compress(IV, w, out);
}

/** Derives a 16-byte key `HKDF-SHA256(ikm = 16 bytes, salt = empty, info, 16)` into `out`. */
export type TekKeyDeriver = (tek: Uint8Array, out: Uint8Array) => void;

/** What every derivation with one `info` shares: the salt's HMAC pad states and the expand block. */
export interface TekDerivationConstants {
  /** SHA-256 state after the zero salt ⊕ ipad (resp. opad) block. */
  extractInner: Int32Array;
  extractOuter: Int32Array;
  /** The message block of HMAC(PRK, info || 0x01), with SHA-256 padding: the length counts the pad block. */
  expandMessage: Int32Array;
}

export function tekDerivationConstants(info: string): TekDerivationConstants {
  const infoBytes = utf8.encode(info);
  // HKDF-Expand's T(1) input is info || 0x01 and must fit one block with its padding.
  if (infoBytes.length + 1 > 55) throw new RangeError(`info must be at most 54 bytes, got ${infoBytes.length}`);
  const w = new Int32Array(16);
  // RFC 5869 §2.2: an absent salt is HashLen zero bytes, which HMAC pads to a zero block.
  const extractInner = new Int32Array(8);
  const extractOuter = new Int32Array(8);
  _padState(undefined, 0x36, w, extractInner);
  _padState(undefined, 0x5c, w, extractOuter);
  const expandMessage = new Int32Array(16);
  const msg = new Uint8Array(64);
  msg.set(infoBytes, 0);
  msg[infoBytes.length] = 0x01;
  msg[infoBytes.length + 1] = 0x80;
  const msgView = new DataView(msg.buffer);
  msgView.setUint32(60, (64 + infoBytes.length + 1) * 8);
  for (let i = 0; i < 16; i++) expandMessage[i] = msgView.getInt32(i * 4);
  return { extractInner, extractOuter, expandMessage };
}

/** SHA-256's initial hash value (FIPS 180-4 §5.3.3), for HMAC key blocks. */
export const SHA256_IV: Readonly<Int32Array> = IV;

export function createTekKeyDeriver(info: string): TekKeyDeriver {
  const { extractInner, extractOuter, expandMessage } = tekDerivationConstants(info);
  const w = new Int32Array(16);
  const state = new Int32Array(8);
  const prk = new Int32Array(8);
  const expandInner = new Int32Array(8);
  const expandOuter = new Int32Array(8);

  /** w ← digest (8 words) || SHA-256 padding for a 64 + 32 byte message. */
  const digestBlock = (digest: Int32Array) => {
    for (let i = 0; i < 8; i++) w[i] = digest[i] as number;
    w[8] = 0x80000000 | 0;
    for (let i = 9; i < 15; i++) w[i] = 0;
    w[15] = (64 + 32) * 8;
  };

  return (tek, out) => {
    // Extract, inner: block = TEK (16 bytes) || 0x80 || 0… || bit length of ipad block + TEK.
    for (let i = 0; i < 4; i++) {
      const o = i * 4;
      w[i] =
        ((tek[o] as number) << 24) |
        ((tek[o + 1] as number) << 16) |
        ((tek[o + 2] as number) << 8) |
        (tek[o + 3] as number);
    }
    w[4] = 0x80000000 | 0;
    for (let i = 5; i < 15; i++) w[i] = 0;
    w[15] = (64 + 16) * 8;
    sha256Compress(extractInner, w, state);
    digestBlock(state);
    sha256Compress(extractOuter, w, prk);
    // Expand: T(1) = HMAC(PRK, info || 0x01); OKM = first 16 bytes.
    _padState(prk, 0x36, w, expandInner);
    _padState(prk, 0x5c, w, expandOuter);
    w.set(expandMessage);
    sha256Compress(expandInner, w, state);
    digestBlock(state);
    sha256Compress(expandOuter, w, state);
    for (let i = 0; i < 4; i++) {
      const v = state[i] as number;
      out[i * 4] = v >>> 24;
      out[i * 4 + 1] = (v >>> 16) & 0xff;
      out[i * 4 + 2] = (v >>> 8) & 0xff;
      out[i * 4 + 3] = v & 0xff;
    }
  };
}
