/**
 * Schema of office checkpoints (migrations 0003 and 0015).
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
  /**
   * Checkpoints managed from the web app and checked by the gatekeeper's phone: retiring, the
   * radio check and the inactive reason's code in the log, gate keys pairing phones. 0015, not
   * the next free number, leaves the numbers after 0007 to the capabilities being added beside
   * this one (numbers only need to be unique; migrations may arrive out of order).
   */
  '0015_checkpoint_gates': {
    async up(db, dialect) {
      const t = columnTypes(dialect);
      await db.schema.alterTable('rollout_checkpoint').addColumn('retired_at', t.bigint).execute();
      await db.schema.alterTable('rollout_checkpoint_log').addColumn('reason_code', 'text').execute();
      await db.schema.alterTable('rollout_checkpoint_log').addColumn('radio', 'text').execute();
      await withIdColumn(db.schema.createTable('rollout_checkpoint_gate_key'), dialect)
        .addColumn('checkpoint_id', 'integer', (c) => c.notNull())
        .addColumn('key_hash', 'text', (c) => c.notNull().unique())
        .addColumn('label', 'text', (c) => c.notNull())
        .addColumn('created_at', t.bigint, (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('revoked_at', t.bigint)
        .execute();
      await db.schema.createIndex('rollout_checkpoint_unit').on('rollout_checkpoint').columns(['unit_code']).execute();
    },
    async down(db) {
      await db.schema.dropIndex('rollout_checkpoint_unit').execute();
      await db.schema.dropTable('rollout_checkpoint_gate_key').execute();
      await db.schema.alterTable('rollout_checkpoint_log').dropColumn('radio').execute();
      await db.schema.alterTable('rollout_checkpoint_log').dropColumn('reason_code').execute();
      await db.schema.alterTable('rollout_checkpoint').dropColumn('retired_at').execute();
    },
  },
};
