/**
 * A health authority signing configuration documents in tests: an export key pair of its own
 * (P-256, made once per call), its signer entry for signConfiguration and the key a phone trusts.
 */
import { generateKeyPairSync } from 'node:crypto';
import type { ConfigurationVerifyKey, ExportSigner } from '@bluezone/protocol';

export interface ConfigurationAuthority {
  /** signConfiguration's signer: key id 452 (the server's default export key id), version v1. */
  signer: ExportSigner;
  publicKeyPem: string;
  /** What applyConfiguration and verifyConfiguration trust: this key, under its id. */
  trusted: ConfigurationVerifyKey[];
}

export function configurationAuthority(keyId = '452'): ConfigurationAuthority {
  const { privateKey, publicKey } = generateKeyPairSync('ec', {
    namedCurve: 'P-256',
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  return {
    signer: { keyId, keyVersion: 'v1', privateKeyPem: privateKey },
    publicKeyPem: publicKey,
    trusted: [{ pem: publicKey, keyId }],
  };
}
