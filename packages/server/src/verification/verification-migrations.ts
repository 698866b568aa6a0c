/** Schema of verification: codes (hashed), single-use tokens and burned certificates. */
import type { Kysely } from 'kysely';
import type { Dialect } from '../database/database';
import type { MigrationSet } from '../database/migration';
import { columnTypes } from '../database/migration';

export const verificationMigrations: MigrationSet = {
  '0001_create_verification_code_token_certificate': {
    async up(db, dialect) {
      const t = columnTypes(dialect);
      await db.schema
        .createTable('verification_code')
        .addColumn('uuid', 'text', (c) => c.primaryKey())
        .addColumn('realm', 'text', (c) => c.notNull())
        .addColumn('code_hash', 'text', (c) => c.notNull().unique())
        .addColumn('long_code_hash', 'text', (c) => c.notNull().unique())
        .addColumn('test_type', 'text', (c) => c.notNull())
        .addColumn('symptom_date', 'text')
        .addColumn('test_date', 'text')
        .addColumn('tz_offset', 'integer', (c) => c.notNull())
        .addColumn('issued_at', t.bigint, (c) => c.notNull())
        .addColumn('issued_day', 'integer', (c) => c.notNull())
        .addColumn('expires_at', t.bigint, (c) => c.notNull())
        .addColumn('long_expires_at', t.bigint, (c) => c.notNull())
        .addColumn('claimed_at', t.bigint)
        .addColumn('claimed_day', 'integer')
        .execute();
      await db.schema
        .createTable('token')
        .addColumn('jti', 'text', (c) => c.primaryKey())
        .addColumn('code_uuid', 'text', (c) => c.notNull())
        .addColumn('expires_at', t.bigint, (c) => c.notNull())
        .addColumn('used_at', t.bigint)
        .execute();
      await db.schema
        .createTable('used_certificate')
        .addColumn('jti', 'text', (c) => c.primaryKey())
        .addColumn('expires_at', t.bigint, (c) => c.notNull())
        .execute();
      await createSmsOutboxTable(db, dialect);
    },
    async down(db) {
      for (const table of ['sms_outbox', 'used_certificate', 'token', 'verification_code']) {
        await db.schema.dropTable(table).execute();
      }
    },
  },
  /**
   * Verification SMS no longer wait in a table of the key server: /api/issue hands them to the
   * SMS sender a feature provides (the rollout messaging outbox). On a database that had the
   * rollout toolkit, its migration `rollout/0006_move_sms_outbox_into_outbox` has already moved
   * any waiting row and dropped the table (pending migrations run in name order, and
   * `rollout/…` sorts before `verification/…`); here it goes on databases without it.
   */
  '0002_drop_sms_outbox': {
    async up(db) {
      await db.schema.dropTable('sms_outbox').ifExists().execute();
    },
    async down(db, dialect) {
      await createSmsOutboxTable(db, dialect);
    },
  },
  /** /api/verify asks whether a realm has any code on record (verification-code.ts realmHasCodes). */
  '0003_index_verification_code_realm': {
    async up(db) {
      await db.schema.createIndex('verification_code_realm').on('verification_code').column('realm').execute();
    },
    async down(db) {
      await db.schema.dropIndex('verification_code_realm').execute();
    },
  },
};

/** The SMS queue 0001 made (0002 drops it; 0002's `down` brings it back empty). */
// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists
async function createSmsOutboxTable(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const t = columnTypes(dialect);
  await db.schema
    .createTable('sms_outbox')
    .ifNotExists()
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('phone', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('realm', 'text', (c) => c.notNull())
    .addColumn('created_at', t.bigint, (c) => c.notNull())
    .addColumn('expires_at', t.bigint, (c) => c.notNull())
    .addColumn('sent_at', t.bigint)
    .execute();
}
