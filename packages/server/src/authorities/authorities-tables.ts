/**
 * Tables of health authorities: the verification servers whose certificates `/v1/publish`
 * trusts (google/exposure-notifications-server internal/verification/model/health_authority.go:
 * HealthAuthority and HealthAuthorityKey).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../database/database';

export interface HealthAuthorityTable {
  /** The `healthAuthorityID` apps send with a publish, e.g. `vn.bluezone`. */
  id: string;
  /** `iss` its certificates must carry. */
  issuer: string;
  /** `aud` its certificates must carry (this key server). */
  audience: string;
  name: string;
  created_at: number;
}

export interface HealthAuthorityKeyTable {
  health_authority_id: string;
  /** The certificate's JWT `kid` header (Google's HealthAuthorityKey.Version). */
  kid: string;
  /** 1, 2, 3… per authority, in the order keys were added (rotation history). */
  version: number;
  /** SPKI PEM of an ECDSA P-256 key: certificates are ES256. */
  public_key_pem: string;
  /** Valid from this time (inclusive) until valid_thru (exclusive; null = open-ended). */
  valid_from: number;
  valid_thru: number | null;
  created_at: number;
}

export type AuthorityTables = {
  health_authority: HealthAuthorityTable;
  health_authority_key: HealthAuthorityKeyTable;
};

export type AuthorityDb = Kysely<AuthorityTables>;

export function authorityDb(database: Database): AuthorityDb {
  return database.db.withTables<AuthorityTables>() as unknown as AuthorityDb;
}
