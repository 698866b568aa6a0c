/**
 * Signature check a phone performs before trusting an export: some TEKSignature whose key id
 * matches (when given), with the P-256/SHA-256 algorithm and the file's batch numbers, must
 * verify over the exact export.bin bytes.
 */
import type { CryptoBackend } from '../crypto/backend';
import { SIGNATURE_ALGORITHM_P256_SHA256 } from './export-signature';
import type { ParsedExport } from './export-zip';

/**
 * True when a signature in `parsed` verifies with `publicKeyPem`; false otherwise (wrong key,
 * tampered bytes, no matching signature). Throws ProtocolError('invalid_pem') for a bad key.
 */
export function verifyExportSignature(
  backend: CryptoBackend,
  parsed: ParsedExport,
  publicKeyPem: string,
  keyId?: string,
): boolean {
  for (const s of parsed.signatures) {
    if (keyId !== undefined && s.signatureInfo.verificationKeyId !== keyId) continue;
    if (s.signatureInfo.signatureAlgorithm !== SIGNATURE_ALGORITHM_P256_SHA256) continue;
    // A signature made for another file of the batch must not vouch for this one.
    if (s.batchNum !== parsed.batchNum || s.batchSize !== parsed.batchSize) continue;
    if (backend.ecdsaP256Verify(publicKeyPem, parsed.exportBin, s.signature)) return true;
  }
  return false;
}
