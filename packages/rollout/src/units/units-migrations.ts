/**
 * Schema of units, as migration 0001 made it: the unit tree and rosters, and in the same step
 * the tables of coverage (installs, attestations, moves), access (manager keys) and posters
 * (deliveries), kept whole because existing databases recorded it under this name.
 * Migration names are `rollout/NNNN_…` whatever capability holds them (numbering is shared
 * across the package, rollout-feature.ts), and are never renamed: databases record them.
 */
import type { MigrationSet } from '@bluezone/server';
import { columnTypes, withIdColumn } from '@bluezone/server';

export const unitsMigrations: MigrationSet = {
  '0001_create_units_installs_rosters': {
    async up(db, dialect) {
      const t = columnTypes(dialect);
      await db.schema
        .createTable('rollout_unit')
        .addColumn('code', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('parent_code', 'text')
        .addColumn('target_group', 'text', (c) => c.notNull())
        .addColumn('population', t.bigint, (c) => c.notNull())
        .addColumn('target_share_bp', 'integer', (c) => c.notNull())
        .addColumn('person_in_charge', 'text')
        .addColumn('contact_phone', 'text')
        .addColumn('updated_at', t.bigint, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('rollout_unit_parent').on('rollout_unit').column('parent_code').execute();
      await db.schema
        .createTable('rollout_install')
        .addColumn('install_id', 'text', (c) => c.primaryKey())
        .addColumn('unit_code', 'text', (c) => c.notNull())
        .addColumn('brought_in', 'integer', (c) => c.notNull())
        .addColumn('referred_by', 'text')
        .addColumn('referral_code', 'text', (c) => c.notNull().unique())
        .addColumn('app_version', 'text', (c) => c.notNull())
        .addColumn('first_seen_at', t.bigint, (c) => c.notNull())
        .addColumn('first_seen_day', 'integer', (c) => c.notNull())
        .addColumn('last_seen_at', t.bigint, (c) => c.notNull())
        .addColumn('last_active_at', t.bigint)
        .addColumn('checkpoint_key', 'text')
        .execute();
      await db.schema.createIndex('rollout_install_unit').on('rollout_install').column('unit_code').execute();
      await db.schema
        .createTable('rollout_attestation_day')
        .addColumn('install_id', 'text', (c) => c.notNull())
        .addColumn('day', 'integer', (c) => c.notNull())
        .addColumn('unit_code', 'text', (c) => c.notNull())
        .addColumn('tracing_active', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('rollout_attestation_day_pk', ['install_id', 'day'])
        .execute();
      await db.schema.createIndex('rollout_attestation_day_day').on('rollout_attestation_day').column('day').execute();
      await withIdColumn(db.schema.createTable('rollout_install_move'), dialect)
        .addColumn('install_id', 'text', (c) => c.notNull())
        .addColumn('from_unit', 'text', (c) => c.notNull())
        .addColumn('to_unit', 'text', (c) => c.notNull())
        .addColumn('moved_at', t.bigint, (c) => c.notNull())
        .execute();
      await withIdColumn(db.schema.createTable('rollout_manager'), dialect)
        .addColumn('key_hash', 'text', (c) => c.notNull().unique())
        .addColumn('key_prefix', 'text', (c) => c.notNull())
        .addColumn('unit_code', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('created_at', t.bigint, (c) => c.notNull())
        .addColumn('revoked_at', t.bigint)
        .execute();
      await withIdColumn(db.schema.createTable('rollout_roster'), dialect)
        .addColumn('unit_code', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('position', 'text')
        .addColumn('phone', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('confirmed_by', 'text')
        .addColumn('confirmed_at', t.bigint)
        .execute();
      await withIdColumn(db.schema.createTable('rollout_poster_delivery'), dialect)
        .addColumn('unit_code', 'text', (c) => c.notNull())
        .addColumn('household', 'text')
        .addColumn('posters', 'integer', (c) => c.notNull())
        .addColumn('delivered_by', 'text')
        .addColumn('delivered_at', t.bigint, (c) => c.notNull())
        .execute();
    },
    async down(db) {
      for (const table of [
        'rollout_poster_delivery',
        'rollout_roster',
        'rollout_manager',
        'rollout_install_move',
        'rollout_attestation_day',
        'rollout_install',
        'rollout_unit',
      ]) {
        await db.schema.dropTable(table).execute();
      }
    },
  },
  /**
   * Units can be archived (issue: units could not be removed): an archived unit takes no new
   * installs and no import rows and is left out of default lists, while its installs and their
   * history stay. Null for every unit until one is archived.
   */
  '0010_unit_archive': {
    async up(db, dialect) {
      const t = columnTypes(dialect);
      await db.schema.alterTable('rollout_unit').addColumn('archived_at', t.bigint).execute();
    },
    async down(db) {
      await db.schema.alterTable('rollout_unit').dropColumn('archived_at').execute();
    },
  },
};
