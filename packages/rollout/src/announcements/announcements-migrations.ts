/**
 * Schema of broadcast announcements (migration 0002).
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
};
