/**
 * Our own verification server is a health authority like any other: registered under
 * HEALTH_AUTHORITY_ID (default `vn.bluezone`, what the Bluezone apps send) with the
 * configured issuer and audience and its certificate keys. The first key (`v1`) is
 * registered the first time any process loads it; later ones by `bluezone certificate-key
 * rotate` (verification/certificate.ts). The config owns this row's issuer and audience
 * (updated if they change); a key is inserted once and never re-validated, so
 * `bluezone authority revoke-key` sticks.
 */
import type { ServerConfig } from '../config';
import type { Database } from '../database/database';
import type { HealthAuthorityKey } from './authorities-repository';
import { authorityDb } from './authorities-tables';
import { forgetCachedAuthorities } from './authority-cache';

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

/**
 * The kid a rotation adds: `v<n>` one past the highest version or `v<n>` kid the authority
 * has, so a key added by hand under a `v…` name is never shadowed.
 */
export function nextOwnKid(keys: readonly Pick<HealthAuthorityKey, 'kid' | 'version'>[]): string {
  const numbers = keys.flatMap((k) => {
    const match = /^v(\d{1,9})$/.exec(k.kid);
    return match ? [k.version, Number(match[1])] : [k.version];
  });
  return `v${Math.max(0, ...numbers) + 1}`;
}

/**
 * Ends the validity of our own keys `kids` at `validThru`, or keeps an earlier end (a key
 * revoked before a rotation stays revoked).
 */
export async function endOwnAuthorityKeys(
  database: Database,
  config: ServerConfig,
  kids: readonly string[],
  validThru: number,
): Promise<void> {
  if (kids.length === 0) return;
  await authorityDb(database)
    .updateTable('health_authority_key')
    .set({ valid_thru: validThru })
    .where('health_authority_id', '=', config.healthAuthorityId)
    .where('kid', 'in', kids)
    .where((eb) => eb.or([eb('valid_thru', 'is', null), eb('valid_thru', '>', validThru)]))
    .execute();
  forgetCachedAuthorities(database);
}
