/**
 * The health console's records of issued codes (issued-codes-tables.ts) with their status read
 * from verification_code: revoked by staff, used by a phone, expired, or still issued. A record
 * whose code row was already purged counts as expired.
 */
import type { keyServerApi } from '@bluezone/protocol/api';
import type { IssuedCodeDb, IssuedCodeRecordTable } from './issued-codes-tables';

export interface IssuedCodeFilter {
  realm: string;
  /** Exactly these codes (by uuid: the HMAC lookup is the caller's). */
  uuids?: readonly string[];
  /** The phone number ends with these digits. */
  phoneSuffix?: string;
  status?: keyServerApi.IssuedCodeStatus;
  limit: number;
  now: number;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(Number(ms)).toISOString());

export async function insertIssuedCodeRecord(db: IssuedCodeDb, row: IssuedCodeRecordTable): Promise<void> {
  await db.insertInto('issued_code_record').values(row).execute();
}

export async function listIssuedCodeRecords(db: IssuedCodeDb, f: IssuedCodeFilter): Promise<keyServerApi.IssuedCode[]> {
  let query = db
    .selectFrom('issued_code_record as r')
    .leftJoin('verification_code as v', 'v.uuid', 'r.uuid')
    .select([
      'r.uuid',
      'r.issued_by',
      'r.phone_last3',
      'r.issued_at',
      'r.revoked_at',
      'r.revoked_by',
      'v.test_type',
      'v.long_expires_at',
      'v.claimed_at',
    ])
    .where('r.realm', '=', f.realm);
  if (f.uuids) query = query.where('r.uuid', 'in', f.uuids.length > 0 ? [...f.uuids] : ['']);
  if (f.phoneSuffix) query = query.where('r.phone_last3', 'like', `%${f.phoneSuffix}`);
  if (f.status === 'revoked') query = query.where('r.revoked_at', 'is not', null);
  if (f.status === 'used') query = query.where('r.revoked_at', 'is', null).where('v.claimed_at', 'is not', null);
  if (f.status === 'issued') {
    query = query
      .where('r.revoked_at', 'is', null)
      .where('v.claimed_at', 'is', null)
      .where('v.long_expires_at', '>', f.now);
  }
  if (f.status === 'expired') {
    query = query
      .where('r.revoked_at', 'is', null)
      .where((eb) =>
        eb.or([
          eb('v.uuid', 'is', null),
          eb.and([eb('v.claimed_at', 'is', null), eb('v.long_expires_at', '<=', f.now)]),
        ]),
      );
  }
  const rows = await query.orderBy('r.issued_at', 'desc').orderBy('r.uuid').limit(f.limit).execute();
  return rows.map((r) => {
    const claimedAt = r.claimed_at === null ? null : Number(r.claimed_at);
    const expiresAt = r.long_expires_at === null ? Number(r.issued_at) : Number(r.long_expires_at);
    const status: keyServerApi.IssuedCodeStatus =
      r.revoked_at !== null ? 'revoked' : claimedAt !== null ? 'used' : expiresAt > f.now ? 'issued' : 'expired';
    return {
      uuid: r.uuid,
      testType: r.test_type ?? 'confirmed',
      issuedAt: new Date(Number(r.issued_at)).toISOString(),
      issuedBy: r.issued_by,
      phoneLast3: r.phone_last3,
      status,
      expiresAt: new Date(expiresAt).toISOString(),
      usedAt: iso(claimedAt),
      revokedAt: iso(r.revoked_at === null ? null : Number(r.revoked_at)),
      revokedBy: r.revoked_by,
    };
  });
}

/** Marks a record revoked (once); false when there is no such record in the realm or it already was. */
export async function markIssuedCodeRevoked(
  db: IssuedCodeDb,
  realm: string,
  uuid: string,
  by: string,
  at: number,
): Promise<boolean> {
  const res = await db
    .updateTable('issued_code_record')
    .set({ revoked_at: at, revoked_by: by })
    .where('uuid', '=', uuid)
    .where('realm', '=', realm)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}

/** Deletes records issued before `before` (ISSUED_CODES_RETENTION_DAYS). */
export async function purgeIssuedCodeRecords(db: IssuedCodeDb, before: number): Promise<number> {
  const res = await db.deleteFrom('issued_code_record').where('issued_at', '<', before).executeTakeFirst();
  return Number(res.numDeletedRows);
}
