/** Schema of published keys and the per-publish log statistics read. */
import { fromBase64, toBase64 } from '@bluezone/protocol';
import { type Kysely, sql } from 'kysely';
import type { MigrationSet } from '../database/migration';
import { columnTypes, withIdColumn } from '../database/migration';

/** 0001's partial indexes for the export worker's two scans (0002 drops them, its down makes them again). */
// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists
async function createUnexportedIndexes(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('exposure_unexported')
    .on('exposure')
    .columns(['region', 'publishable_at'])
    .where(sql.ref('export_batch_id'), 'is', null)
    .execute();
  await db.schema
    .createIndex('exposure_unexported_revision')
    .on('exposure')
    .columns(['region', 'revised_at'])
    .where(sql<boolean>`revised_export_batch_id is null and revised_at is not null`)
    .execute();
}

/** 0002's plain indexes for the time-bounded scans (0004 drops them, its down makes them again). */
// biome-ignore lint/suspicious/noExplicitAny: as above
async function createTimeScanIndexes(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('exposure_region_publishable')
    .on('exposure')
    .columns(['region', 'publishable_at'])
    .execute();
  await db.schema.createIndex('exposure_region_revised').on('exposure').columns(['region', 'revised_at']).execute();
}

/**
 * The revision trigger's statement on both dialects (PostgreSQL runs it in a trigger function,
 * SQLite in the trigger itself): a revised key is queued, or its queued revision moved to the
 * new time. The database stores the trigger's text as written, so its spacing stays as it was.
 */
const ENQUEUE_REVISION = sql`insert into export_queue (exposure_id, kind, region, due_at)
              values (new.id, 1, new.region, new.revised_at)
              on conflict (exposure_id, kind) do update set due_at = excluded.due_at;`;

