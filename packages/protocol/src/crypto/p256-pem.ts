/**
 * PEM/DER encodings of P-256 keys, for the portable backend (node:crypto parses PEM itself).
 * P-256 keys have fixed DER layouts, so the structures are matched against their known
 * prefixes instead of a general ASN.1 parser:
 * - SPKI (RFC 5480 §2): SEQUENCE { AlgorithmIdentifier { id-ecPublicKey, prime256v1 }, BIT STRING point }.
 * - PKCS#8 (RFC 5208) wrapping SEC1 ECPrivateKey (RFC 5915 §3), and bare SEC1 "EC PRIVATE KEY".
 */
import { p256 } from '@noble/curves/nist.js';
import { concatBytes, equalBytes, fromBase64, toBase64 } from '../bytes';
import { ProtocolError } from '../errors';

// 30 59 | 30 13 06 07 <id-ecPublicKey 1.2.840.10045.2.1> 06 08 <prime256v1 1.2.840.10045.3.1.7> | 03 42 00
const SPKI_PREFIX = Uint8Array.from([
  0x30, 0x59, 0x30, 0x13, 0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01, 0x06, 0x08, 0x2a, 0x86, 0x48, 0xce,
  0x3d, 0x03, 0x01, 0x07, 0x03, 0x42, 0x00,
]);
const EC_ALGORITHM = SPKI_PREFIX.subarray(2, 23);

export function pemToDer(pem: string, label: string): Uint8Array {
  const re = new RegExp(`-----BEGIN ${label}-----([A-Za-z0-9+/=\\s]+)-----END ${label}-----`);
  const m = re.exec(pem);
  if (!m?.[1]) throw new ProtocolError('invalid_pem', `expected a PEM block "${label}"`);
  return fromBase64(m[1].replace(/\s+/g, ''), `PEM ${label}`);
}

