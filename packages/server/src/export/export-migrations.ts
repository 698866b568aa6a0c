/** Schema of exports: batches, their files, and the signing keys. */
import type { MigrationSet } from '../database/migration';
import { columnTypes, withIdColumn } from '../database/migration';

export const exportMigrations: MigrationSet = {
  '0001_create_export_batch_file_signing_key': {
    async up(db, dialect) {
      const t = columnTypes(dialect);
      await withIdColumn(db.schema.createTable('export_batch'), dialect)
        .addColumn('region', 'text', (c) => c.notNull())
        .addColumn('start_ts', t.bigint, (c) => c.notNull())
        .addColumn('end_ts', t.bigint, (c) => c.notNull())
        .addColumn('key_count', 'integer', (c) => c.notNull())
        .addColumn('padding_count', 'integer', (c) => c.notNull())
        .addColumn('created_at', t.bigint, (c) => c.notNull())
        .addUniqueConstraint('export_batch_region_window', ['region', 'start_ts', 'end_ts'])
        .execute();
      await withIdColumn(db.schema.createTable('export_file'), dialect)
        .addColumn('batch_id', t.bigint, (c) => c.notNull().references('export_batch.id').onDelete('cascade'))
        .addColumn('region', 'text', (c) => c.notNull())
        .addColumn('path', 'text', (c) => c.notNull().unique())
        .addColumn('batch_num', 'integer', (c) => c.notNull())
        .addColumn('batch_size', 'integer', (c) => c.notNull())
        .addColumn('key_count', 'integer', (c) => c.notNull())
        .addColumn('created_at', t.bigint, (c) => c.notNull())
        .execute();
      await withIdColumn(db.schema.createTable('signing_key'), dialect)
        .addColumn('key_id', 'text', (c) => c.notNull())
        .addColumn('key_version', 'text', (c) => c.notNull())
        .addColumn('private_key', 'text', (c) => c.notNull())
        .addColumn('public_key_pem', 'text', (c) => c.notNull())
        .addColumn('created_at', t.bigint, (c) => c.notNull())
        .addColumn('retired_at', t.bigint)
        .addUniqueConstraint('signing_key_id_version', ['key_id', 'key_version'])
        .execute();
    },
    async down(db) {
      await db.schema.dropTable('signing_key').execute();
      await db.schema.dropTable('export_file').execute();
      await db.schema.dropTable('export_batch').execute();
    },
  },
};
