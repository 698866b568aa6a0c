/**
 * A named lease in the database: at most one holder at a time until it expires. The export
 * worker takes one so that N server processes on one PostgreSQL do not export the same window
 * twice (google/exposure-notifications-server does the same with its `Lock` table).
 */
import type { Database } from './database';

export async function tryAcquireLease(
  database: Database,
  name: string,
  holder: string,
  now: number,
  ttlMs: number,
): Promise<boolean> {
  const { db } = database;
  const expires = now + ttlMs;
  // One atomic statement on both dialects: take a free or expired lease, or renew our own.
  await db
    .insertInto('lease')
    .values({ name, holder, expires_at: expires })
    .onConflict((oc) =>
      oc
        .column('name')
        .doUpdateSet({ holder, expires_at: expires })
        .where((eb) => eb.or([eb('lease.expires_at', '<=', now), eb('lease.holder', '=', holder)])),
    )
    .execute();
  const row = await db.selectFrom('lease').select(['holder', 'expires_at']).where('name', '=', name).executeTakeFirst();
  return row?.holder === holder && row.expires_at === expires;
}

export async function releaseLease(database: Database, name: string, holder: string): Promise<void> {
  await database.db.deleteFrom('lease').where('name', '=', name).where('holder', '=', holder).execute();
}
