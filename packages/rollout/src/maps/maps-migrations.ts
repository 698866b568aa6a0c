/**
 * Schema of maps (migration 0030). Numbered apart from the other capabilities' run of numbers
 * (the migrator allows migrations out of order), so parallel work on them cannot clash.
 */
import type { MigrationSet } from '@bluezone/server';
import { columnTypes } from '@bluezone/server';

export const mapsMigrations: MigrationSet = {
  '0030_create_unit_maps': {
    async up(db, dialect) {
      const t = columnTypes(dialect);
      await db.schema
        .createTable('rollout_unit_map')
        .addColumn('unit_code', 'text', (c) => c.primaryKey())
        .addColumn('areas_json', 'text', (c) => c.notNull())
        .addColumn('attribution', 'text', (c) => c.notNull())
        .addColumn('uploaded_by', 'text', (c) => c.notNull())
        .addColumn('uploaded_at', t.bigint, (c) => c.notNull())
        .execute();
    },
    async down(db) {
      await db.schema.dropTable('rollout_unit_map').execute();
    },
  },
};
