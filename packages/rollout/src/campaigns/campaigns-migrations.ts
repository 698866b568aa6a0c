/**
 * Schema of campaigns: approval (migration 0005), message validity (0042); the table itself came with 0004
 * (messaging/messaging-migrations.ts).
 * Migration names are `rollout/NNNN_…` whatever capability holds them (numbering is shared
 * across the package, rollout-feature.ts), and are never renamed: databases record them.
 */
import type { MigrationSet } from '@bluezone/server';
import { columnTypes } from '@bluezone/server';

export const campaignsMigrations: MigrationSet = {
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
  /**
   * A validity per campaign: its messages held back (quiet hours, per-phone cap) longer than
   * this expire instead of waiting forever. Older campaigns read null as the default (48 h).
   */
  '0042_campaign_message_validity': {
    async up(db) {
      await db.schema.alterTable('rollout_campaign').addColumn('validity_hours', 'integer').execute();
    },
    async down(db) {
      await db.schema.alterTable('rollout_campaign').dropColumn('validity_hours').execute();
    },
  },
};
