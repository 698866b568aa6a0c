/**
 * node:crypto backend: OpenSSL with AES-NI, for the key server and the simulator.
 * Results are identical to the portable backend (shared test suite, official vectors).
 */
import {
  createCipheriv,
  createHash,
  createHmac,
  createPrivateKey,
  createPublicKey,
  hkdfSync,
  type KeyObject,
  randomBytes,
  sign,
  verify,
} from 'node:crypto';
import { ProtocolError } from '../errors';
import type { CryptoBackend } from './backend';
import { pemToDer } from './p256-pem';

const toU8 = (b: Buffer | ArrayBuffer): Uint8Array =>
  b instanceof ArrayBuffer ? new Uint8Array(b) : new Uint8Array(b.buffer, b.byteOffset, b.byteLength);

// Parsed keys are cached: an export run signs many files with one key.
const keyCache = new Map<string, KeyObject>();
function cachedKey(pem: string, kind: 'private' | 'public'): KeyObject {
  const cacheKey = `${kind}:${pem}`;
  let key = keyCache.get(cacheKey);
  if (!key) {
    try {
      // Public keys go through the portable backend's PEM parser and load as SPKI only
      // (createPublicKey would also derive one from a private key): both backends then accept
      // and refuse the same verification keys.
      key =
        kind === 'private'
          ? createPrivateKey(pem)
          : createPublicKey({ key: Buffer.from(pemToDer(pem, 'PUBLIC KEY')), format: 'der', type: 'spki' });
    } catch (err) {
      if (err instanceof ProtocolError) throw err;
      throw new ProtocolError('invalid_pem', `cannot read the ${kind} key PEM`, { cause: err });
    }
    const curve = key.asymmetricKeyDetails?.namedCurve;
    if (key.asymmetricKeyType !== 'ec' || curve !== 'prime256v1') {
      throw new ProtocolError('invalid_pem', `${kind} key is not a P-256 EC key`);
    }
    if (keyCache.size > 64) keyCache.clear();
    keyCache.set(cacheKey, key);
  }
  return key;
}

export const nodeBackend: CryptoBackend = {
  name: 'node',
  hkdfSha256: (ikm, salt, info, length) => toU8(hkdfSync('sha256', ikm, salt, info, length)),
  aes128Ecb(key, blocks) {
    const cipher = createCipheriv('aes-128-ecb', key, null);
    cipher.setAutoPadding(false);
    const out = cipher.update(blocks);
    cipher.final();
    return toU8(out);
  },
  aes128Ctr(key, iv, data) {
    const cipher = createCipheriv('aes-128-ctr', key, iv);
    const out = cipher.update(data);
    cipher.final();
    return toU8(out);
  },
  hmacSha256: (key, data) => toU8(createHmac('sha256', key).update(data).digest()),
  sha256: (data) => toU8(createHash('sha256').update(data).digest()),
  randomBytes: (length) => toU8(randomBytes(length)),
  ecdsaP256Sign: (privateKeyPem, message) =>
    toU8(sign('sha256', message, { key: cachedKey(privateKeyPem, 'private'), dsaEncoding: 'der' })),
  ecdsaP256Verify(publicKeyPem, message, signatureDer) {
    const key = cachedKey(publicKeyPem, 'public');
    try {
      return verify('sha256', message, { key, dsaEncoding: 'der' }, signatureDer);
    } catch {
      return false;
    }
  },
};

export { nodeBackend as default };
