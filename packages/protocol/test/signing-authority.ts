// An export signing key pair as a key server holds it, for tests of what the export keys sign
// (test-support has one too, but it depends on this package, so the protocol's tests keep theirs).
import { generateKeyPairSync } from 'node:crypto';

export function signingAuthority(keyId = '452') {
  const { privateKey, publicKey } = generateKeyPairSync('ec', {
    namedCurve: 'P-256',
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  return {
    signer: { keyId, keyVersion: 'v1', privateKeyPem: privateKey },
    trusted: [{ pem: publicKey, keyId }],
  };
}
