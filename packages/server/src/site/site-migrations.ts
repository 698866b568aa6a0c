/** Schema of the site: saved settings and the served device key. */
import { columnTypes, type MigrationSet } from '../database/migration';

export const siteMigrations: MigrationSet = {
  '0001_create_site_setting_and_device_key': {
    async up(db, dialect) {
      const t = columnTypes(dialect);
      await db.schema
        .createTable('site_setting')
        .addColumn('name', 'text', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull())
        .addColumn('updated_at', t.bigint, (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('site_device_key')
        .addColumn('api_key_id', t.bigint, (c) => c.primaryKey())
        .addColumn('key_sealed', 'text', (c) => c.notNull())
        .addColumn('created_at', t.bigint, (c) => c.notNull())
        .execute();
    },
    async down(db) {
      await db.schema.dropTable('site_device_key').execute();
      await db.schema.dropTable('site_setting').execute();
    },
  },
};
