/** A public key export files are verified with (the health authority's, from its server). */
export interface ExportPublicKey {
  pem: string;
  /** Only signatures naming this key id are tried (TEKSignature verification_key_id). */
  keyId?: string;
}
