/**
 * Every saved version of the region's configuration document (the history a health authority
 * can audit), its JSON text as signed, and who saved it: the admin's API key id or, for a
 * session, minus the user's id (never a name: the history outlives staff changes).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../database/database';
import type { ServerTables } from '../database/tables';

export interface ConfigurationVersionTable {
  region: string;
  version: number;
  /** The document's JSON text (configuration-document.ts), exactly what is signed. */
  document: string;
  saved_at: number;
  saved_by: number;
}

export type ConfigurationTables = ServerTables & { configuration_version: ConfigurationVersionTable };

export type ConfigurationDb = Kysely<ConfigurationTables>;

export function configurationDb(database: Database): ConfigurationDb {
  return database.db.withTables<{ configuration_version: ConfigurationVersionTable }>() as unknown as ConfigurationDb;
}
