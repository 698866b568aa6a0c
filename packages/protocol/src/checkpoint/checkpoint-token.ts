/**
 * The `BZC1` checkpoint token: the rotating "Bluezone active" QR a visitor's app shows at an
 * office checkpoint, and the key pair behind it. Bluezone's own format, defined only here; the
 * app signs it, the key server verifies it, the gatekeeper's web page reads it.
 *
 * - Key: a per-install Ed25519 key pair (RFC 8032 §5.1.5). The 32-byte seed stays on the phone;
 *   the public key travels as unpadded base64url (RFC 4648 §5) of its 32 bytes, the JWK `x`
 *   form of RFC 8037 §2, in the install attestation's `checkpointKey`.
 * - Token: `BZC1.<payload>.<signature>`, both unpadded base64url. The payload is the UTF-8 JSON
 *   `{"i":installId,"t":issuedAtSeconds,"n":nonce,"a":tracingActive}` in that key order; the
 *   signature is Ed25519 (RFC 8032 §5.1.6) over the payload bytes exactly as sent, so the
 *   verifier never re-serialises JSON.
 * - Validity: issued at most TOKEN_SKEW_S in the future and at most TOKEN_LIFETIME_S ago. Each
 *   nonce is accepted once; that replay check needs storage and is the verifier's caller's.
 *
 * Pure JS (@noble/curves), so the same code runs in React Native, browsers and the server.
 * Ed25519 because phones have it natively and its 64-byte signatures keep the QR small.
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import { assertBytes, fromBase64url, toBase64url, utf8 } from '../bytes';
import { ProtocolError } from '../errors';

export const CHECKPOINT_TOKEN_PREFIX = 'BZC1';
/** Seconds a token stays valid after issue: long enough to scan a screen, short enough that a screenshot is useless tomorrow. */
export const CHECKPOINT_TOKEN_LIFETIME_S = 120;
/** Tolerated clock skew between phone and server, in seconds. */
export const CHECKPOINT_TOKEN_SKEW_S = 30;
/** Random bytes in a nonce (12 base64url characters). */
export const CHECKPOINT_NONCE_BYTES = 9;

const SEED_BYTES = 32;
const SIGNATURE_BYTES = 64;

export interface CheckpointKeyPair {
  /** 32-byte Ed25519 seed; stays on the phone. */
  secretKey: Uint8Array;
  /** base64url of the 32-byte public key: the attestation's `checkpointKey`. */
  publicKey: string;
}

export interface CheckpointTokenClaims {
  installId: string;
  /** Unix time in whole seconds. */
  issuedAt: number;
  /** Base64url random nonce; the server accepts each (installId, nonce) once. */
  nonce: string;
  tracingActive: boolean;
}

/** The key pair of a 32-byte seed (RFC 8032 §5.1.5 key generation). */
export function checkpointKeyPair(secretKey: Uint8Array): CheckpointKeyPair {
  assertBytes(secretKey, 'checkpoint secret key', SEED_BYTES);
  return { secretKey: secretKey.slice(), publicKey: toBase64url(ed25519.getPublicKey(secretKey)) };
}

/** The payload bytes the signature covers: JSON with the keys in the order i, t, n, a. */
export function encodeCheckpointPayload(claims: CheckpointTokenClaims): Uint8Array {
  return utf8.encode(
    JSON.stringify({ i: claims.installId, t: claims.issuedAt, n: claims.nonce, a: claims.tracingActive }),
  );
}

/** A signed token for `claims` under the install's seed. */
export function signCheckpointToken(secretKey: Uint8Array, claims: CheckpointTokenClaims): string {
  assertBytes(secretKey, 'checkpoint secret key', SEED_BYTES);
  const payload = encodeCheckpointPayload(claims);
  const signature = ed25519.sign(payload, secretKey);
  return `${CHECKPOINT_TOKEN_PREFIX}.${toBase64url(payload)}.${toBase64url(signature)}`;
}

const forged = (message: string, cause?: unknown) =>
  new ProtocolError('invalid_checkpoint_token', message, cause === undefined ? undefined : { cause });

/**
 * Splits and decodes a token without trusting it (the install id it names is what the verifier
 * looks the key up by). Throws `invalid_checkpoint_token` for anything that is not a token.
 */
export function parseCheckpointToken(token: string): {
  claims: CheckpointTokenClaims;
  payload: Uint8Array;
  signature: Uint8Array;
} {
  const parts = typeof token === 'string' ? token.trim().split('.') : [];
  if (parts.length !== 3 || parts[0] !== CHECKPOINT_TOKEN_PREFIX) {
    throw forged('not a Bluezone checkpoint token');
  }
  let payload: Uint8Array;
  let signature: Uint8Array;
  let raw: unknown;
  try {
    payload = fromBase64url(parts[1] as string, 'token payload');
    signature = fromBase64url(parts[2] as string, 'token signature');
    raw = JSON.parse(utf8.decode(payload));
  } catch (err) {
    throw forged('token payload is not readable', err);
  }
  // JSON.parse also gives null, arrays, numbers and strings: only an object with the four typed fields is a payload.
  const r = (typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? raw : {}) as Record<string, unknown>;
  if (
    typeof r.i !== 'string' ||
    typeof r.t !== 'number' ||
    !Number.isFinite(r.t) ||
    typeof r.n !== 'string' ||
    typeof r.a !== 'boolean'
  ) {
    throw forged('token payload lacks its fields');
  }
  if (signature.length !== SIGNATURE_BYTES) throw forged('token signature has the wrong length');
  return { claims: { installId: r.i, issuedAt: r.t, nonce: r.n, tracingActive: r.a }, payload, signature };
}

/**
 * Checks the signature under the install's public key (base64url; null when the install has
 * none registered) and the token's age at `nowMs`. Throws `invalid_checkpoint_token` for a
 * forged, malformed or future-dated token and `checkpoint_token_expired` for an old one.
 * Replay is the caller's check, against the nonces it has stored.
 */
export function verifyCheckpointToken(token: string, publicKey: string | null, nowMs: number): CheckpointTokenClaims {
  const { claims, payload, signature } = parseCheckpointToken(token);
  if (publicKey === null) throw forged('this install has no checkpoint key registered');
  let valid: boolean;
  try {
    // zip215: false is RFC 8032's strict rule set (canonical encodings), as OpenSSL verifies.
    valid = ed25519.verify(signature, payload, fromBase64url(publicKey, 'checkpoint public key'), { zip215: false });
  } catch (err) {
    throw forged('the install key is not an Ed25519 public key', err);
  }
  if (!valid) throw forged('token signature does not match the install key');
  const now = nowMs / 1000;
  if (claims.issuedAt > now + CHECKPOINT_TOKEN_SKEW_S) throw forged('token is issued in the future');
  if (now - claims.issuedAt > CHECKPOINT_TOKEN_LIFETIME_S) {
    throw new ProtocolError(
      'checkpoint_token_expired',
      `token expired ${Math.round(now - claims.issuedAt - CHECKPOINT_TOKEN_LIFETIME_S)} s ago; ask for a fresh QR`,
    );
  }
  return claims;
}
