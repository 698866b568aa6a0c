/** The site's rows: saved settings by name, and the device key the app's configuration serves. */
import type { Clock } from '../clock';
import type { SiteDb } from './site-tables';

export type SiteSettingName = 'public_base_url';

export async function readSetting(db: SiteDb, name: SiteSettingName): Promise<string | undefined> {
  const row = await db.selectFrom('site_setting').select('value').where('name', '=', name).executeTakeFirst();
  return row?.value;
}

export async function writeSetting(db: SiteDb, clock: Clock, name: SiteSettingName, value: string): Promise<void> {
  const now = clock.now();
  await db
    .insertInto('site_setting')
    .values({ name, value, updated_at: now })
    .onConflict((oc) => oc.column('name').doUpdateSet({ value, updated_at: now }))
    .execute();
}

/** The newest served device key whose API key is not revoked, still sealed. */
export async function currentServedDeviceKey(db: SiteDb): Promise<string | undefined> {
  const row = await db
    .selectFrom('site_device_key as s')
    .innerJoin('api_key as k', 'k.id', 's.api_key_id')
    .select('s.key_sealed')
    .where('k.revoked_at', 'is', null)
    .orderBy('s.created_at', 'desc')
    .orderBy('s.api_key_id', 'desc')
    .executeTakeFirst();
  return row?.key_sealed;
}

export async function recordServedDeviceKey(db: SiteDb, clock: Clock, apiKeyId: number, sealed: string): Promise<void> {
  await db
    .insertInto('site_device_key')
    .values({ api_key_id: apiKeyId, key_sealed: sealed, created_at: clock.now() })
    .execute();
}
