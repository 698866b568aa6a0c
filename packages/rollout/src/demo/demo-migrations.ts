/**
 * Schema of the demo district (migration 0050, numbered apart from the other capabilities' run
 * so parallel work cannot clash): the ledger of demo rows.
 */
import type { MigrationSet } from '@bluezone/server';
import { columnTypes } from '@bluezone/server';

export const demoMigrations: MigrationSet = {
  '0050_create_demo_rows': {
    async up(db, dialect) {
      const t = columnTypes(dialect);
      await db.schema
        .createTable('rollout_demo_row')
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('row_key', 'text', (c) => c.notNull())
        .addColumn('created_at', t.bigint, (c) => c.notNull())
        .addPrimaryKeyConstraint('rollout_demo_row_pk', ['kind', 'row_key'])
        .execute();
    },
    async down(db) {
      await db.schema.dropTable('rollout_demo_row').execute();
    },
  },
};
