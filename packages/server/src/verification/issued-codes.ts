/**
 * The health console's memory of the codes it issued, so the next shift sees them: who issued a
 * code, the last 3 digits of the phone it was texted to (enough to find it when the resident
 * calls back; the number itself is the SMS outbox's, which forgets it once sent), its status, and
 * revocation. Found again by the code itself (its HMAC, as verification stores it) or by those
 * digits; deleted ISSUED_CODES_RETENTION_DAYS after issue.
 */
import type { keyServerApi } from '@bluezone/protocol/api';
import type { Context } from 'hono';
import type { ServerContext } from '../feature';
import type { AppEnv } from '../http/app-env';
import { userOf } from '../http/request-principal';
import { ServerError } from '../http/server-error';
import {
  insertIssuedCodeRecord,
  listIssuedCodeRecords,
  markIssuedCodeRevoked,
  purgeIssuedCodeRecords,
} from './issued-codes-repository';
import { issuedCodeDb } from './issued-codes-tables';
import { expireCode, findCodeUuid } from './verification-code';

const DAY_MS = 86_400_000;
export const DEFAULT_LIST_LIMIT = 50;

/** Who is acting on this request, as the list shows it: the user's name, or the API key. */
export function actorOf(c: Context<AppEnv>): { userId: number | null; label: string } {
  const user = userOf(c);
  if (user) return { userId: user.userId, label: user.displayName };
  return { userId: null, label: `API key #${c.get('apiKey').id}` };
}

/** Called by /api/issue once a code exists (and its SMS is queued). */
export async function recordIssuedCode(
  ctx: ServerContext,
  c: Context<AppEnv>,
  issued: { uuid: string; realm: string; phone: string | undefined },
): Promise<void> {
  const actor = actorOf(c);
  await insertIssuedCodeRecord(issuedCodeDb(ctx.database), {
    uuid: issued.uuid,
    realm: issued.realm,
    issued_by_user: actor.userId,
    issued_by: actor.label,
    phone_last3: issued.phone ? issued.phone.replace(/\D/g, '').slice(-3) : null,
    issued_at: ctx.clock.now(),
    revoked_at: null,
    revoked_by: null,
  });
}

/** What staff typed into the search box: a short or long code, or the phone's last digits. */
export type IssuedCodeQuery = { code: string } | { phoneSuffix: string } | undefined;

export function parseIssuedCodeQuery(q: string | undefined): IssuedCodeQuery {
  const typed = (q ?? '').replace(/[\s-]/g, '');
  if (typed === '') return undefined;
  if (/^\d{1,3}$/.test(typed)) return { phoneSuffix: typed };
  if (/^\d{8}$/.test(typed) || /^[a-z0-9]{16}$/i.test(typed)) return { code: typed.toLowerCase() };
  throw new ServerError('invalid_request', 400, 'q must be a code (8 digits or 16 characters) or 1-3 phone digits', {
    field: 'q',
  });
}

export async function listIssuedCodes(
  ctx: ServerContext,
  realm: string,
  query: IssuedCodeQuery,
  status: keyServerApi.IssuedCodeStatus | undefined,
  limit: number,
): Promise<keyServerApi.IssuedCode[]> {
  const uuid = query && 'code' in query ? await findCodeUuid(ctx, realm, query.code) : undefined;
  return listIssuedCodeRecords(issuedCodeDb(ctx.database), {
    realm,
    now: ctx.clock.now(),
    limit,
    ...(query && 'code' in query ? { uuids: uuid ? [uuid] : [] } : {}),
    ...(query && 'phoneSuffix' in query ? { phoneSuffix: query.phoneSuffix } : {}),
    ...(status ? { status } : {}),
  });
}

export async function revokeIssuedCode(
  ctx: ServerContext,
  c: Context<AppEnv>,
  realm: string,
  uuid: string,
): Promise<keyServerApi.IssuedCode> {
  const db = issuedCodeDb(ctx.database);
  const [record] = await listIssuedCodeRecords(db, { realm, uuids: [uuid], limit: 1, now: ctx.clock.now() });
  if (!record) throw new ServerError('code_not_found', 404, 'no issued code with this uuid');
  if (record.status === 'used') throw new ServerError('code_already_used', 409, 'a phone has already used this code');
  if (record.status !== 'revoked') {
    // Both codes stop working now (a code row already purged has nothing left to expire).
    await expireCode(ctx, realm, uuid).catch((err) => {
      if (!(err instanceof ServerError && err.code === 'code_not_found')) throw err;
    });
    await markIssuedCodeRevoked(db, realm, uuid, actorOf(c).label, ctx.clock.now());
  }
  const [revoked] = await listIssuedCodeRecords(db, { realm, uuids: [uuid], limit: 1, now: ctx.clock.now() });
  return revoked as keyServerApi.IssuedCode;
}

export async function purgeIssuedCodes(ctx: ServerContext): Promise<number> {
  const before = ctx.clock.now() - ctx.config.issuedCodesRetentionDays * DAY_MS;
  return purgeIssuedCodeRecords(issuedCodeDb(ctx.database), before);
}
