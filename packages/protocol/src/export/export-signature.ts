/**
 * export.sig: a TEKSignatureList with one ECDSA signature per signing key over the whole
 * export.bin, header included. "Exposure Key Export File Format and Verification" §"export.sig":
 * ECDSA P-256 with SHA-256, DER (X9.62) encoded, algorithm OID 1.2.840.10045.4.3.2.
 */
import { create, toBinary } from '@bufbuild/protobuf';
import type { CryptoBackend } from '../crypto/backend';
import { ProtocolError } from '../errors';
import { SignatureInfoSchema, TEKSignatureListSchema, TEKSignatureSchema } from '../gen/export_pb';
import { _decodeExportMessage } from './_protobuf';

/** ecdsa-with-SHA256 (RFC 5758 §3.2). */
export const SIGNATURE_ALGORITHM_P256_SHA256 = '1.2.840.10045.4.3.2';

export interface ExportSignatureInfo {
  /** Key version for rollovers, e.g. "v1" (export.proto: character class [a-zA-Z0-9_]). */
  verificationKeyVersion: string;
  /** Alias the phone uses to pick the public key, e.g. the region's MCC. */
  verificationKeyId: string;
  signatureAlgorithm: string;
}

/** A key that signs exports: the private half and the names phones know its public half by. */
export interface ExportSigner {
  keyId: string;
  keyVersion: string;
  /** P-256 private key, PKCS#8 ("PRIVATE KEY") or SEC1 ("EC PRIVATE KEY") PEM. */
  privateKeyPem: string;
}

/** One TEKSignature of export.sig. */
export interface ExportSignature {
  signatureInfo: ExportSignatureInfo;
  batchNum: number;
  batchSize: number;
  /** DER ECDSA signature over export.bin. */
  signature: Uint8Array;
}

const KEY_VERSION_RE = /^[a-zA-Z0-9_]*$/;

export function signatureInfoOf(signer: ExportSigner): ExportSignatureInfo {
  if (typeof signer.keyId !== 'string' || signer.keyId === '') {
    throw new ProtocolError('invalid_argument', 'signer keyId must be a non-empty string');
  }
  if (typeof signer.keyVersion !== 'string' || !KEY_VERSION_RE.test(signer.keyVersion)) {
    throw new ProtocolError(
      'invalid_argument',
      `signer keyVersion must match [a-zA-Z0-9_]*, got "${signer.keyVersion}"`,
    );
  }
  return {
    verificationKeyVersion: signer.keyVersion,
    verificationKeyId: signer.keyId,
    signatureAlgorithm: SIGNATURE_ALGORITHM_P256_SHA256,
  };
}

/** Signs export.bin with each signer, in order. */
export function signExportBin(
  backend: CryptoBackend,
  exportBin: Uint8Array,
  signers: readonly ExportSigner[],
  batch: { batchNum: number; batchSize: number },
): ExportSignature[] {
  return signers.map((signer) => ({
    signatureInfo: signatureInfoOf(signer),
    batchNum: batch.batchNum,
    batchSize: batch.batchSize,
    signature: backend.ecdsaP256Sign(signer.privateKeyPem, exportBin),
  }));
}

export function encodeExportSig(signatures: readonly ExportSignature[]): Uint8Array {
  const list = create(TEKSignatureListSchema, {
    signatures: signatures.map((s) =>
      create(TEKSignatureSchema, {
        signatureInfo: create(SignatureInfoSchema, s.signatureInfo),
        batchNum: s.batchNum,
        batchSize: s.batchSize,
        signature: s.signature,
      }),
    ),
  });
  return toBinary(TEKSignatureListSchema, list);
}

/** Parses export.sig; throws ProtocolError('invalid_export') on anything that is not a TEKSignatureList. */
export function decodeExportSig(sig: Uint8Array): ExportSignature[] {
  if (!(sig instanceof Uint8Array)) throw new ProtocolError('invalid_argument', 'export.sig must be a Uint8Array');
  const list = _decodeExportMessage(TEKSignatureListSchema, sig, 'export.sig');
  return list.signatures.map((s) => ({
    signatureInfo: {
      verificationKeyVersion: s.signatureInfo?.verificationKeyVersion ?? '',
      verificationKeyId: s.signatureInfo?.verificationKeyId ?? '',
      signatureAlgorithm: s.signatureInfo?.signatureAlgorithm ?? '',
    },
    batchNum: s.batchNum,
    batchSize: s.batchSize,
    signature: s.signature,
  }));
}
