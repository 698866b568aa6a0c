/**
 * Revision tokens: returned by publish, presented with a later publish of the same keys to
 * upgrade them (likely → confirmed) or revoke them (negative test). Encrypted (JWE, dir +
 * A256GCM under a server secret) so the phone holds an opaque blob that names its own keys,
 * as google/exposure-notifications-server's revision tokens do.
 */
import { EncryptJWT, jwtDecrypt } from 'jose';
import type { ServerContext } from '../feature';
import { ServerError } from '../http/server-error';
import './publish-errors';

/** As long as any key it names can still be in the database. */
export const REVISION_TOKEN_TTL_MS = 15 * 86_400_000;

function revisionKey(ctx: ServerContext): Promise<CryptoKey> {
  return ctx.secrets.cryptoKey('revision-token-a256gcm', 'AES-GCM', ['encrypt', 'decrypt']);
}

export async function createRevisionToken(ctx: ServerContext, keys: readonly string[]): Promise<string> {
  const now = ctx.clock.now();
  return new EncryptJWT({ keys: [...keys].sort() })
    .setProtectedHeader({ alg: 'dir', enc: 'A256GCM' })
    .setIssuedAt(Math.floor(now / 1000))
    .setExpirationTime(Math.floor((now + REVISION_TOKEN_TTL_MS) / 1000))
    .encrypt(await revisionKey(ctx));
}

/** The base64 keys the token covers; an invalid or expired token is a 400. */
export async function openRevisionToken(ctx: ServerContext, token: string): Promise<Set<string>> {
  try {
    const { payload } = await jwtDecrypt(token, await revisionKey(ctx), {
      currentDate: new Date(ctx.clock.now()),
      keyManagementAlgorithms: ['dir'],
      contentEncryptionAlgorithms: ['A256GCM'],
    });
    const keys = payload.keys;
    if (!Array.isArray(keys) || !keys.every((k) => typeof k === 'string')) throw new Error('no keys');
    return new Set(keys as string[]);
  } catch {
    throw new ServerError('invalid_revision_token', 400, 'the revision token is not valid');
  }
}
