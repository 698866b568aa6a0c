/** Schema of the district rollout toolkit, as numbered migrations of the `rollout` feature. */
import type { MigrationSet } from '../database/migration';
import { columnTypes, withIdColumn } from '../database/migration';

export const rolloutMigrations: MigrationSet = {
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
  '0004_create_outbox_campaigns': {
    async up(db, dialect) {
      const t = columnTypes(dialect);
      await db.schema
        .createTable('rollout_outbox')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('campaign_id', 'integer')
        .addColumn('channel', 'text', (c) => c.notNull())
        .addColumn('phone', 'text', (c) => c.notNull())
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('zalo_template_id', 'text')
        .addColumn('zalo_data', 'text')
        .addColumn('dedupe_key', 'text', (c) => c.notNull().unique())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull())
        .addColumn('not_before', t.bigint, (c) => c.notNull())
        .addColumn('expires_at', t.bigint)
        .addColumn('claimed_by', 'text')
        .addColumn('claim_until', t.bigint)
        .addColumn('sent_at', t.bigint)
        .addColumn('segments', 'integer')
        .addColumn('provider_ref', 'text')
        .addColumn('delivery', 'text')
        .addColumn('delivery_at', t.bigint)
        .addColumn('last_error', 'text')
        .addColumn('created_at', t.bigint, (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('rollout_outbox_due')
        .on('rollout_outbox')
        .columns(['status', 'not_before'])
        .execute();
      await db.schema.createIndex('rollout_outbox_phone').on('rollout_outbox').columns(['phone', 'sent_at']).execute();
      await db.schema
        .createTable('rollout_opt_out')
        .addColumn('phone', 'text', (c) => c.primaryKey())
        .addColumn('opted_out_at', t.bigint, (c) => c.notNull())
        .execute();
      await withIdColumn(db.schema.createTable('rollout_contact'), dialect)
        .addColumn('unit_code', 'text', (c) => c.notNull())
        .addColumn('phone', 'text', (c) => c.notNull())
        .addColumn('name', 'text')
        .addColumn('created_at', t.bigint, (c) => c.notNull())
        .addUniqueConstraint('rollout_contact_unit_phone', ['unit_code', 'phone'])
        .execute();
      await withIdColumn(db.schema.createTable('rollout_campaign'), dialect)
        .addColumn('unit_code', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('audience', 'text', (c) => c.notNull())
        .addColumn('channel', 'text', (c) => c.notNull())
        .addColumn('template', 'text', (c) => c.notNull())
        .addColumn('zalo_template_id', 'text')
        .addColumn('schedule_kind', 'text', (c) => c.notNull())
        .addColumn('run_at', t.bigint)
        .addColumn('cron', 'text')
        .addColumn('until_at', t.bigint)
        .addColumn('quiet_start', 'text', (c) => c.notNull())
        .addColumn('quiet_end', 'text', (c) => c.notNull())
        .addColumn('cap_max', 'integer', (c) => c.notNull())
        .addColumn('cap_window_hours', 'integer', (c) => c.notNull())
        .addColumn('next_run_at', t.bigint)
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('created_at', t.bigint, (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('rollout_tourist_stay')
        .addColumn('phone', 'text', (c) => c.primaryKey())
        .addColumn('stay_started_at', t.bigint, (c) => c.notNull())
        .addColumn('last_arrival_at', t.bigint, (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('rollout_channel_state')
        .addColumn('name', 'text', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull())
        .addColumn('updated_at', t.bigint, (c) => c.notNull())
        .execute();
    },
    async down(db) {
      for (const table of [
        'rollout_channel_state',
        'rollout_tourist_stay',
        'rollout_campaign',
        'rollout_contact',
        'rollout_opt_out',
        'rollout_outbox',
      ]) {
        await db.schema.dropTable(table).execute();
      }
    },
  },
  /**
   * Campaign approval: a campaign made by a non-admin waits in status `pending_approval` until an
   * admin approves (→ active/done) or rejects it (→ rejected, with a reason). Rows made before
   * this migration keep their status: they were in effect approved.
   */
  '0005_campaign_approval': {
    async up(db, dialect) {
      const t = columnTypes(dialect);
      // One column per ALTER: SQLite adds a single column per statement.
      await db.schema.alterTable('rollout_campaign').addColumn('created_by', 'text').execute();
      await db.schema.alterTable('rollout_campaign').addColumn('approved_by', 'text').execute();
      await db.schema.alterTable('rollout_campaign').addColumn('approved_at', t.bigint).execute();
      await db.schema.alterTable('rollout_campaign').addColumn('rejected_reason', 'text').execute();
    },
    async down(db) {
      for (const column of ['rejected_reason', 'approved_at', 'approved_by', 'created_by']) {
        await db.schema.alterTable('rollout_campaign').dropColumn(column).execute();
      }
    },
  },
};
