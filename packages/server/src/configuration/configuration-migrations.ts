/** Schema of the configuration document's versions. */
import { columnTypes, type MigrationSet } from '../database/migration';

export const configurationMigrations: MigrationSet = {
  '0001_create_configuration_version': {
    async up(db, dialect) {
      const t = columnTypes(dialect);
      await db.schema
        .createTable('configuration_version')
        .addColumn('region', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('document', 'text', (c) => c.notNull())
        .addColumn('saved_at', t.bigint, (c) => c.notNull())
        .addColumn('saved_by', t.bigint, (c) => c.notNull())
        // Two admins saving the same next version at once: the second insert fails, and is a 409.
        .addPrimaryKeyConstraint('configuration_version_pk', ['region', 'version'])
        .execute();
    },
    async down(db) {
      await db.schema.dropTable('configuration_version').execute();
    },
  },
};
