/**
 * Schema of media ad time (migration 0041): partners, and slots booked with them for a script.
 * Migration names are `rollout/NNNN_…` whatever capability holds them (numbering is shared
 * across the package, rollout-feature.ts), and are never renamed: databases record them.
 */
import type { MigrationSet } from '@bluezone/server';
import { columnTypes, withIdColumn } from '@bluezone/server';

export const mediaMigrations: MigrationSet = {
  '0041_create_media_partners_slots': {
    async up(db, dialect) {
      const t = columnTypes(dialect);
      await withIdColumn(db.schema.createTable('rollout_media_partner'), dialect)
        .addColumn('unit_code', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('contact', 'text')
        .addColumn('created_at', t.bigint, (c) => c.notNull())
        .execute();
      await withIdColumn(db.schema.createTable('rollout_media_slot'), dialect)
        .addColumn('partner_id', t.bigint, (c) => c.notNull())
        .addColumn('announcement_id', t.bigint, (c) => c.notNull())
        .addColumn('airs_at', t.bigint, (c) => c.notNull())
        .addColumn('duration_seconds', 'integer', (c) => c.notNull())
        .addColumn('cost_vnd', t.bigint, (c) => c.notNull())
        .addColumn('expected_reach', t.bigint, (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('aired_at', t.bigint)
        .addColumn('reported_reach', t.bigint)
        .addColumn('note', 'text')
        .addColumn('confirmed_by', 'text')
        .addColumn('confirmed_at', t.bigint)
        .addColumn('booked_by', 'text', (c) => c.notNull())
        .addColumn('booked_at', t.bigint, (c) => c.notNull())
        .execute();
      // The same script at the same time with the same partner is one slot: a retried booking
      // is refused, not paid twice.
      await db.schema
        .createIndex('rollout_media_slot_unique')
        .unique()
        .on('rollout_media_slot')
        .columns(['partner_id', 'announcement_id', 'airs_at'])
        .execute();
      await db.schema.createIndex('rollout_media_slot_airs_at').on('rollout_media_slot').column('airs_at').execute();
    },
    async down(db) {
      await db.schema.dropTable('rollout_media_slot').execute();
      await db.schema.dropTable('rollout_media_partner').execute();
    },
  },
};
