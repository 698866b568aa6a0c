/**
 * The token `/api/verify` returns: an HS256 JWT under a server secret, valid 24 hours,
 * redeemable once for a certificate. Its `jti` is recorded so a replay is refused.
 */
import { randomUUID } from 'node:crypto';
import { errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import type { Kysely } from 'kysely';
import type { ServerTables } from '../database/tables';
import type { ServerContext } from '../feature';
import { ServerError } from '../http/server-error';
import './verification-errors';
import { TEST_TYPES, type TestType } from '../certificates/test-type';
import type { ClaimedCode } from './verification-code';

export const TOKEN_TTL_MS = 24 * 3600_000;
const TOKEN_AUDIENCE = 'bluezone-certificate';

export interface TokenClaims {
  jti: string;
  testType: TestType;
  symptomDate: string | null;
  testDate: string | null;
}

function tokenKey(ctx: ServerContext): Promise<CryptoKey> {
  return ctx.secrets.cryptoKey('verification-token-hs256', { name: 'HMAC', hash: 'SHA-256' }, ['sign', 'verify']);
}

/**
 * Signs tokens for claimed codes: the server's secret is read once, before any transaction, so
 * the returned function can record a token's row in the claim's transaction (`claimCode`'s
 * `alongside`) touching the database only through `db`.
 */
export async function tokenIssuer(
  ctx: ServerContext,
): Promise<(code: ClaimedCode, db: Kysely<ServerTables>) => Promise<string>> {
  const key = await tokenKey(ctx);
  return async (code, db) => {
    const now = ctx.clock.now();
    const jti = randomUUID();
    const expiresAt = now + TOKEN_TTL_MS;
    await db.insertInto('token').values({ jti, code_uuid: code.uuid, expires_at: expiresAt, used_at: null }).execute();
    return new SignJWT({ tt: code.testType, sd: code.symptomDate, td: code.testDate })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setIssuer(ctx.config.certificateIssuer)
      .setAudience(TOKEN_AUDIENCE)
      .setJti(jti)
      .setIssuedAt(Math.floor(now / 1000))
      .setExpirationTime(Math.floor(expiresAt / 1000))
      .sign(key);
  };
}

/** Checks signature, audience and expiry, then marks the token used (once). */
export async function redeemToken(ctx: ServerContext, token: string): Promise<TokenClaims> {
  let payload: Record<string, unknown>;
  try {
    ({ payload } = await jwtVerify(token, await tokenKey(ctx), {
      algorithms: ['HS256'],
      issuer: ctx.config.certificateIssuer,
      audience: TOKEN_AUDIENCE,
      currentDate: new Date(ctx.clock.now()),
      clockTolerance: 0,
    }));
  } catch (err) {
    if (err instanceof joseErrors.JWTExpired) throw new ServerError('token_expired', 400, 'the token has expired');
    throw new ServerError('token_invalid', 400, 'the token is not valid');
  }
  const { jti, tt, sd, td } = payload;
  if (typeof jti !== 'string' || !TEST_TYPES.includes(tt as TestType)) {
    throw new ServerError('token_invalid', 400, 'the token is not valid');
  }
  const updated = await ctx.database.db
    .updateTable('token')
    .set({ used_at: ctx.clock.now() })
    .where('jti', '=', jti)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1) throw new ServerError('token_used', 400, 'the token has already been used');
  return {
    jti,
    testType: tt as TestType,
    symptomDate: typeof sd === 'string' ? sd : null,
    testDate: typeof td === 'string' ? td : null,
  };
}
