/**
 * Schema of install drives. Migration names are `rollout/NNNN_…` whatever capability holds
 * them (numbering shared across the package), never renamed.
 */
import { columnTypes, type MigrationSet, withIdColumn } from '@bluezone/server';

export const drivesMigrations: MigrationSet = {
  '0012_create_drives': {
    async up(db, dialect) {
      const t = columnTypes(dialect);
      await withIdColumn(db.schema.createTable('rollout_drive'), dialect)
        .addColumn('unit_code', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('held_on', 'integer', (c) => c.notNull())
        .addColumn('place', 'text', (c) => c.notNull())
        .addColumn('organiser', 'text', (c) => c.notNull())
        .addColumn('created_at', t.bigint, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('rollout_drive_unit').on('rollout_drive').column('unit_code').execute();
      await withIdColumn(db.schema.createTable('rollout_drive_volunteer'), dialect)
        .addColumn('drive_id', 'integer', (c) => c.notNull())
        .addColumn('name', 'text')
        .addColumn('phone', 'text')
        .addColumn('invite_code', 'text', (c) => c.notNull().unique())
        .addColumn('created_at', t.bigint, (c) => c.notNull())
        .addColumn('erased_at', t.bigint)
        .execute();
      await db.schema
        .createIndex('rollout_drive_volunteer_drive')
        .on('rollout_drive_volunteer')
        .column('drive_id')
        .execute();
    },
    async down(db) {
      await db.schema.dropTable('rollout_drive_volunteer').execute();
      await db.schema.dropTable('rollout_drive').execute();
    },
  },
};
