/**
 * Schema of office checkpoints (migration 0003).
 * Migration names are `rollout/NNNN_…` whatever capability holds them (numbering is shared
 * across the package, rollout-feature.ts), and are never renamed: databases record them.
 */
import type { MigrationSet } from '@bluezone/server';
import { columnTypes, withIdColumn } from '@bluezone/server';

export const checkpointsMigrations: MigrationSet = {
  '0003_create_checkpoints': {
    async up(db, dialect) {
      const t = columnTypes(dialect);
      await withIdColumn(db.schema.createTable('rollout_checkpoint'), dialect)
        .addColumn('unit_code', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('created_at', t.bigint, (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('rollout_checkpoint_nonce')
        .addColumn('nonce_key', 'text', (c) => c.primaryKey())
        .addColumn('expires_at', t.bigint, (c) => c.notNull())
        .execute();
      await withIdColumn(db.schema.createTable('rollout_checkpoint_log'), dialect)
        .addColumn('checkpoint_id', 'integer', (c) => c.notNull())
        .addColumn('direction', 'text', (c) => c.notNull())
        .addColumn('result', 'text', (c) => c.notNull())
        .addColumn('reason', 'text')
        .addColumn('visitor', 'text')
        .addColumn('at', t.bigint, (c) => c.notNull())
        .addColumn('day', 'integer', (c) => c.notNull())
        .addColumn('recorded_by', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('rollout_checkpoint_log_day')
        .on('rollout_checkpoint_log')
        .columns(['checkpoint_id', 'day'])
        .execute();
    },
    async down(db) {
      for (const table of ['rollout_checkpoint_log', 'rollout_checkpoint_nonce', 'rollout_checkpoint']) {
        await db.schema.dropTable(table).execute();
      }
    },
  },
};
