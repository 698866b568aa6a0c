/** Schema of the health console's issued-code records. */
import { columnTypes, type MigrationSet } from '../database/migration';

export const issuedCodesMigrations: MigrationSet = {
  '0001_create_issued_code_record': {
    async up(db, dialect) {
      const t = columnTypes(dialect);
      await db.schema
        .createTable('issued_code_record')
        .addColumn('uuid', 'text', (c) => c.primaryKey())
        .addColumn('realm', 'text', (c) => c.notNull())
        .addColumn('issued_by_user', t.bigint)
        .addColumn('issued_by', 'text', (c) => c.notNull())
        .addColumn('phone_last3', 'text')
        .addColumn('issued_at', t.bigint, (c) => c.notNull())
        .addColumn('revoked_at', t.bigint)
        .addColumn('revoked_by', 'text')
        .execute();
      await db.schema
        .createIndex('issued_code_record_realm_issued')
        .on('issued_code_record')
        .columns(['realm', 'issued_at'])
        .execute();
    },
    async down(db) {
      await db.schema.dropTable('issued_code_record').execute();
    },
  },
};
