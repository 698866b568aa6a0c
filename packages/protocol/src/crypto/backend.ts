/**
 * The primitives the protocol needs, behind one interface with two implementations that must
 * give identical results (the same test suite runs over both):
 * - `nodeBackend` (node:crypto, AES-NI) for servers and the simulator;
 * - `portableBackend` (audited pure-JS @noble) for React Native and browsers.
 * Everything is synchronous so matching and key derivation stay simple loops.
 */
export interface CryptoBackend {
  readonly name: string;
  /** RFC 5869 HKDF with SHA-256. */
  hkdfSha256(ikm: Uint8Array, salt: Uint8Array, info: Uint8Array, length: number): Uint8Array;
  /** AES-128-ECB without padding over whole 16-byte blocks. */
  aes128Ecb(key: Uint8Array, blocks: Uint8Array): Uint8Array;
  /** AES-128-CTR with a 16-byte initial counter block (encryption and decryption are the same). */
  aes128Ctr(key: Uint8Array, iv: Uint8Array, data: Uint8Array): Uint8Array;
  hmacSha256(key: Uint8Array, data: Uint8Array): Uint8Array;
  sha256(data: Uint8Array): Uint8Array;
  randomBytes(length: number): Uint8Array;
  /** ECDSA P-256 with SHA-256 over `message`; signature in ASN.1 DER (X9.62). Key: PKCS#8 or SEC1 PEM. */
  ecdsaP256Sign(privateKeyPem: string, message: Uint8Array): Uint8Array;
  /** Verifies a DER signature; false (never a throw) for a well-formed key and a wrong or malformed signature. */
  ecdsaP256Verify(publicKeyPem: string, message: Uint8Array, signatureDer: Uint8Array): boolean;
}
