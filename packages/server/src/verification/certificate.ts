/**
 * Verification certificates: ES256 JWTs (15 minutes, audience the key server) that carry the
 * report type, the symptom-onset interval and `tekmac`, the HMAC of the keys the phone will
 * upload (google/exposure-notifications-verification-server docs/api.md, "certificate").
 * The key server checks them in publish (authorities/authority-certificate.ts) against the
 * health authority the app names; this server's own keys are registered as one.
 *
 * Signing keys rotate the way the verification server's realm keys do: a new key is created
 * and published first, becomes the signing key once every verifier has seen it, and the old
 * one stays valid only as long as certificates it signed can still be used. All of it is
 * database state (health_authority_key rows + sealed `server_secret` private keys), so N
 * processes on one database agree; each caches its choice for CERTIFICATE_KEY_CACHE_MS.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, randomUUID } from 'node:crypto';
import { intervalNumber } from '@bluezone/protocol';
import { importPKCS8, importSPKI, SignJWT } from 'jose';
import {
  addAuthorityKey,
  findAuthority,
  type HealthAuthorityKey,
  keyValidAt,
} from '../authorities/authorities-repository';
import { AUTHORITY_CACHE_MS } from '../authorities/authority-cache';
import { endOwnAuthorityKeys, nextOwnKid, registerOwnAuthority } from '../authorities/own-authority';
import type { ServerContext } from '../feature';
import { ServerError } from '../http/server-error';
import type { TokenClaims } from './verification-token';

export const CERTIFICATE_TTL_MS = 15 * 60_000;
/** `kid` of the first certificate key, created at a deployment's first start. */
export const CERTIFICATE_KEY_ID = 'v1';
/**
 * A rotated-in key signs only after this long: every process's authority cache
 * (AUTHORITY_CACHE_MS) has reloaded by then, so no verifier refuses its certificates.
 */
export const CERTIFICATE_KEY_ACTIVATION_MS = AUTHORITY_CACHE_MS;
/** How long a process keeps its choice of signing key before asking the database again. */
export const CERTIFICATE_KEY_CACHE_MS = 10_000;
/** Allowance for clocks of signing and verifying processes that disagree. */
export const CERTIFICATE_CLOCK_SKEW_MS = 60_000;
/**
 * How long the previous key stays valid after a rotation: it may sign until the new key is
 * active and every process has noticed, and its last certificate lives CERTIFICATE_TTL_MS.
 */
export const CERTIFICATE_KEY_OVERLAP_MS =
  CERTIFICATE_KEY_ACTIVATION_MS + CERTIFICATE_KEY_CACHE_MS + CERTIFICATE_TTL_MS + CERTIFICATE_CLOCK_SKEW_MS;

declare module '../http/server-error' {
  interface ServerErrorCodes {
    certificate_key_unavailable: true;
  }
}

interface CertificateKeys {
  kid: string;
  /** WebCrypto keys: jose would otherwise convert a KeyObject on every sign/verify. */
  privateKey: CryptoKey;
  publicKey: CryptoKey;
}

export interface RotatedCertificateKey {
  kid: string;
  publicKeyPem: string;
  /** When it starts signing (every verifier has seen it by then). */
  signsFrom: number;
  /** The kids of the keys it replaces, and their new end of validity. */
  previousKids: string[];
  previousValidThru: number;
}

/** `server_secret` name of our private key `kid`; v1 keeps the name it always had. */
function secretName(kid: string): string {
  return kid === CERTIFICATE_KEY_ID ? 'certificate-es256' : `certificate-es256-${kid}`;
}

function newPrivateKeyPem(): string {
  return generateKeyPairSync('ec', { namedCurve: 'P-256' })
    .privateKey.export({ type: 'pkcs8', format: 'pem' })
    .toString();
}

function publicKeyPemOf(privatePem: string): string {
  return createPublicKey(createPrivateKey(privatePem)).export({ type: 'spki', format: 'pem' }).toString();
}

const firstKeyRegistered = new WeakMap<ServerContext, Promise<void>>();

/**
 * Creates and registers v1 on a deployment's first start (once per process). It does not
 * choose a signing key, so it works when every key is revoked (`bluezone authority …`).
 */
export function ensureFirstCertificateKey(ctx: ServerContext): Promise<void> {
  let done = firstKeyRegistered.get(ctx);
  if (!done) {
    done = ctx.secrets
      .get(secretName(CERTIFICATE_KEY_ID), newPrivateKeyPem)
      .then((pem) =>
        registerOwnAuthority(ctx.database, ctx.config, CERTIFICATE_KEY_ID, publicKeyPemOf(pem), ctx.clock.now()),
      );
    firstKeyRegistered.set(ctx, done);
    // A failure (database down) is retried by the next caller instead of cached.
    done.catch(() => firstKeyRegistered.delete(ctx));
  }
  return done;
}

/** Our own authority's keys that have a private key here, each with its sealed private PEM. */
async function ownSigningKeys(ctx: ServerContext): Promise<Array<HealthAuthorityKey & { sealed: string }>> {
  const authority = await findAuthority(ctx.database, ctx.config.healthAuthorityId);
  if (!authority || authority.keys.length === 0) return [];
  const rows = await ctx.database.db
    .selectFrom('server_secret')
    .select(['name', 'value'])
    .where(
      'name',
      'in',
      authority.keys.map((k) => secretName(k.kid)),
    )
    .execute();
  const sealed = new Map(rows.map((r) => [r.name, r.value]));
  return authority.keys.flatMap((k) => {
    const value = sealed.get(secretName(k.kid));
    return value === undefined ? [] : [{ ...k, sealed: value }];
  });
}

