/**
 * Schema of messaging (migration 0004): the outbox, opt-outs, phone lists, tourist stays,
 * channel state — and, in the same step, the campaign table (campaigns/).
 * Migration names are `rollout/NNNN_…` whatever capability holds them (numbering is shared
 * across the package, rollout-feature.ts), and are never renamed: databases record them.
 */
import { randomUUID } from 'node:crypto';
import type { MigrationSet } from '@bluezone/server';
import { columnTypes, withIdColumn } from '@bluezone/server';
import { sql } from 'kysely';
import { isVnMobile, normalizeVnPhone } from '../shared/vn-phone';

export const messagingMigrations: MigrationSet = {
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
   * Verification SMS went into the key server's own `sms_outbox` table, and the outbox job
   * adopted each row into `rollout_outbox`; /api/issue now queues them here directly (the
   * messaging feature is the server's SMS sender). Rows still waiting at the upgrade move over
   * once, as the adoption did (kind `verification`, deduplicated by the old row's id, expiring
   * with the code; a number the SMS layer cannot reach is dropped), then the table goes.
   * Runs before `verification/0002_drop_sms_outbox` (pending migrations run in name order).
   */
  '0006_move_sms_outbox_into_outbox': {
    async up(db, dialect) {
      const exists =
        dialect === 'postgres'
          ? (await sql<{ t: string | null }>`select to_regclass('sms_outbox')::text as t`.execute(db)).rows[0]?.t
          : (await sql`select 1 from sqlite_master where type = 'table' and name = 'sms_outbox'`.execute(db)).rows[0];
      if (!exists) return;
      const waiting: { id: string; phone: string; text: string; created_at: number; expires_at: number }[] = await db
        .selectFrom('sms_outbox')
        .select(['id', 'phone', 'text', 'created_at', 'expires_at'])
        .where('sent_at', 'is', null)
        .execute();
      for (const row of waiting) {
        if (!isVnMobile(row.phone)) continue;
        await db
          .insertInto('rollout_outbox')
          .values({
            id: randomUUID(),
            kind: 'verification',
            campaign_id: null,
            channel: 'sms',
            phone: normalizeVnPhone(row.phone),
            text: row.text,
            zalo_template_id: null,
            zalo_data: null,
            dedupe_key: `verification:${row.id}`,
            status: 'queued',
            attempts: 0,
            not_before: Number(row.created_at),
            expires_at: Number(row.expires_at),
            claimed_by: null,
            claim_until: null,
            sent_at: null,
            segments: null,
            provider_ref: null,
            delivery: null,
            delivery_at: null,
            last_error: null,
            created_at: Number(row.created_at),
          })
          .onConflict((oc) => oc.column('dedupe_key').doNothing())
          .execute();
      }
      await db.schema.dropTable('sms_outbox').execute();
    },
    async down() {
      // The rows stay in the outbox; verification/0002's `down` brings the empty table back.
    },
  },
  /**
   * Outbox retention (outbox-retention.ts): the tally that keeps a campaign's figures once its
   * rows are deleted, an index for the purge's age scan, and the bodies of every message that
   * has already settled blanked (and a verification code's phone number), as settling now does.
   */
  '0007_outbox_retention': {
    async up(db) {
      await db.schema
        .createTable('rollout_outbox_tally')
        .addColumn('campaign_id', 'integer', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('delivery', 'text', (c) => c.notNull())
        .addColumn('count', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('rollout_outbox_tally_pk', ['campaign_id', 'status', 'delivery'])
        .execute();
      await db.schema.createIndex('rollout_outbox_created').on('rollout_outbox').column('created_at').execute();
      await sql`update rollout_outbox
        set text = '', zalo_data = null, phone = case when kind = 'verification' then '' else phone end
        where status in ('sent', 'failed', 'expired', 'suppressed')`.execute(db);
    },
    async down(db) {
      await db.schema.dropIndex('rollout_outbox_created').execute();
      await db.schema.dropTable('rollout_outbox_tally').execute();
    },
  },
};
