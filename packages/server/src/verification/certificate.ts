/**
 * Verification certificates: ES256 JWTs (15 minutes, audience the key server) that carry the
 * report type, the symptom-onset interval and `tekmac`, the HMAC of the keys the phone will
 * upload (google/exposure-notifications-verification-server docs/api.md, "certificate").
 * The key server checks them in publish (authorities/authority-certificate.ts) against the
 * health authority the app names; this server's own key is registered as one when loaded.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, randomUUID } from 'node:crypto';
import { intervalNumber } from '@bluezone/protocol';
import { importPKCS8, importSPKI, SignJWT } from 'jose';
import { registerOwnAuthority } from '../authorities/own-authority';
import type { ServerContext } from '../feature';
import { ServerError } from '../http/server-error';
import { TEST_TYPES, type TestType } from './test-type';
import type { TokenClaims } from './verification-token';

export const CERTIFICATE_TTL_MS = 15 * 60_000;
/** `kid` of our certificates: the key version our own health authority lists. */
export const CERTIFICATE_KEY_ID = 'v1';

declare module '../http/server-error' {
  interface ServerErrorCodes {
    certificate_invalid: true;
    certificate_expired: true;
    certificate_used: true;
  }
}

export interface CertificateClaims {
  jti: string;
  /** Seconds since the epoch. */
  expiresAt: number;
  reportType: TestType;
  /** ENIN of the first interval of the symptom-onset day, when known. */
  symptomOnsetInterval: number | undefined;
  testDateInterval: number | undefined;
  tekmac: string;
}

interface CertificateKeys {
  /** WebCrypto keys: jose would otherwise convert a KeyObject on every sign/verify. */
  privateKey: CryptoKey;
  publicKey: CryptoKey;
}

const keyCache = new WeakMap<ServerContext, Promise<CertificateKeys>>();

/**
 * The P-256 key pair certificates are signed with, created once per deployment; its public
 * half is registered as our own health authority's key, so publish trusts it.
 */
export function certificateKeys(ctx: ServerContext): Promise<CertificateKeys> {
  let keys = keyCache.get(ctx);
  if (!keys) {
    keys = ctx.secrets
      .get('certificate-es256', () =>
        generateKeyPairSync('ec', { namedCurve: 'P-256' })
          .privateKey.export({ type: 'pkcs8', format: 'pem' })
          .toString(),
      )
      .then(async (pem) => {
        const spki = createPublicKey(createPrivateKey(pem)).export({ type: 'spki', format: 'pem' }).toString();
        await registerOwnAuthority(ctx.database, ctx.config, CERTIFICATE_KEY_ID, spki, ctx.clock.now());
        return { privateKey: await importPKCS8(pem, 'ES256'), publicKey: await importSPKI(spki, 'ES256') };
      });
    keyCache.set(ctx, keys);
    // A failure (database down) is retried by the next caller instead of cached.
    keys.catch(() => keyCache.delete(ctx));
  }
  return keys;
}

/** `YYYY-MM-DD` → the ENIN at 00:00 UTC of that day. */
export function dateToInterval(date: string | null): number | undefined {
  if (date === null) return undefined;
  return intervalNumber(Date.parse(`${date}T00:00:00Z`) / 1000);
}

export async function issueCertificate(ctx: ServerContext, token: TokenClaims, ekeyhmac: string): Promise<string> {
  const now = ctx.clock.now();
  const claims: Record<string, unknown> = {
    reportType: token.testType,
    tekmac: ekeyhmac,
    trisk: [],
  };
  const onset = dateToInterval(token.symptomDate);
  if (onset !== undefined) claims.symptomOnsetInterval = onset;
  const tested = dateToInterval(token.testDate);
  if (tested !== undefined) claims.testDateInterval = tested;
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'ES256', typ: 'JWT', kid: CERTIFICATE_KEY_ID })
    .setIssuer(ctx.config.certificateIssuer)
    .setAudience(ctx.config.certificateAudience)
    .setJti(randomUUID())
    .setIssuedAt(Math.floor(now / 1000))
    .setExpirationTime(Math.floor((now + CERTIFICATE_TTL_MS) / 1000))
    .sign((await certificateKeys(ctx)).privateKey);
}

/** The claims publish uses, checked for type; the signature was verified by the caller. */
export function parseCertificateClaims(payload: Record<string, unknown>): CertificateClaims {
  const { jti, exp, reportType, symptomOnsetInterval, testDateInterval, tekmac } = payload;
  const optionalInt = (v: unknown) => v === undefined || (typeof v === 'number' && Number.isInteger(v) && v >= 0);
  if (
    typeof jti !== 'string' ||
    typeof exp !== 'number' ||
    typeof tekmac !== 'string' ||
    !TEST_TYPES.includes(reportType as TestType) ||
    !optionalInt(symptomOnsetInterval) ||
    !optionalInt(testDateInterval)
  ) {
    throw new ServerError('certificate_invalid', 401, 'the certificate is missing required claims');
  }
  return {
    jti,
    expiresAt: exp,
    reportType: reportType as TestType,
    symptomOnsetInterval: symptomOnsetInterval as number | undefined,
    testDateInterval: testDateInterval as number | undefined,
    tekmac,
  };
}