const importedKeys = new WeakMap<ServerContext, Map<string, Promise<CertificateKeys | undefined>>>();

/** The WebCrypto pair of key `kid` (immutable, so cached for good); undefined if the row does not match the secret. */
function importKey(
  ctx: ServerContext,
  key: HealthAuthorityKey & { sealed: string },
): Promise<CertificateKeys | undefined> {
  let perKid = importedKeys.get(ctx);
  if (!perKid) {
    perKid = new Map();
    importedKeys.set(ctx, perKid);
  }
  let imported = perKid.get(key.kid);
  if (!imported) {
    const pem = ctx.secretBox.open(key.sealed);
    const spki = publicKeyPemOf(pem);
    if (spki !== key.publicKeyPem) {
      // A key added by hand under one of our kids: not ours to sign with.
      ctx.logger.error('certificate key does not match its registered public key', { kid: key.kid });
      imported = Promise.resolve(undefined);
    } else {
      imported = Promise.all([importPKCS8(pem, 'ES256'), importSPKI(spki, 'ES256')]).then(
        ([privateKey, publicKey]) => ({ kid: key.kid, privateKey, publicKey }),
      );
      imported.catch(() => perKid?.delete(key.kid));
    }
    perKid.set(key.kid, imported);
  }
  return imported;
}

/**
 * Which key signs now: the newest of ours valid now that has been registered for
 * CERTIFICATE_KEY_ACTIVATION_MS; if none has (a fresh deployment, or every older key
 * revoked), the one registered longest ago at once rather than no certificates at all.
 */
async function chooseSigningKey(ctx: ServerContext): Promise<CertificateKeys> {
  await ensureFirstCertificateKey(ctx);
  // Read after registering v1, which is valid from the moment it was registered.
  const now = ctx.clock.now();
  const valid = (await ownSigningKeys(ctx)).filter((k) => keyValidAt(k, now)).sort((a, b) => a.version - b.version);
  const active = valid.filter((k) => k.validFrom + CERTIFICATE_KEY_ACTIVATION_MS <= now).reverse();
  for (const key of [...active, ...valid]) {
    const imported = await importKey(ctx, key);
    if (imported) return imported;
  }
  throw new ServerError(
    'certificate_key_unavailable',
    503,
    'no certificate signing key is valid (revoked?); run `bluezone certificate-key rotate`',
  );
}

const chosenKeys = new WeakMap<ServerContext, { at: number; keys: Promise<CertificateKeys> }>();

/**
 * The key pair certificates are signed with now, chosen from the database at most
 * CERTIFICATE_KEY_CACHE_MS ago; on first use it also registers v1 (see ensureFirstCertificateKey).
 */
export function certificateKeys(ctx: ServerContext): Promise<CertificateKeys> {
  const now = ctx.clock.now();
  const hit = chosenKeys.get(ctx);
  if (hit && now >= hit.at && now - hit.at < CERTIFICATE_KEY_CACHE_MS) return hit.keys;
  const keys = chooseSigningKey(ctx);
  chosenKeys.set(ctx, { at: now, keys });
  keys.catch(() => {
    if (chosenKeys.get(ctx)?.keys === keys) chosenKeys.delete(ctx);
  });
  return keys;
}

/**
 * Adds our next certificate key (v2, v3, …): its private half sealed in `server_secret`, its
 * public half registered for our own authority from now. It signs from now +
 * CERTIFICATE_KEY_ACTIVATION_MS; our older keys stay valid CERTIFICATE_KEY_OVERLAP_MS, so
 * certificates they signed just before still publish and nothing older does.
 */
export async function rotateCertificateKey(ctx: ServerContext): Promise<RotatedCertificateKey> {
  await ensureFirstCertificateKey(ctx);
  const now = ctx.clock.now();
  const authority = await findAuthority(ctx.database, ctx.config.healthAuthorityId);
  const previousKids = (await ownSigningKeys(ctx)).map((k) => k.kid);
  const kid = nextOwnKid(authority?.keys ?? []);
  // Insert-if-absent: a rotation that crashed after this line is finished by the next one.
  const publicKeyPem = publicKeyPemOf(await ctx.secrets.get(secretName(kid), newPrivateKeyPem));
  await addAuthorityKey(ctx.database, now, {
    authorityId: ctx.config.healthAuthorityId,
    kid,
    publicKeyPem,
    validFrom: now,
  });
  const previousValidThru = now + CERTIFICATE_KEY_OVERLAP_MS;
  await endOwnAuthorityKeys(ctx.database, ctx.config, previousKids, previousValidThru);
  chosenKeys.delete(ctx);
  return { kid, publicKeyPem, signsFrom: now + CERTIFICATE_KEY_ACTIVATION_MS, previousKids, previousValidThru };
}

/** `YYYY-MM-DD` → the ENIN at 00:00 UTC of that day. */
export function dateToInterval(date: string | null): number | undefined {
  if (date === null) return undefined;
  return intervalNumber(Date.parse(`${date}T00:00:00Z`) / 1000);
}

/** Signs a certificate for a redeemed token with `keys` (from `certificateKeys`, chosen before redeeming). */
export async function issueCertificate(
  ctx: ServerContext,
  keys: CertificateKeys,
  token: TokenClaims,
  ekeyhmac: string,
): Promise<string> {
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
    .setProtectedHeader({ alg: 'ES256', typ: 'JWT', kid: keys.kid })
    .setIssuer(ctx.config.certificateIssuer)
    .setAudience(ctx.config.certificateAudience)
    .setJti(randomUUID())
    .setIssuedAt(Math.floor(now / 1000))
    .setExpirationTime(Math.floor((now + CERTIFICATE_TTL_MS) / 1000))
    .sign(keys.privateKey);
}
