/**
 * The rotating "Bluezone active" token a visitor's app shows as a QR at an office checkpoint.
 * It says: this install exists (its Ed25519 key was registered at attestation) and the app
 * reports tracing on. Format: `BZC1.<payload>.<signature>`, both base64url, where payload is
 * JSON {i: installId, t: issued-at seconds, n: random nonce, a: tracing on}. The app makes a
 * new one every 30 s; the server accepts each once, within TOKEN_LIFETIME_S of issue.
 * Ed25519 (RFC 8032) because phones have it natively and signatures are short enough for a QR.
 */
import { createPublicKey, type KeyObject, randomBytes, sign, verify } from 'node:crypto';
import { RolloutError } from './rollout-error';

export const TOKEN_PREFIX = 'BZC1';
/** Seconds a token stays valid after issue: long enough to scan a screen, short enough that a screenshot is useless tomorrow. */
export const TOKEN_LIFETIME_S = 120;
/** Tolerated clock skew between phone and server. */
export const TOKEN_SKEW_S = 30;

export interface CheckpointTokenClaims {
  installId: string;
  issuedAt: number;
  nonce: string;
  tracingActive: boolean;
}

/** What the app (client SDK) does: sign a fresh token with its private key. */
export function signCheckpointToken(
  privateKey: KeyObject,
  claims: Omit<CheckpointTokenClaims, 'nonce'> & { nonce?: string },
): string {
  const payload = Buffer.from(
    JSON.stringify({
      i: claims.installId,
      t: claims.issuedAt,
      n: claims.nonce ?? randomBytes(9).toString('base64url'),
      a: claims.tracingActive,
    }),
  );
  const signature = sign(null, payload, privateKey);
  return `${TOKEN_PREFIX}.${payload.toString('base64url')}.${signature.toString('base64url')}`;
}

/** Splits and decodes a token without trusting it; throws token_forged when it is not one. */
export function parseCheckpointToken(token: string): {
  claims: CheckpointTokenClaims;
  payload: Buffer;
  signature: Buffer;
} {
  const parts = token.trim().split('.');
  if (parts.length !== 3 || parts[0] !== TOKEN_PREFIX)
    throw new RolloutError('token_forged', 'not a Bluezone checkpoint token');
  const payload = Buffer.from(parts[1] ?? '', 'base64url');
  const signature = Buffer.from(parts[2] ?? '', 'base64url');
  let raw: unknown;
  try {
    raw = JSON.parse(payload.toString('utf8'));
  } catch {
    throw new RolloutError('token_forged', 'token payload is not readable');
  }
  const r = raw as { i?: unknown; t?: unknown; n?: unknown; a?: unknown };
  if (typeof r.i !== 'string' || typeof r.t !== 'number' || typeof r.n !== 'string' || typeof r.a !== 'boolean') {
    throw new RolloutError('token_forged', 'token payload lacks its fields');
  }
  if (signature.length !== 64) throw new RolloutError('token_forged', 'token signature has the wrong length');
  return { claims: { installId: r.i, issuedAt: r.t, nonce: r.n, tracingActive: r.a }, payload, signature };
}

export function publicKeyFromBase64url(x: string): KeyObject {
  return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x }, format: 'jwk' });
}

/** Checks signature and age; replay is checked by the caller against stored nonces. */
export function verifyCheckpointToken(token: string, publicKeyX: string | null, nowMs: number): CheckpointTokenClaims {
  const { claims, payload, signature } = parseCheckpointToken(token);
  if (publicKeyX === null) throw new RolloutError('token_forged', 'this install has no checkpoint key registered');
  if (!verify(null, payload, publicKeyFromBase64url(publicKeyX), signature)) {
    throw new RolloutError('token_forged', 'token signature does not match the install key');
  }
  const now = nowMs / 1000;
  if (claims.issuedAt > now + TOKEN_SKEW_S) throw new RolloutError('token_forged', 'token is issued in the future');
  if (now - claims.issuedAt > TOKEN_LIFETIME_S) {
    throw new RolloutError(
      'token_expired',
      `token expired ${Math.round(now - claims.issuedAt - TOKEN_LIFETIME_S)} s ago; ask for a fresh QR`,
    );
  }
  return claims;
}
