/**
 * Verifying a publish's certificate against the health authority it names
 * (google/exposure-notifications-server internal/verification/phaverify.go): the
 * `healthAuthorityID` must be registered (the allow-list), the JWT must be ES256 with a `kid`
 * naming one of that authority's keys valid now, and carry the authority's issuer and audience.
 * Any verification server holding a registered key is trusted this way — ours is registered
 * by own-authority.ts.
 */
import { createPublicKey, type KeyObject } from 'node:crypto';
import { type CertificateClaims, parseCertificateClaims } from '../certificates/certificate-claims';
import type { ServerContext } from '../feature';
import { ServerError } from '../http/server-error';
import { findAuthority, type HealthAuthority, type HealthAuthorityKey, keyValidAt } from './authorities-repository';
import { cachedAuthority } from './authority-cache';
import { Es256JwtError, jwtHeader, verifyEs256Jwt } from './es256-jwt';

declare module '../http/server-error' {
  interface ServerErrorCodes {
    /** Google's ErrorUnknownHealthAuthorityID. */
    unknown_health_authority_id: true;
  }
}

interface LoadedKey extends HealthAuthorityKey {
  /** Parsed once per cache entry; undefined if the stored PEM is not a P-256 public key. */
  publicKey: KeyObject | undefined;
}

interface LoadedAuthority extends Omit<HealthAuthority, 'keys'> {
  keys: LoadedKey[];
}

export interface AuthorityCertificateClaims extends CertificateClaims {
  healthAuthorityId: string;
}

async function loadAuthority(ctx: ServerContext, id: string): Promise<LoadedAuthority | undefined> {
  const authority = await findAuthority(ctx.database, id);
  if (!authority) return undefined;
  const keys = authority.keys.map((key) => {
    try {
      const publicKey = createPublicKey({ key: key.publicKeyPem, format: 'pem' });
      if (publicKey.asymmetricKeyType !== 'ec' || publicKey.asymmetricKeyDetails?.namedCurve !== 'prime256v1') {
        throw new Error('not an ECDSA P-256 public key');
      }
      return { ...key, publicKey };
    } catch (err) {
      // Checked when added; a key edited by hand into something unusable verifies nothing.
      ctx.logger.error('unusable health authority key', { authority: id, kid: key.kid, err });
      return { ...key, publicKey: undefined };
    }
  });
  return { ...authority, keys };
}

function invalid(message: string): ServerError {
  return new ServerError('certificate_invalid', 401, message);
}

/** Shown in a problem body: what the request said, bounded and printable. */
function quoted(value: string): string {
  return JSON.stringify(value.length > 64 ? `${value.slice(0, 64)}…` : value);
}

export async function verifyAuthorityCertificate(
  ctx: ServerContext,
  healthAuthorityId: string,
  certificate: string,
): Promise<AuthorityCertificateClaims> {
  const now = ctx.clock.now();
  const authority = await cachedAuthority(ctx.database, healthAuthorityId, now, () =>
    loadAuthority(ctx, healthAuthorityId),
  );
  if (!authority) {
    throw new ServerError(
      'unknown_health_authority_id',
      401,
      `unknown healthAuthorityID ${quoted(healthAuthorityId)}: no such health authority is registered`,
    );
  }
  const header = jwtHeader(certificate);
  if (!header) throw invalid('the certificate is not a JWT');
  if (header.alg !== 'ES256') throw invalid('the certificate must be signed with ES256');
  const kid = header.kid;
  if (typeof kid !== 'string' || kid === '') throw invalid("the certificate has no 'kid' header naming its key");
  const key = authority.keys.find((k) => k.kid === kid && keyValidAt(k, now));
  if (!key?.publicKey) {
    throw invalid(`health authority ${quoted(authority.id)} has no key ${quoted(kid)} valid now`);
  }
  let payload: Record<string, unknown>;
  try {
    payload = verifyEs256Jwt(certificate, key.publicKey, {
      issuer: authority.issuer,
      audience: authority.audience,
      now,
    });
  } catch (err) {
    if (!(err instanceof Es256JwtError)) throw err;
    if (err.fault === 'expired') throw new ServerError('certificate_expired', 401, 'the certificate has expired');
    if (err.fault === 'iss' || err.fault === 'aud') {
      throw invalid(`the certificate's ${err.fault} is not that of health authority ${quoted(authority.id)}`);
    }
    throw invalid('the certificate is not valid');
  }
  return { ...parseCertificateClaims(payload), healthAuthorityId: authority.id };
}
