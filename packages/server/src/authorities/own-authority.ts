/**
 * Our own verification server is a health authority like any other: registered under
 * HEALTH_AUTHORITY_ID (default `vn.bluezone`, what the Bluezone apps send) with the
 * configured issuer and audience and its certificate key, the first time any process loads
 * that key. The config owns this row's issuer and audience (updated if they change); its key
 * is inserted once and never re-validated, so `bluezone authority revoke-key` sticks.
 */
import type { ServerConfig } from '../config';
import type { Database } from '../database/database';
import { forgetCachedAuthorities } from './authority-cache';
import { authorityDb } from './authority-tables';

export const OWN_AUTHORITY_NAME = 'Bluezone verification server';

export async function registerOwnAuthority(
  database: Database,
  config: ServerConfig,
  kid: string,
  publicKeyPem: string,
  now: number,
): Promise<void> {
  const db = authorityDb(database);
  const id = config.healthAuthorityId;
  await db
    .insertInto('health_authority')
    .values({
      id,
      issuer: config.certificateIssuer,
      audience: config.certificateAudience,
      name: OWN_AUTHORITY_NAME,
      created_at: now,
    })
    .onConflict((oc) =>
      oc.column('id').doUpdateSet({ issuer: config.certificateIssuer, audience: config.certificateAudience }),
    )
    .execute();
  // Version 1 unless keys were added by hand first; concurrent first starts insert one row.
  const versions = await db
    .selectFrom('health_authority_key')
    .select(['kid', 'version'])
    .where('health_authority_id', '=', id)
    .execute();
  if (!versions.some((v) => v.kid === kid)) {
    await db
      .insertInto('health_authority_key')
      .values({
        health_authority_id: id,
        kid,
        version: Math.max(0, ...versions.map((v) => Number(v.version))) + 1,
        public_key_pem: publicKeyPem,
        valid_from: now,
        valid_thru: null,
        created_at: now,
      })
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
  forgetCachedAuthorities(database);
}
