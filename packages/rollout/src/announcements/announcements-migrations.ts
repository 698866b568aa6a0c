/**
 * Schema of broadcast announcements (migration 0002) and their broadcast log (0040).
 * Migration names are `rollout/NNNN_…` whatever capability holds them (numbering is shared
 * across the package, rollout-feature.ts), and are never renamed: databases record them.
 */
import type { MigrationSet } from '@bluezone/server';
import { columnTypes, withIdColumn } from '@bluezone/server';

export const announcementsMigrations: MigrationSet = {
  '0002_create_announcements': {
    async up(db, dialect) {
      const t = columnTypes(dialect);
      await withIdColumn(db.schema.createTable('rollout_announcement'), dialect)
        .addColumn('unit_code', 'text', (c) => c.notNull())
        .addColumn('channel', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('repeat_cron', 'text', (c) => c.notNull())
        .addColumn('created_at', t.bigint, (c) => c.notNull())
        .execute();
    },
    async down(db) {
      await db.schema.dropTable('rollout_announcement').execute();
    },
  },
  /**
   * Order 7's broadcast log, and scripts that are edited and retired rather than deleted (the
   * log points at them). One log entry per script, unit, station and scheduled time.
   */
  '0040_announcement_broadcast_log': {
    async up(db, dialect) {
      const t = columnTypes(dialect);
      // One column per ALTER: SQLite adds a single column per statement.
      await db.schema.alterTable('rollout_announcement').addColumn('updated_at', t.bigint).execute();
      await db.schema.alterTable('rollout_announcement').addColumn('retired_at', t.bigint).execute();
      await withIdColumn(db.schema.createTable('rollout_broadcast'), dialect)
        .addColumn('announcement_id', t.bigint, (c) => c.notNull())
        .addColumn('unit_code', 'text', (c) => c.notNull())
        .addColumn('station', 'text', (c) => c.notNull())
        .addColumn('scheduled_at', t.bigint, (c) => c.notNull())
        .addColumn('outcome', 'text', (c) => c.notNull())
        .addColumn('reason', 'text')
        .addColumn('recorded_by', 'text', (c) => c.notNull())
        .addColumn('recorded_at', t.bigint, (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('rollout_broadcast_slot')
        .unique()
        .on('rollout_broadcast')
        .columns(['announcement_id', 'unit_code', 'station', 'scheduled_at'])
        .execute();
      await db.schema
        .createIndex('rollout_broadcast_unit_time')
        .on('rollout_broadcast')
        .columns(['unit_code', 'scheduled_at'])
        .execute();
    },
    async down(db) {
      await db.schema.dropTable('rollout_broadcast').execute();
      await db.schema.alterTable('rollout_announcement').dropColumn('retired_at').execute();
      await db.schema.alterTable('rollout_announcement').dropColumn('updated_at').execute();
    },
  },
};
