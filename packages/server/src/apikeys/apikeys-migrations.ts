/** Schema of API keys. */
import type { MigrationSet } from '../database/migration';
import { columnTypes, withIdColumn } from '../database/migration';

export const apiKeyMigrations: MigrationSet = {
  '0001_create_api_key': {
    async up(db, dialect) {
      const t = columnTypes(dialect);
      await withIdColumn(db.schema.createTable('api_key'), dialect)
        .addColumn('key_hash', 'text', (c) => c.notNull().unique())
        .addColumn('key_prefix', 'text', (c) => c.notNull())
        .addColumn('realm', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('created_at', t.bigint, (c) => c.notNull())
        .addColumn('revoked_at', t.bigint)
        .execute();
    },
    async down(db) {
      await db.schema.dropTable('api_key').execute();
    },
  },
};
