/**
 * Associated Encrypted Metadata. GAEN Cryptography spec v1.2:
 *   AEMK = HKDF(TEK, NULL, UTF8("EN-AEMK"), 16)
 *   AEM  = AES128-CTR(AEMK, RPI, BluetoothMetadata)
 * The RPI is the CTR initial counter block, so a receiver can decrypt only once it knows the TEK.
 */

import { METADATA_LENGTH } from './ble-metadata';
import { assertBytes, utf8 } from './bytes';
import type { CryptoBackend } from './crypto/backend';

const EMPTY = new Uint8Array(0);
const AEMK_INFO = utf8.encode('EN-AEMK');

export function associatedMetadataKey(backend: CryptoBackend, tek: Uint8Array): Uint8Array {
  assertBytes(tek, 'tek', 16);
  return backend.hkdfSha256(tek, EMPTY, AEMK_INFO, 16);
}

export function encryptMetadata(
  backend: CryptoBackend,
  aemk: Uint8Array,
  rpi: Uint8Array,
  metadata: Uint8Array,
): Uint8Array {
  assertBytes(aemk, 'aemk', 16);
  assertBytes(rpi, 'rpi', 16);
  assertBytes(metadata, 'metadata', METADATA_LENGTH);
  return backend.aes128Ctr(aemk, rpi, metadata);
}

/** CTR mode is its own inverse. */
export const decryptMetadata = encryptMetadata;
