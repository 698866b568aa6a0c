/**
 * PEM/DER encodings of P-256 keys, for the portable backend (node:crypto parses PEM itself).
 * P-256 keys have fixed DER layouts, so the structures are matched against their known
 * prefixes instead of a general ASN.1 parser:
 * - SPKI (RFC 5480 §2): SEQUENCE { AlgorithmIdentifier { id-ecPublicKey, prime256v1 }, BIT STRING point }.
 * - PKCS#8 (RFC 5208) wrapping SEC1 ECPrivateKey (RFC 5915 §3), and bare SEC1 "EC PRIVATE KEY".
 */
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
  return point;
}

export function p256PublicKeyToPem(point: Uint8Array): string {
  if (point.length !== 65 || point[0] !== 0x04) {
    throw new ProtocolError('invalid_length', 'P-256 public point must be 65 bytes, uncompressed');
  }
  return derToPem(concatBytes(SPKI_PREFIX, point), 'PUBLIC KEY');
}

/** Reads SEC1 ECPrivateKey: SEQUENCE { INTEGER 1, OCTET STRING(32) d, ... }. */
function sec1Scalar(der: Uint8Array): Uint8Array {
  // 30 len 02 01 01 04 20 <32 bytes>
  let i = 0;
  if (der[i++] !== 0x30) throw new ProtocolError('invalid_pem', 'EC private key is not a DER SEQUENCE');
  i += (der[i] as number) & 0x80 ? 1 + ((der[i] as number) & 0x7f) : 1;
  if (der[i] !== 0x02 || der[i + 1] !== 0x01 || der[i + 2] !== 0x01 || der[i + 3] !== 0x04 || der[i + 4] !== 0x20) {
    throw new ProtocolError('invalid_pem', 'EC private key is not a version-1 SEC1 key with a 32-byte scalar');
  }
  const d = der.subarray(i + 5, i + 5 + 32);
  if (d.length !== 32) throw new ProtocolError('invalid_pem', 'EC private key is truncated');
  return d;
}

/** Returns the 32-byte scalar of a P-256 private key in PKCS#8 ("PRIVATE KEY") or SEC1 ("EC PRIVATE KEY") PEM. */
export function p256PrivateKeyFromPem(pem: string): Uint8Array {
  if (pem.includes('-----BEGIN EC PRIVATE KEY-----')) return sec1Scalar(pemToDer(pem, 'EC PRIVATE KEY'));
  const der = pemToDer(pem, 'PRIVATE KEY');
  // PKCS#8: SEQUENCE { INTEGER 0, AlgorithmIdentifier, OCTET STRING { SEC1 } }
  const alg = indexOf(der, EC_ALGORITHM);
  if (alg < 0) throw new ProtocolError('invalid_pem', 'private key is not a P-256 EC key');
  let i = alg + EC_ALGORITHM.length;
  if (der[i++] !== 0x04) throw new ProtocolError('invalid_pem', 'PKCS#8 private key has no OCTET STRING');
  i += (der[i] as number) & 0x80 ? 1 + ((der[i] as number) & 0x7f) : 1;
  return sec1Scalar(der.subarray(i));
}

function indexOf(haystack: Uint8Array, needle: Uint8Array): number {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}