export function derToPem(der: Uint8Array, label: string): string {
  const b64 = toBase64(der);
  const lines = b64.match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

/** Returns the 65-byte uncompressed point of a P-256 SPKI public key PEM. */
export function p256PublicKeyFromPem(pem: string): Uint8Array {
  const der = pemToDer(pem, 'PUBLIC KEY');
  if (der.length !== SPKI_PREFIX.length + 65 || !equalBytes(der.subarray(0, SPKI_PREFIX.length), SPKI_PREFIX)) {
    throw new ProtocolError('invalid_pem', 'public key is not an uncompressed P-256 SubjectPublicKeyInfo');
  }
  const point = der.subarray(SPKI_PREFIX.length);
  if (point[0] !== 0x04) throw new ProtocolError('invalid_pem', 'public key point is not uncompressed');
  // SEC 1 §3.2.2 public key validation, as OpenSSL does when node:crypto loads the key.
  if (!p256.utils.isValidPublicKey(point, false)) {
    throw new ProtocolError('invalid_pem', 'public key point is not on the P-256 curve');
  }
  return point;
}

export function p256PublicKeyToPem(point: Uint8Array): string {
  if (point.length !== 65 || point[0] !== 0x04) {
    throw new ProtocolError('invalid_length', 'P-256 public point must be 65 bytes, uncompressed');
  }
  return derToPem(concatBytes(SPKI_PREFIX, point), 'PUBLIC KEY');
}

/** One DER TLV: its tag and the bounds of its contents. */
interface Tlv {
  tag: number;
  start: number;
  end: number;
}

/** Reads the DER TLV at `at`, checking that its definite length stays inside `limit`. */
function readTlv(der: Uint8Array, at: number, limit: number): Tlv {
  const bad = (): never => {
    throw new ProtocolError('invalid_pem', 'EC private key is not well-formed DER');
  };
  if (at + 2 > limit) bad();
  const tag = der[at] as number;
  let len = der[at + 1] as number;
  let start = at + 2;
  if (len & 0x80) {
    // Keys this small never need more than two length bytes (X.690 §8.1.3.5).
    const n = len & 0x7f;
    if (n < 1 || n > 2 || start + n > limit) bad();
    len = 0;
    for (let i = 0; i < n; i++) len = (len << 8) | (der[start + i] as number);
    start += n;
  }
  if (start + len > limit) bad();
  return { tag, start, end: start + len };
}

const PRIME256V1_OID = EC_ALGORITHM.subarray(11);

/**
 * Reads SEC1 ECPrivateKey (RFC 5915 §3): SEQUENCE { INTEGER 1, OCTET STRING(32) d,
 * [0] parameters OPTIONAL, [1] BIT STRING publicKey OPTIONAL }. Optional parts must name
 * P-256 and match d, so a damaged key is refused here as node:crypto refuses it.
 */
function sec1Scalar(der: Uint8Array, from = 0, to = der.length): Uint8Array {
  const fail = (why: string): never => {
    throw new ProtocolError('invalid_pem', `EC private key: ${why}`);
  };
  const seq = readTlv(der, from, to);
  if (seq.tag !== 0x30 || seq.end !== to) fail('not a DER SEQUENCE');
  const version = readTlv(der, seq.start, seq.end);
  if (version.tag !== 0x02 || version.end - version.start !== 1 || der[version.start] !== 1) fail('version is not 1');
  const scalar = readTlv(der, version.end, seq.end);
  if (scalar.tag !== 0x04 || scalar.end - scalar.start !== 32) fail('private scalar is not 32 bytes');
  const d = der.subarray(scalar.start, scalar.end);
  if (!p256.utils.isValidSecretKey(d)) fail('private scalar is not in [1, n-1]');
  let at = scalar.end;
  if (at < seq.end && der[at] === 0xa0) {
    const params = readTlv(der, at, seq.end);
    if (!equalBytes(der.subarray(params.start, params.end), PRIME256V1_OID)) fail('curve is not P-256');
    at = params.end;
  }
  if (at < seq.end && der[at] === 0xa1) {
    const pub = readTlv(der, at, seq.end);
    const bits = readTlv(der, pub.start, pub.end);
    const expected = p256.getPublicKey(d, false);
    if (bits.tag !== 0x03 || der[bits.start] !== 0 || !equalBytes(der.subarray(bits.start + 1, bits.end), expected)) {
      fail('embedded public key does not match the private scalar');
    }
    at = pub.end;
  }
  if (at !== seq.end) fail('unexpected trailing fields');
  return d;
}

/** Returns the 32-byte scalar of a P-256 private key in PKCS#8 ("PRIVATE KEY") or SEC1 ("EC PRIVATE KEY") PEM. */
export function p256PrivateKeyFromPem(pem: string): Uint8Array {
  if (pem.includes('-----BEGIN EC PRIVATE KEY-----')) return sec1Scalar(pemToDer(pem, 'EC PRIVATE KEY'));
  const der = pemToDer(pem, 'PRIVATE KEY');
  // PKCS#8 (RFC 5208 §5): SEQUENCE { INTEGER 0, AlgorithmIdentifier, OCTET STRING { SEC1 }, [0] attributes OPTIONAL }
  const seq = readTlv(der, 0, der.length);
  if (seq.tag !== 0x30 || seq.end !== der.length) {
    throw new ProtocolError('invalid_pem', 'private key is not a PKCS#8 SEQUENCE');
  }
  const version = readTlv(der, seq.start, seq.end);
  if (version.tag !== 0x02 || version.end - version.start !== 1 || der[version.start] !== 0) {
    throw new ProtocolError('invalid_pem', 'PKCS#8 version is not 0');
  }
  const alg = readTlv(der, version.end, seq.end);
  if (!equalBytes(der.subarray(version.end, alg.end), EC_ALGORITHM)) {
    throw new ProtocolError('invalid_pem', 'private key is not a P-256 EC key');
  }
  const key = readTlv(der, alg.end, seq.end);
  if (key.tag !== 0x04) throw new ProtocolError('invalid_pem', 'PKCS#8 private key has no OCTET STRING');
  if (key.end !== seq.end && der[key.end] !== 0xa0) {
    throw new ProtocolError('invalid_pem', 'PKCS#8 private key has unexpected trailing fields');
  }
  return sec1Scalar(der, key.start, key.end);
}
