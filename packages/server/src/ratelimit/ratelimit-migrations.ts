/** Schema of the shared rate-limit counters. */
import type { MigrationSet } from '../database/migration';
import { columnTypes } from '../database/migration';

export const rateLimitMigrations: MigrationSet = {
  '0001_create_rate_limit_window': {
    async up(db, dialect) {
      const t = columnTypes(dialect);
      await db.schema
        .createTable('rate_limit_window')
        .addColumn('bucket', 'text', (c) => c.primaryKey())
        .addColumn('window_start', t.bigint, (c) => c.notNull())
        .addColumn('count', 'integer', (c) => c.notNull())
        .execute();
      // The purge of ended windows.
      await db.schema.createIndex('rate_limit_window_start').on('rate_limit_window').column('window_start').execute();
    },
    async down(db) {
      await db.schema.dropTable('rate_limit_window').execute();
    },
  },
};
