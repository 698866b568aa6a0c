/** Schema every feature relies on: shared secrets, leases, and the blob table (blobs/database-blob-store.ts). */
import type { MigrationSet } from './migration';
import { columnTypes } from './migration';

export const coreMigrations: MigrationSet = {
  '0001_create_server_secret_and_lease': {
    async up(db, dialect) {
      const t = columnTypes(dialect);
      await db.schema
        .createTable('server_secret')
        .addColumn('name', 'text', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull())
        .addColumn('created_at', t.bigint, (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('lease')
        .addColumn('name', 'text', (c) => c.primaryKey())
        .addColumn('holder', 'text', (c) => c.notNull())
        .addColumn('expires_at', t.bigint, (c) => c.notNull())
        .execute();
    },
    async down(db) {
      await db.schema.dropTable('lease').execute();
      await db.schema.dropTable('server_secret').execute();
    },
  },
  '0002_create_blob': {
    async up(db, dialect) {
      const t = columnTypes(dialect);
      await db.schema
        .createTable('blob')
        .addColumn('path', 'text', (c) => c.primaryKey())
        .addColumn('content_type', 'text', (c) => c.notNull())
        .addColumn('bytes', t.bytes, (c) => c.notNull())
        .addColumn('updated_at', t.bigint, (c) => c.notNull())
        .execute();
    },
    async down(db) {
      await db.schema.dropTable('blob').execute();
    },
  },
};
