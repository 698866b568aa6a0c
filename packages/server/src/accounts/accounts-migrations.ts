/** Schema of web accounts and sessions. */
import { columnTypes, type MigrationSet, withIdColumn } from '../database/migration';

export const accountMigrations: MigrationSet = {
  '0001_create_users_and_sessions': {
    async up(db, dialect) {
      const t = columnTypes(dialect);
      await withIdColumn(db.schema.createTable('account_user'), dialect)
        .addColumn('username', 'text', (c) => c.notNull().unique())
        .addColumn('display_name', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('unit_code', 'text')
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .addColumn('failed_logins', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('locked_until', t.bigint)
        .addColumn('disabled_at', t.bigint)
        .addColumn('created_at', t.bigint, (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('account_session')
        .addColumn('id_hash', 'text', (c) => c.primaryKey())
        .addColumn('user_id', t.bigint, (c) => c.notNull().references('account_user.id').onDelete('cascade'))
        .addColumn('csrf_token', 'text', (c) => c.notNull())
        .addColumn('created_at', t.bigint, (c) => c.notNull())
        .addColumn('expires_at', t.bigint, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('account_session_user').on('account_session').column('user_id').execute();
    },
    async down(db) {
      await db.schema.dropTable('account_session').execute();
      await db.schema.dropTable('account_user').execute();
    },
  },
  /**
   * Users created with the published demo password (rollout's demo users) are marked, so the
   * login page can say which demo accounts exist; changing the password clears the mark.
   */
  '0002_add_user_demo_flag': {
    async up(db) {
      await db.schema
        .alterTable('account_user')
        .addColumn('demo', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
    },
    async down(db) {
      await db.schema.alterTable('account_user').dropColumn('demo').execute();
    },
  },
  '0003_login_throttle': {
    // login.ts: attempts counted per (username, address) before the password is checked.
    async up(db, dialect) {
      const t = columnTypes(dialect);
      await db.schema
        .createTable('account_login_throttle')
        .addColumn('username', 'text', (c) => c.notNull())
        .addColumn('address', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull())
        .addColumn('window_until', t.bigint, (c) => c.notNull())
        .addPrimaryKeyConstraint('account_login_throttle_pk', ['username', 'address'])
        .execute();
      await db.schema
        .createIndex('account_login_throttle_until')
        .on('account_login_throttle')
        .column('window_until')
        .execute();
    },
    async down(db) {
      await db.schema.dropTable('account_login_throttle').execute();
    },
  },
};
