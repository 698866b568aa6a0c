/**
 * Revision tokens: returned by publish, presented with a later publish of the same keys to
 * upgrade them (likely → confirmed) or revoke them (negative test). Encrypted (JWE, dir +
 * A256GCM under a server secret) so the phone holds an opaque blob that names its own keys,
 * as google/exposure-notifications-server's revision tokens do.
 *
 * The compact JWE (RFC 7516 §7.1, alg "dir" RFC 7518 §4.5, enc "A256GCM" §5.3) is built and
 * opened with node:crypto's synchronous AES-GCM: on the publish path WebCrypto's promise
 * round trip cost more than the cipher (measured ~0.05 ms per publish). Tokens are the same
 * bytes jose's EncryptJWT made before, so tokens issued earlier still open.
 */
import { createCipheriv, createDecipheriv, createSecretKey, type KeyObject, randomBytes } from 'node:crypto';
import type { ServerContext } from '../feature';
import { ServerError } from '../http/server-error';
import type { ServerSecrets } from '../secrets/server-secrets';
import './publish-errors';

/** As long as any key it names can still be in the database. */
export const REVISION_TOKEN_TTL_MS = 15 * 86_400_000;

/** The protected header, base64url; also the GCM additional data (RFC 7516 §5.1 step 14). */
const PROTECTED_HEADER = Buffer.from(JSON.stringify({ alg: 'dir', enc: 'A256GCM' })).toString('base64url');
const AAD = Buffer.from(PROTECTED_HEADER, 'ascii');
const IV_BYTES = 12;
const TAG_BYTES = 16;
const BASE64URL = /^[A-Za-z0-9_-]*$/;

const keys = new WeakMap<ServerSecrets, Promise<KeyObject>>();

function revisionKey(ctx: ServerContext): Promise<KeyObject> {
  let key = keys.get(ctx.secrets);
  if (!key) {
    key = ctx.secrets
      .get('revision-token-a256gcm', () => randomBytes(32).toString('base64'))
      .then((secret) => createSecretKey(Buffer.from(secret, 'base64')));
    keys.set(ctx.secrets, key);
    // Not a failure for good: a lookup that failed (the database unreachable) is retried next time.
    key.catch(() => keys.delete(ctx.secrets));
  }
  return key;
}

export async function createRevisionToken(ctx: ServerContext, tokenKeys: readonly string[]): Promise<string> {
  const key = await revisionKey(ctx);
  const now = ctx.clock.now();
  const claims = {
    keys: [...tokenKeys].sort(),
    iat: Math.floor(now / 1000),
    exp: Math.floor((now + REVISION_TOKEN_TTL_MS) / 1000),
  };
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv).setAAD(AAD);
  const ciphertext = Buffer.concat([cipher.update(JSON.stringify(claims), 'utf8'), cipher.final()]);
  const tag = cipher.getAuthTag();
  return `${PROTECTED_HEADER}..${iv.toString('base64url')}.${ciphertext.toString('base64url')}.${tag.toString('base64url')}`;
}

/** The base64 keys the token covers; an invalid or expired token is a 400. */
export async function openRevisionToken(ctx: ServerContext, token: string): Promise<Set<string>> {
  const key = await revisionKey(ctx);
  const claims = decrypt(key, token);
  const now = Math.floor(ctx.clock.now() / 1000);
  const tokenKeys = claims?.keys;
  if (
    !claims ||
    typeof claims.exp !== 'number' ||
    claims.exp <= now ||
    (claims.nbf !== undefined && (typeof claims.nbf !== 'number' || claims.nbf > now)) ||
    !Array.isArray(tokenKeys) ||
    !tokenKeys.every((k) => typeof k === 'string')
  ) {
    throw new ServerError('invalid_revision_token', 400, 'the revision token is not valid');
  }
  return new Set(tokenKeys as string[]);
}

/** The token's claims, or undefined if it is not a dir/A256GCM JWE under `key` carrying a JSON object. */
function decrypt(key: KeyObject, token: string): Record<string, unknown> | undefined {
  const parts = token.split('.');
  if (parts.length !== 5 || !parts.every((p) => BASE64URL.test(p))) return undefined;
  const [header, encryptedKey, iv, ciphertext, tag] = parts as [string, string, string, string, string];
  // Any other header (another alg or enc, zip, crit) is not one we issue.
  if (header !== PROTECTED_HEADER || encryptedKey !== '') return undefined;
  const ivBytes = Buffer.from(iv, 'base64url');
  const tagBytes = Buffer.from(tag, 'base64url');
  if (ivBytes.length !== IV_BYTES || tagBytes.length !== TAG_BYTES) return undefined;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, ivBytes).setAAD(AAD).setAuthTag(tagBytes);
    const plaintext = Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]);
    const claims: unknown = JSON.parse(plaintext.toString('utf8'));
    return typeof claims === 'object' && claims !== null && !Array.isArray(claims)
      ? (claims as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
