/**
 * BlobStore in the database (EXPORT_STORE=database, the default on PostgreSQL): export files are
 * rows of the `blob` table, so every server process on every machine of a deployment serves the
 * same files from /exports/… — a local folder is seen by one machine only. A day's exports are a
 * few megabytes (a zip of 100,000 keys is ~3 MB); keys older than the retention are deleted with
 * their files, so the table stays small. At country scale a CDN in front of /exports takes the
 * downloads (zips are immutable, index.txt cacheable for a minute), and the database serves the
 * CDN's misses only.
 *
 * `put` is one upsert, atomic: a reader sees the old bytes or the new ones.
 */
import { sql } from 'kysely';
import type { Clock } from '../clock';
import type { Database } from '../database/database';
import { assertBlobPath, type BlobStore } from './blob-store';

export class DatabaseBlobStore implements BlobStore {
  constructor(
    private readonly database: Database,
    private readonly clock: Clock,
  ) {}

  async put(path: string, bytes: Uint8Array, contentType: string): Promise<void> {
    assertBlobPath(path);
    const row = { path, content_type: contentType, bytes, updated_at: this.clock.now() };
    await this.database.db
      .insertInto('blob')
      .values(row)
      .onConflict((oc) =>
        oc.column('path').doUpdateSet({ content_type: contentType, bytes, updated_at: row.updated_at }),
      )
      .execute();
  }

  async putNew(path: string, bytes: Uint8Array, contentType: string): Promise<boolean> {
    assertBlobPath(path);
    const inserted = await this.database.db
      .insertInto('blob')
      .values({ path, content_type: contentType, bytes, updated_at: this.clock.now() })
      .onConflict((oc) => oc.column('path').doNothing())
      .executeTakeFirst();
    return Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1;
  }

  async get(path: string): Promise<Uint8Array | undefined> {
    assertBlobPath(path);
    const row = await this.database.db.selectFrom('blob').select('bytes').where('path', '=', path).executeTakeFirst();
    return row ? new Uint8Array(row.bytes.buffer, row.bytes.byteOffset, row.bytes.byteLength) : undefined;
  }

  async delete(path: string): Promise<void> {
    assertBlobPath(path);
    await this.database.db.deleteFrom('blob').where('path', '=', path).execute();
  }

  async list(prefix: string): Promise<string[]> {
    if (prefix !== '') assertBlobPath(prefix);
    let query = this.database.db.selectFrom('blob').select('path');
    // substr, not LIKE (`_` in a path would be a wildcard) nor a range (its order is the
    // database's collation, not the bytes').
    const under = `${prefix}/`;
    if (prefix !== '') query = query.where(sql<string>`substr(path, 1, ${under.length})`, '=', under);
    return (await query.execute()).map((r) => r.path).sort();
  }
}
