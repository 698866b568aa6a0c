/**
 * The configuration document as the key server serves it: the document's exact JSON text and
 * ECDSA P-256 signatures over it by the server's export signing keys — the keys a phone already
 * trusts for exports, so the SDK needs no new key to check where its parameters came from. Each
 * signature covers a domain prefix before the text, so a configuration signature can never pass
 * for an export's (export.bin starts with its own header) nor the reverse.
 *
 * Verification refuses: no signature by a trusted key (tampered text, a wrong key), a document
 * for another region, and a version older than the one the phone applied (a replayed document).
 */
import { fromBase64, toBase64 } from '../bytes';
import type { CryptoBackend } from '../crypto/backend';
import { ProtocolError } from '../errors';
import type { ExportSigner } from '../export/export-signature';
import { type ConfigurationDocument, parseConfigurationDocument } from './configuration-document';

const DOMAIN = 'bluezone-configuration-v1\n';
/** The EN device calibration list's own prefix: neither signature passes for the other. */
const CALIBRATION_DOMAIN = 'bluezone-calibration-v1\n';

export interface ConfigurationSignature {
  keyId: string;
  keyVersion: string;
  /** Base64 DER ECDSA signature over the domain prefix and `payload`. */
  signature: string;
}

export interface SignedConfiguration {
  /** The document's JSON text, exactly as signed. */
  payload: string;
  signatures: ConfigurationSignature[];
}

export interface ConfigurationVerifyKey {
  pem: string;
  /** Only signatures naming this key id are tried. */
  keyId?: string;
}

function signedBytes(payload: string, domain = DOMAIN): Uint8Array {
  return new TextEncoder().encode(domain + payload);
}

/**
 * Signs `text` after a domain prefix of the caller's (a line of its own, e.g. `bluezone-…-v1\n`)
 * with every given export signer: how the other documents the export keys vouch for (a field
 * test's enrolment) are signed, each under its own prefix so no signature passes for another's.
 */
export function signDomainText(
  backend: CryptoBackend,
  domain: string,
  text: string,
  signers: readonly ExportSigner[],
): ConfigurationSignature[] {
  return signaturesOver(backend, signedBytes(text, domain), signers);
}

/** `text` after `domain` carries a signature by one of `keys` (signDomainText's check). */
export function domainTextSignedBy(
  backend: CryptoBackend,
  domain: string,
  text: unknown,
  signatures: unknown,
  keys: readonly ConfigurationVerifyKey[],
): boolean {
  if (typeof text !== 'string' || !Array.isArray(signatures)) return false;
  return anySignatureVerifies(backend, signedBytes(text, domain), signatures, keys);
}

function signaturesOver(
  backend: CryptoBackend,
  message: Uint8Array,
  signers: readonly ExportSigner[],
): ConfigurationSignature[] {
  return signers.map((s) => ({
    keyId: s.keyId,
    keyVersion: s.keyVersion,
    signature: toBase64(backend.ecdsaP256Sign(s.privateKeyPem, message)),
  }));
}

function anySignatureVerifies(
  backend: CryptoBackend,
  message: Uint8Array,
  signatures: readonly ConfigurationSignature[],
  keys: readonly ConfigurationVerifyKey[],
): boolean {
  return signatures.some((s) => {
    let der: Uint8Array;
    try {
      der = fromBase64(s?.signature, 'signature');
    } catch {
      return false;
    }
    return keys.some(
      (k) => (k.keyId === undefined || k.keyId === s.keyId) && backend.ecdsaP256Verify(k.pem, message, der),
    );
  });
}

/** Signs the document with every given signer (during a key rotation, the old and the new key). */
export function signConfiguration(
  backend: CryptoBackend,
  document: ConfigurationDocument,
  signers: readonly ExportSigner[],
): SignedConfiguration {
  return signConfigurationPayload(backend, JSON.stringify(document), signers);
}

/** Signs a document's JSON text as it is (a stored version, re-signed after a key rotation). */
export function signConfigurationPayload(
  backend: CryptoBackend,
  payload: string,
  signers: readonly ExportSigner[],
): SignedConfiguration {
  return { payload, signatures: signaturesOver(backend, signedBytes(payload), signers) };
}

/** The signed text's signature checks against one of `keys`. */
export function configurationSignedBy(
  backend: CryptoBackend,
  signed: SignedConfiguration,
  keys: readonly ConfigurationVerifyKey[],
): boolean {
  if (typeof signed?.payload !== 'string' || !Array.isArray(signed.signatures)) return false;
  return anySignatureVerifies(backend, signedBytes(signed.payload), signed.signatures, keys);
}

/**
 * Signs the EN device calibration list's text as the key server serves it. The list sets every
 * phone's TX power and RSSI correction, and is cached a day wherever a CDN sits: a changed list
 * could move every attenuation and silence notifications, so phones take only one the export
 * keys signed.
 */
export function signCalibrationList(
  backend: CryptoBackend,
  text: string,
  signers: readonly ExportSigner[],
): ConfigurationSignature[] {
  return signDomainText(backend, CALIBRATION_DOMAIN, text, signers);
}

/** The list's text carries a signature by one of `keys`. */
export function calibrationListSignedBy(
  backend: CryptoBackend,
  text: string,
  signatures: unknown,
  keys: readonly ConfigurationVerifyKey[],
): boolean {
  return domainTextSignedBy(backend, CALIBRATION_DOMAIN, text, signatures, keys);
}

export interface ConfigurationCheck {
  /** The phone's export region: a document for another is refused. */
  region: string;
  /** The version the phone applied last (0 for the built-in defaults); an older one is refused. */
  appliedVersion: number;
}

/**
 * The verified document. Throws `invalid_signature` (no trusted signature), `invalid_config`
 * (a malformed document, another region) or `configuration_outdated` (older than applied).
 */
export function verifyConfiguration(
  backend: CryptoBackend,
  signed: SignedConfiguration,
  keys: readonly ConfigurationVerifyKey[],
  check: ConfigurationCheck,
): ConfigurationDocument {
  if (!configurationSignedBy(backend, signed, keys)) {
    throw new ProtocolError('invalid_signature', 'configuration: no signature by a trusted key');
  }
  const document = parseConfigurationDocument(signed.payload);
  if (document.region !== check.region) {
    throw new ProtocolError('invalid_config', `configuration: for region ${document.region}, not ${check.region}`);
  }
  if (document.version < check.appliedVersion) {
    throw new ProtocolError(
      'configuration_outdated',
      `configuration: version ${document.version} is older than the applied ${check.appliedVersion}`,
    );
  }
  return document;
}
