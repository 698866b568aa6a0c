/** Tables of the site: its saved settings, and the device API key the app's configuration hands out. */
import type { Kysely } from 'kysely';
import type { Database } from '../database/database';

/** Settings an administrator saves from the web app (the public address); one row per name. */
export interface SiteSettingTable {
  name: string;
  value: string;
  updated_at: number;
}

/** The device key `/api/app-config` serves: a normal `api_key` row, plus the key itself sealed. */
export interface SiteDeviceKeyTable {
  api_key_id: number;
  /** The key, sealed with the key-encryption key (secrets/secret-box.ts). */
  key_sealed: string;
  created_at: number;
}

export type SiteTables = {
  site_setting: SiteSettingTable;
  site_device_key: SiteDeviceKeyTable;
  api_key: { id: number; revoked_at: number | null };
};

export type SiteDb = Kysely<SiteTables>;

export function siteDb(database: Database): SiteDb {
  return database.db.withTables<SiteTables>() as unknown as SiteDb;
}