export const publishMigrations: MigrationSet = {
  '0001_create_exposure_and_publish_log': {
    async up(db, dialect) {
      const t = columnTypes(dialect);
      await withIdColumn(db.schema.createTable('exposure'), dialect)
        .addColumn('key', 'text', (c) => c.notNull().unique())
        .addColumn('region', 'text', (c) => c.notNull())
        .addColumn('transmission_risk', 'integer', (c) => c.notNull())
        .addColumn('rolling_start', t.bigint, (c) => c.notNull())
        .addColumn('rolling_period', 'integer', (c) => c.notNull())
        .addColumn('report_type', 'integer', (c) => c.notNull())
        .addColumn('days_since_onset', 'integer')
        .addColumn('traveler', 'integer', (c) => c.notNull())
        .addColumn('health_authority_id', 'text', (c) => c.notNull())
        .addColumn('created_at', t.bigint, (c) => c.notNull())
        .addColumn('publishable_at', t.bigint, (c) => c.notNull())
        .addColumn('export_batch_id', t.bigint)
        .addColumn('revised_report_type', 'integer')
        .addColumn('revised_days_since_onset', 'integer')
        .addColumn('revised_at', t.bigint)
        .addColumn('revised_export_batch_id', t.bigint)
        .execute();
      // The export worker's two scans: unexported keys, and unexported revisions.
      // Partial indexes: marking a key exported removes it from the index instead of moving it.
      await createUnexportedIndexes(db);
      await db.schema.createIndex('exposure_created_at').on('exposure').column('created_at').execute();
      await withIdColumn(db.schema.createTable('publish_log'), dialect)
        .addColumn('created_at', t.bigint, (c) => c.notNull())
        .addColumn('day', 'integer', (c) => c.notNull())
        .addColumn('key_count', 'integer', (c) => c.notNull())
        .addColumn('onset_to_upload_days', 'integer')
        .addColumn('revision', 'integer', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('publish_log_day').on('publish_log').column('day').execute();
    },
    async down(db) {
      await db.schema.dropTable('publish_log').execute();
      await db.schema.dropTable('exposure').execute();
    },
  },
  '0002_exposure_export_scan_without_marked_column': {
    // Marking a batch's keys exported updated a column that the partial indexes depend on,
    // so every marked row rewrote all its index entries (PostgreSQL: no HOT update). The
    // scans now use plain (region, time) indexes bounded below by the previous batch, and the
    // batch columns are in no index; on PostgreSQL free page space lets the update be HOT
    // (heap-only: no index touched). Rows are updated about once, so half of each page is kept
    // free: measured on 200,000 keys, 97% of updates were HOT at fillfactor 50, 25% at 80.
    async up(db, dialect) {
      await db.schema.dropIndex('exposure_unexported').execute();
      await db.schema.dropIndex('exposure_unexported_revision').execute();
      await createTimeScanIndexes(db);
      if (dialect === 'postgres') await sql`alter table exposure set (fillfactor = 50)`.execute(db);
    },
    async down(db, dialect) {
      if (dialect === 'postgres') await sql`alter table exposure reset (fillfactor)`.execute(db);
      await db.schema.dropIndex('exposure_region_revised').execute();
      await db.schema.dropIndex('exposure_region_publishable').execute();
      await createUnexportedIndexes(db);
    },
  },
  '0003_export_queue_filled_by_triggers': {
    // publish/export-queue.ts says why. PostgreSQL: a statement-level trigger reads the inserted
    // rows as a transition table, so a multi-row insert enqueues with one INSERT … SELECT.
    async up(db, dialect) {
      const t = columnTypes(dialect);
      await db.schema
        .createTable('export_queue')
        .addColumn('exposure_id', t.bigint, (c) => c.notNull().references('exposure.id').onDelete('cascade'))
        .addColumn('kind', 'integer', (c) => c.notNull())
        .addColumn('region', 'text', (c) => c.notNull())
        .addColumn('due_at', t.bigint, (c) => c.notNull())
        .addPrimaryKeyConstraint('export_queue_pk', ['exposure_id', 'kind'])
        // SQLite: rows live in the primary-key b-tree itself, one structure less to update per row.
        .$call((b) => (dialect === 'sqlite' ? b.modifyEnd(sql`without rowid`) : b))
        .execute();
      await db.schema
        .createIndex('export_queue_due')
        .on('export_queue')
        .columns(['region', 'kind', 'due_at'])
        .execute();
      if (dialect === 'postgres') {
        await sql`create function exposure_enqueue_keys() returns trigger language plpgsql as $$
          begin
            insert into export_queue (exposure_id, kind, region, due_at)
              select id, 0, region, publishable_at from inserted_exposure;
            return null;
          end $$`.execute(db);
        await sql`create trigger exposure_enqueue_keys after insert on exposure
          referencing new table as inserted_exposure
          for each statement execute function exposure_enqueue_keys()`.execute(db);
        await sql`create function exposure_enqueue_revision() returns trigger language plpgsql as $$
          begin
            ${ENQUEUE_REVISION}
            return null;
          end $$`.execute(db);
        await sql`create trigger exposure_enqueue_revision after update of revised_at on exposure
          for each row when (new.revised_at is not null and new.revised_at is distinct from old.revised_at)
          execute function exposure_enqueue_revision()`.execute(db);
      } else {
        await sql`create trigger exposure_enqueue_keys after insert on exposure
          begin
            insert into export_queue (exposure_id, kind, region, due_at)
              values (new.id, 0, new.region, new.publishable_at);
          end`.execute(db);
        await sql`create trigger exposure_enqueue_revision after update of revised_at on exposure
          when new.revised_at is not null and new.revised_at is not old.revised_at
          begin
            ${ENQUEUE_REVISION}
          end`.execute(db);
      }
      // What the time-bounded scans would still have exported.
      await sql`insert into export_queue (exposure_id, kind, region, due_at)
        select id, 0, region, publishable_at from exposure where export_batch_id is null`.execute(db);
      await sql`insert into export_queue (exposure_id, kind, region, due_at)
        select id, 1, region, revised_at from exposure
        where revised_at is not null and revised_export_batch_id is null`.execute(db);
    },
    async down(db, dialect) {
      await sql`drop trigger exposure_enqueue_revision${sql.raw(dialect === 'postgres' ? ' on exposure' : '')}`.execute(
        db,
      );
      await sql`drop trigger exposure_enqueue_keys${sql.raw(dialect === 'postgres' ? ' on exposure' : '')}`.execute(db);
      if (dialect === 'postgres') {
        await sql`drop function exposure_enqueue_revision()`.execute(db);
        await sql`drop function exposure_enqueue_keys()`.execute(db);
      }
      await db.schema.dropTable('export_queue').execute();
    },
  },
  '0004_drop_exposure_time_scan_indexes': {
    // Since 0003 the export worker finds its keys through export_queue, and nothing scans
    // exposure by (region, publishable_at) or (region, revised_at) any more. Each index cost
    // every published key one more b-tree insert (of the seven per key) in the publish path.
    async up(db) {
      await db.schema.dropIndex('exposure_region_revised').execute();
      await db.schema.dropIndex('exposure_region_publishable').execute();
    },
    async down(db) {
      await createTimeScanIndexes(db);
    },
  },
  '0005_canonical_exposure_keys': {
    // Publish once accepted any base64 spelling of a key: decoding ignores the last character's
    // 4 unused bits, so up to 16 texts name one 16-byte key, and the unique index on `key`
    // (text) let each spelling in as a key of its own, exported once per spelling. Publish now
    // accepts only the canonical text (zero unused bits). Here the stored ones become canonical:
    // of the rows holding one key, the row already spelt canonically is kept, or else the
    // earliest stored, rewritten canonically; the others are deleted, with their export queue
    // entries (foreign key, on delete cascade), so no later export lists the key again. Copies
    // already in published export files stay there until those files age out.
    async up(db) {
      // A 16-byte key is 24 characters, "==" last; the 22nd holds 2 bits of data and 4 unused,
      // so it is canonical exactly when it is A, Q, g or w.
      const rows = await sql<{ id: number; key: string }>`
        select id, key from exposure where substr(key, 22, 1) not in ('A', 'Q', 'g', 'w') order by id`.execute(db);
      for (const row of rows.rows) {
        let canonical: string;
        try {
          canonical = toBase64(fromBase64(row.key));
        } catch {
          continue; // not base64 at all: nothing publish ever stored; left for retention
        }
        const taken = await db.selectFrom('exposure').select('id').where('key', '=', canonical).executeTakeFirst();
        if (taken) await db.deleteFrom('exposure').where('id', '=', row.id).execute();
        else await db.updateTable('exposure').set({ key: canonical }).where('id', '=', row.id).execute();
      }
    },
    async down() {
      // The deleted copies are not brought back: they were the same keys.
    },
  },
};
