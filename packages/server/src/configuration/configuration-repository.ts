/** The configuration document's versions in the database. */
import type { ConfigurationDb } from './configuration-tables';

export interface StoredConfiguration {
  version: number;
  document: string;
}

/** The latest saved version of the region's document, if any. */
export async function latestConfiguration(
  db: ConfigurationDb,
  region: string,
): Promise<StoredConfiguration | undefined> {
  return await db
    .selectFrom('configuration_version')
    .select(['version', 'document'])
    .where('region', '=', region)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** Inserts a version; false when that version already exists (a concurrent save won). */
export async function insertConfiguration(
  db: ConfigurationDb,
  row: { region: string; version: number; document: string; savedAt: number; savedBy: number },
): Promise<boolean> {
  const result = await db
    .insertInto('configuration_version')
    .values({
      region: row.region,
      version: row.version,
      document: row.document,
      saved_at: row.savedAt,
      saved_by: row.savedBy,
    })
    .onConflict((oc) => oc.columns(['region', 'version']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
}
