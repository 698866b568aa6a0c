/**
 * Rolling Proximity Identifiers. GAEN Cryptography spec v1.2:
 *   RPIK  = HKDF(TEK, NULL, UTF8("EN-RPIK"), 16)
 *   PaddedData_j = UTF8("EN-RPI") || 0x000000000000 || ENIN_j (uint32 little-endian)
 *   RPI_j = AES128(RPIK, PaddedData_j)
 */
import { assertBytes, assertUint32, utf8 } from './bytes';
import type { CryptoBackend } from './crypto/backend';
import { ProtocolError } from './errors';

export const RPI_LENGTH = 16;
const EMPTY = new Uint8Array(0);
const RPIK_INFO = utf8.encode('EN-RPIK');
const RPI_PREFIX = utf8.encode('EN-RPI');

export function rollingProximityIdKey(backend: CryptoBackend, tek: Uint8Array): Uint8Array {
  assertBytes(tek, 'tek', 16);
  return backend.hkdfSha256(tek, EMPTY, RPIK_INFO, 16);
}

/**
 * Writes PaddedData for `count` consecutive intervals into `out` (count × 16 bytes), so a
 * whole key's RPIs are one AES-ECB call. The 12-byte prefix is the same in every block.
 */
export function writePaddedData(out: Uint8Array, firstEnin: number, count: number): void {
  const view = new DataView(out.buffer, out.byteOffset, out.byteLength);
  for (let j = 0; j < count; j++) {
    const o = j * 16;
    out.set(RPI_PREFIX, o);
    view.setUint32(o + 6, 0);
    view.setUint16(o + 10, 0);
    view.setUint32(o + 12, (firstEnin + j) >>> 0, true);
  }
}

/** RPIs for ENIN firstEnin … firstEnin+count−1, concatenated (count × 16 bytes). */
export function rollingProximityIds(
  backend: CryptoBackend,
  rpik: Uint8Array,
  firstEnin: number,
  count: number,
): Uint8Array {
  assertBytes(rpik, 'rpik', 16);
  assertUint32(firstEnin, 'firstEnin');
  if (!Number.isInteger(count) || count < 0 || firstEnin + count - 1 > 0xffffffff) {
    throw new ProtocolError(
      'invalid_argument',
      `count must be a non-negative integer within uint32 ENINs, got ${count}`,
    );
  }
  const padded = new Uint8Array(count * 16);
  writePaddedData(padded, firstEnin, count);
  return backend.aes128Ecb(rpik, padded);
}

export function rollingProximityId(backend: CryptoBackend, rpik: Uint8Array, enin: number): Uint8Array {
  return rollingProximityIds(backend, rpik, enin, 1);
}
