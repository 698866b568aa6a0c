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

// FIPS 180-4 §4.2.2 and §5.3.3.
const K = Int32Array.from([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98,
  0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
  0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8,
  0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819,
  0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
  0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
  0xc67178f2,
]);
const IV = Int32Array.from([
  0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
]);

/** One SHA-256 compression of the 16 big-endian words in w (overwritten: a rolling 16-word schedule) into `out`. */
function _compress(from: Int32Array, w: Int32Array, out: Int32Array): void {
  let a = from[0] as number;
  let b = from[1] as number;
  let c = from[2] as number;
  let d = from[3] as number;
  let e = from[4] as number;
  let f = from[5] as number;
  let g = from[6] as number;
  let h = from[7] as number;
  for (let t = 0; t < 64; t++) {
    let wt: number;
    if (t < 16) {
      wt = w[t] as number;
    } else {
      const w15 = w[(t - 15) & 15] as number;
      const w2 = w[(t - 2) & 15] as number;
      const s0 = ((w15 >>> 7) | (w15 << 25)) ^ ((w15 >>> 18) | (w15 << 14)) ^ (w15 >>> 3);
      const s1 = ((w2 >>> 17) | (w2 << 15)) ^ ((w2 >>> 19) | (w2 << 13)) ^ (w2 >>> 10);
      wt = ((w[t & 15] as number) + s0 + (w[(t - 7) & 15] as number) + s1) | 0;
      w[t & 15] = wt;
    }
    const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
    const t1 = (h + S1 + (g ^ (e & (f ^ g))) + (K[t] as number) + wt) | 0;
    const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
    const t2 = (S0 + ((a & b) | (c & (a | b)))) | 0;
    h = g;
    g = f;
    f = e;
    e = (d + t1) | 0;
    d = c;
    c = b;
    b = a;
    a = (t1 + t2) | 0;
  }
  out[0] = ((from[0] as number) + a) | 0;
  out[1] = ((from[1] as number) + b) | 0;
  out[2] = ((from[2] as number) + c) | 0;
  out[3] = ((from[3] as number) + d) | 0;
  out[4] = ((from[4] as number) + e) | 0;
  out[5] = ((from[5] as number) + f) | 0;
  out[6] = ((from[6] as number) + g) | 0;
  out[7] = ((from[7] as number) + h) | 0;
}

/** State after compressing one 64-byte block of `pad` XOR `key` (HMAC's K ⊕ ipad / K ⊕ opad, RFC 2104). */
function _padState(key: Int32Array | undefined, pad: number, w: Int32Array, out: Int32Array): void {
  const p = pad * 0x01010101;
  for (let i = 0; i < 16; i++) w[i] = (i < 8 && key ? (key[i] as number) : 0) ^ p;
  _compress(IV, w, out);
}

/** Derives a 16-byte key `HKDF-SHA256(ikm = 16 bytes, salt = empty, info, 16)` into `out`. */
export type TekKeyDeriver = (tek: Uint8Array, out: Uint8Array) => void;

export function createTekKeyDeriver(info: string): TekKeyDeriver {
  const infoBytes = utf8.encode(info);
  // HKDF-Expand's T(1) input is info || 0x01 and must fit one block with its padding.
  if (infoBytes.length + 1 > 55) throw new RangeError(`info must be at most 54 bytes, got ${infoBytes.length}`);
  const w = new Int32Array(16);
  const state = new Int32Array(8);
  // RFC 5869 §2.2: an absent salt is HashLen zero bytes, which HMAC pads to a zero block.
  const extractInner = new Int32Array(8);
  const extractOuter = new Int32Array(8);
  _padState(undefined, 0x36, w, extractInner);
  _padState(undefined, 0x5c, w, extractOuter);
  const prk = new Int32Array(8);
  const expandInner = new Int32Array(8);
  const expandOuter = new Int32Array(8);
  // The message block of HMAC(PRK, info || 0x01), with SHA-256 padding: the length counts the pad block.
  const expandMessage = new Int32Array(16);
  const msg = new Uint8Array(64);
  msg.set(infoBytes, 0);
  msg[infoBytes.length] = 0x01;
  msg[infoBytes.length + 1] = 0x80;
  const msgView = new DataView(msg.buffer);
  msgView.setUint32(60, (64 + infoBytes.length + 1) * 8);
  for (let i = 0; i < 16; i++) expandMessage[i] = msgView.getInt32(i * 4);

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
    _compress(extractInner, w, state);
    digestBlock(state);
    _compress(extractOuter, w, prk);
    // Expand: T(1) = HMAC(PRK, info || 0x01); OKM = first 16 bytes.
    _padState(prk, 0x36, w, expandInner);
    _padState(prk, 0x5c, w, expandOuter);
    w.set(expandMessage);
    _compress(expandInner, w, state);
    digestBlock(state);
    _compress(expandOuter, w, state);
    for (let i = 0; i < 4; i++) {
      const v = state[i] as number;
      out[i * 4] = v >>> 24;
      out[i * 4 + 1] = (v >>> 16) & 0xff;
      out[i * 4 + 2] = (v >>> 8) & 0xff;
      out[i * 4 + 3] = v & 0xff;
    }
  };
}
