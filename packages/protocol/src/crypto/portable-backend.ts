/**
 * Portable crypto backend on the audited pure-JS noble libraries: runs unchanged in React
 * Native, browsers and Node. Slower than node:crypto but bit-for-bit identical.
 */
import { ctr, ecb } from '@noble/ciphers/aes.js';
import { p256 } from '@noble/curves/nist.js';
import { hkdf } from '@noble/hashes/hkdf.js';
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { randomBytes } from '@noble/hashes/utils.js';
import type { CryptoBackend } from './backend';
import { p256PrivateKeyFromPem, p256PublicKeyFromPem } from './p256-pem';

export const portableBackend: CryptoBackend = {
  name: 'portable',
  hkdfSha256: (ikm, salt, info, length) => hkdf(sha256, ikm, salt, info, length),
  aes128Ecb: (key, blocks) => ecb(key, { disablePadding: true }).encrypt(blocks),
  aes128Ctr: (key, iv, data) => ctr(key, iv).encrypt(data),
  hmacSha256: (key, data) => hmac(sha256, key, data),
  sha256: (data) => sha256(data),
  randomBytes: (length) => randomBytes(length),
  ecdsaP256Sign(privateKeyPem, message) {
    const d = p256PrivateKeyFromPem(privateKeyPem);
    return p256.sign(message, d, { prehash: true, format: 'der' });
  },
  ecdsaP256Verify(publicKeyPem, message, signatureDer) {
    const point = p256PublicKeyFromPem(publicKeyPem);
    try {
      // Go's crypto/ecdsa (which signs real GAEN exports) does not normalise S, so high-S is valid here.
      return p256.verify(signatureDer, message, point, { prehash: true, format: 'der', lowS: false });
    } catch {
      return false;
    }
  },
};
