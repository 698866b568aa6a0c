/**
 * Byte-string boundary helpers: strict hex and base64 parsing, and argument checks in the
 * style of noble's `abytes`: TypeError-like `invalid_argument` for a wrong type,
 * `invalid_length` for a wrong length, always naming the argument.
 */
import { ProtocolError } from './errors';

const HEX_DIGITS = '0123456789abcdef';

export function toHex(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] as number;
    out += HEX_DIGITS.charAt(b >> 4) + HEX_DIGITS.charAt(b & 15);
  }
  return out;
}

/** Parses lower- or upper-case hex; rejects odd length and non-hex characters. */
export function fromHex(hex: string, what = 'hex'): Uint8Array {
  if (typeof hex !== 'string') {
    throw new ProtocolError('invalid_argument', `${what} must be a string`);
  }
  if (hex.length % 2 !== 0) {
    throw new ProtocolError('invalid_hex', `${what} has an odd number of hex digits (${hex.length})`);
  }
  if (!/^[0-9a-fA-F]*$/.test(hex)) {
    throw new ProtocolError('invalid_hex', `${what} contains a character that is not a hex digit`);
  }
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

const BASE64_RE = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const B64_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Standard (RFC 4648 §4) padded base64, as GAEN JSON APIs use for keys. */
export function toBase64(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = ((bytes[i] as number) << 16) | ((bytes[i + 1] as number) << 8) | (bytes[i + 2] as number);
    out +=
      B64_ALPHABET.charAt(n >> 18) +
      B64_ALPHABET.charAt((n >> 12) & 63) +
      B64_ALPHABET.charAt((n >> 6) & 63) +
      B64_ALPHABET.charAt(n & 63);
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = (bytes[i] as number) << 16;
    out += `${B64_ALPHABET.charAt(n >> 18)}${B64_ALPHABET.charAt((n >> 12) & 63)}==`;
  } else if (rest === 2) {
    const n = ((bytes[i] as number) << 16) | ((bytes[i + 1] as number) << 8);
    out += `${B64_ALPHABET.charAt(n >> 18)}${B64_ALPHABET.charAt((n >> 12) & 63)}${B64_ALPHABET.charAt((n >> 6) & 63)}=`;
  }
  return out;
}

/** Strict padded standard base64; rejects URL-safe alphabet, whitespace and bad padding. */
export function fromBase64(b64: string, what = 'base64'): Uint8Array {
  if (typeof b64 !== 'string') {
    throw new ProtocolError('invalid_argument', `${what} must be a string`);
  }
  if (!BASE64_RE.test(b64)) {
    throw new ProtocolError('invalid_base64', `${what} is not valid padded base64`);
  }
  const pad = b64.endsWith('==') ? 2 : b64.endsWith('=') ? 1 : 0;
  const out = new Uint8Array((b64.length / 4) * 3 - pad);
  let o = 0;
  for (let i = 0; i < b64.length; i += 4) {
    const n =
      (B64_ALPHABET.indexOf(b64[i] as string) << 18) |
      (B64_ALPHABET.indexOf(b64[i + 1] as string) << 12) |
      ((b64[i + 2] === '=' ? 0 : B64_ALPHABET.indexOf(b64[i + 2] as string)) << 6) |
      (b64[i + 3] === '=' ? 0 : B64_ALPHABET.indexOf(b64[i + 3] as string));
    if (o < out.length) out[o++] = n >> 16;
    if (o < out.length) out[o++] = (n >> 8) & 255;
    if (o < out.length) out[o++] = n & 255;
  }
  return out;
}

/**
 * Strict padded standard base64 that is also canonical (RFC 4648 §3.5): the unused low bits of
 * the last character before the padding must be zero. Decoding ignores those bits, so without
 * this check one byte string has up to 16 spellings (`…6Q==`, `…6R==`, … all decode alike);
 * a server that compares keys as text would store and export the same key once per spelling.
 */
export function fromCanonicalBase64(b64: string, what = 'base64'): Uint8Array {
  const bytes = fromBase64(b64, what);
  const pad = b64.endsWith('==') ? 2 : b64.endsWith('=') ? 1 : 0;
  if (pad > 0) {
    // '==': the last character carries 2 bits of data and 4 unused; '=': 4 bits and 2 unused.
    const last = B64_ALPHABET.indexOf(b64[b64.length - pad - 1] as string);
    if ((last & (pad === 2 ? 0b1111 : 0b11)) !== 0) {
      throw new ProtocolError('invalid_base64', `${what} is not canonical base64 (non-zero trailing bits)`);
    }
  }
  return bytes;
}

const B64URL_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const BASE64URL_RE = /^[A-Za-z0-9_-]*$/;

/** URL-safe base64 without padding (RFC 4648 §5), as tokens and JWK `x` values carry bytes. */
export function toBase64url(bytes: Uint8Array): string {
  return toBase64(bytes).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/**
 * Strict unpadded base64url: rejects padding, whitespace, the standard alphabet's `+` and `/`,
 * a length that no byte string has (4n+1), and non-zero trailing bits, so each byte string has
 * exactly one accepted text.
 */
export function fromBase64url(text: string, what = 'base64url'): Uint8Array {
  if (typeof text !== 'string') {
    throw new ProtocolError('invalid_argument', `${what} must be a string`);
  }
  if (!BASE64URL_RE.test(text) || text.length % 4 === 1) {
    throw new ProtocolError('invalid_base64', `${what} is not valid unpadded base64url`);
  }
  const out = new Uint8Array(Math.floor((text.length * 3) / 4));
  let acc = 0;
  let bits = 0;
  let o = 0;
  for (let i = 0; i < text.length; i++) {
    acc = ((acc << 6) | B64URL_ALPHABET.indexOf(text[i] as string)) & 0xffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 255;
    }
  }
  // RFC 4648 §3.5: the unused low bits of the last character must be zero in a canonical encoding.
  if ((acc & ((1 << bits) - 1)) !== 0) {
    throw new ProtocolError('invalid_base64', `${what} is not canonical base64url (non-zero trailing bits)`);
  }
  return out;
}

export function assertBytes(value: unknown, what: string, length?: number): asserts value is Uint8Array {
  if (!(value instanceof Uint8Array)) {
    throw new ProtocolError('invalid_argument', `${what} must be a Uint8Array`);
  }
  if (length !== undefined && value.length !== length) {
    throw new ProtocolError('invalid_length', `${what} must be ${length} bytes, got ${value.length}`);
  }
}

export function assertUint32(value: unknown, what: string): asserts value is number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 0xffffffff) {
    throw new ProtocolError('invalid_argument', `${what} must be an integer in [0, 2^32), got ${String(value)}`);
  }
}

export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= (a[i] as number) ^ (b[i] as number);
  return diff === 0;
}

/** Lexicographic byte order; export files list keys sorted this way. */
export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = (a[i] as number) - (b[i] as number);
    if (d !== 0) return d;
  }
  return a.length - b.length;
}

export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  let total = 0;
  for (const p of parts) total += p.length;
  const out = new Uint8Array(total);
  let off = 0;
  for (const p of parts) {
    out.set(p, off);
    off += p.length;
  }
  return out;
}

export const utf8 = {
  encode: (s: string): Uint8Array => new TextEncoder().encode(s),
  decode: (b: Uint8Array): string => new TextDecoder('utf-8', { fatal: true }).decode(b),
};
