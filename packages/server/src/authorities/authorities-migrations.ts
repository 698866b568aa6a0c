/** Schema of health authorities and their certificate verification keys. */
import type { MigrationSet } from '../database/migration';
import { columnTypes } from '../database/migration';

export const authorityMigrations: MigrationSet = {
  '0001_create_health_authority_and_key': {
    async up(db, dialect) {
      const t = columnTypes(dialect);
      await db.schema
        .createTable('health_authority')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('issuer', 'text', (c) => c.notNull())
        .addColumn('audience', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('created_at', t.bigint, (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('health_authority_key')
        .addColumn('health_authority_id', 'text', (c) =>
          c.notNull().references('health_authority.id').onDelete('cascade'),
        )
        .addColumn('kid', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('public_key_pem', 'text', (c) => c.notNull())
        .addColumn('valid_from', t.bigint, (c) => c.notNull())
        .addColumn('valid_thru', t.bigint)
        .addColumn('created_at', t.bigint, (c) => c.notNull())
        .addPrimaryKeyConstraint('health_authority_key_pk', ['health_authority_id', 'kid'])
        .addUniqueConstraint('health_authority_key_version', ['health_authority_id', 'version'])
        .execute();
    },
    async down(db) {
      await db.schema.dropTable('health_authority_key').execute();
      await db.schema.dropTable('health_authority').execute();
    },
  },
};
