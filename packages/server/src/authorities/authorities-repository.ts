/**
 * Health authorities and their keys: added, listed and rotated by `bluezone authority …`.
 * Everything is checked here, at the boundary, so the verifier can trust what it loads.
 * A key is revoked by ending its validity now (Google's server does the same with `thru`);
 * authorities are never deleted, as in Google's admin console: one with no valid key simply
 * has every certificate refused.
 */
import { createPublicKey } from 'node:crypto';
import type { Database } from '../database/database';
import { ServerError } from '../http/server-error';
import { authorityDb, type HealthAuthorityKeyTable, type HealthAuthorityTable } from './authorities-tables';
import { forgetCachedAuthorities } from './authority-cache';

export interface HealthAuthorityKey {
  kid: string;
  version: number;
  publicKeyPem: string;
  validFrom: number;
  validThru: number | null;
  createdAt: number;
}

export interface HealthAuthority {
  id: string;
  issuer: string;
  audience: string;
  name: string;
  createdAt: number;
  keys: HealthAuthorityKey[];
}

export interface NewHealthAuthority {
  id: string;
  issuer: string;
  audience: string;
  name: string;
}

export interface NewHealthAuthorityKey {
  authorityId: string;
  kid: string;
  publicKeyPem: string;
  /** Default: now. */
  validFrom?: number;
  validThru?: number | null;
}

/** Google's HealthAuthorityKey.IsValidAt, with an inclusive start. */
export function keyValidAt(key: Pick<HealthAuthorityKey, 'validFrom' | 'validThru'>, now: number): boolean {
  return key.validFrom <= now && (key.validThru === null || now < key.validThru);
}

const ID = /^[A-Za-z0-9_.-]{1,100}$/;
const KID = /^[\x21-\x7e]{1,64}$/;

function invalid(message: string): ServerError {
  return new ServerError('invalid_request', 400, message);
}

function requireText(value: string, name: string): string {
  const trimmed = value.trim();
  if (trimmed === '' || trimmed.length > 200) throw invalid(`${name} must be 1-200 characters`);
  return trimmed;
}

/** The PEM normalised, or a 400 unless it is an SPKI ECDSA P-256 public key (certificates are ES256). */
export function checkPublicKeyPem(pem: string): string {
  let key: ReturnType<typeof createPublicKey>;
  try {
    key = createPublicKey({ key: pem, format: 'pem' });
  } catch {
    throw invalid('the public key is not a PEM public key');
  }
  if (
    key.type !== 'public' ||
    key.asymmetricKeyType !== 'ec' ||
    key.asymmetricKeyDetails?.namedCurve !== 'prime256v1'
  ) {
    throw invalid('the public key must be an ECDSA P-256 key (certificates are ES256)');
  }
  return key.export({ type: 'spki', format: 'pem' }).toString();
}

function toKey(row: HealthAuthorityKeyTable): HealthAuthorityKey {
  return {
    kid: row.kid,
    version: Number(row.version),
    publicKeyPem: row.public_key_pem,
    validFrom: Number(row.valid_from),
    validThru: row.valid_thru === null ? null : Number(row.valid_thru),
    createdAt: Number(row.created_at),
  };
}

function toAuthority(row: HealthAuthorityTable, keys: HealthAuthorityKey[]): HealthAuthority {
  return {
    id: row.id,
    issuer: row.issuer,
    audience: row.audience,
    name: row.name,
    createdAt: Number(row.created_at),
    keys,
  };
}

export async function addAuthority(
  database: Database,
  now: number,
  input: NewHealthAuthority,
): Promise<HealthAuthority> {
  if (!ID.test(input.id)) throw invalid('the health authority id must be 1-100 characters of [A-Za-z0-9_.-]');
  const row: HealthAuthorityTable = {
    id: input.id,
    issuer: requireText(input.issuer, 'issuer'),
    audience: requireText(input.audience, 'audience'),
    name: requireText(input.name, 'name'),
    created_at: now,
  };
  const inserted = await authorityDb(database)
    .insertInto('health_authority')
    .values(row)
    .onConflict((oc) => oc.column('id').doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) !== 1) {
    throw new ServerError('conflict', 409, `health authority "${input.id}" already exists`);
  }
  forgetCachedAuthorities(database);
  return toAuthority(row, []);
}

export async function findAuthority(database: Database, id: string): Promise<HealthAuthority | undefined> {
  const db = authorityDb(database);
  const row = await db.selectFrom('health_authority').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return undefined;
  const keys = await db
    .selectFrom('health_authority_key')
    .selectAll()
    .where('health_authority_id', '=', id)
    .orderBy('version')
    .execute();
  return toAuthority(row, keys.map(toKey));
}

export async function listAuthorities(database: Database): Promise<HealthAuthority[]> {
  const db = authorityDb(database);
  const rows = await db.selectFrom('health_authority').selectAll().orderBy('id').execute();
  const keys = await db.selectFrom('health_authority_key').selectAll().orderBy('version').execute();
  return rows.map((row) => toAuthority(row, keys.filter((k) => k.health_authority_id === row.id).map(toKey)));
}

async function requireAuthority(database: Database, id: string): Promise<HealthAuthority> {
  const authority = await findAuthority(database, id);
  if (!authority) throw new ServerError('not_found', 404, `no health authority "${id}"`);
  return authority;
}

/** Adds a verification key; the authority's older keys stay valid, so a rotation has no gap. */
export async function addAuthorityKey(
  database: Database,
  now: number,
  input: NewHealthAuthorityKey,
): Promise<HealthAuthorityKey> {
  if (!KID.test(input.kid)) throw invalid('kid must be 1-64 printable characters without spaces');
  const publicKeyPem = checkPublicKeyPem(input.publicKeyPem);
  const validFrom = input.validFrom ?? now;
  const validThru = input.validThru ?? null;
  if (validThru !== null && validThru <= validFrom) throw invalid('valid thru must be after valid from');
  const authority = await requireAuthority(database, input.authorityId);
  if (authority.keys.some((k) => k.kid === input.kid)) {
    throw new ServerError('conflict', 409, `health authority "${authority.id}" already has a key "${input.kid}"`);
  }
  const row: HealthAuthorityKeyTable = {
    health_authority_id: authority.id,
    kid: input.kid,
    version: Math.max(0, ...authority.keys.map((k) => k.version)) + 1,
    public_key_pem: publicKeyPem,
    valid_from: validFrom,
    valid_thru: validThru,
    created_at: now,
  };
  // The primary key and the (authority, version) constraint settle a concurrent add.
  const inserted = await authorityDb(database)
    .insertInto('health_authority_key')
    .values(row)
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) !== 1) {
    throw new ServerError('conflict', 409, `a key was added to "${authority.id}" at the same time; try again`);
  }
  forgetCachedAuthorities(database);
  return toKey(row);
}

/** Ends the key's validity now (or keeps an earlier end); certificates signed with it are refused from then on. */
export async function revokeAuthorityKey(
  database: Database,
  now: number,
  authorityId: string,
  kid: string,
): Promise<HealthAuthorityKey> {
  const authority = await requireAuthority(database, authorityId);
  const key = authority.keys.find((k) => k.kid === kid);
  if (!key) throw new ServerError('not_found', 404, `health authority "${authorityId}" has no key "${kid}"`);
  const validThru = key.validThru === null ? now : Math.min(key.validThru, now);
  await authorityDb(database)
    .updateTable('health_authority_key')
    .set({ valid_thru: validThru })
    .where('health_authority_id', '=', authorityId)
    .where('kid', '=', kid)
    .execute();
  forgetCachedAuthorities(database);
  return { ...key, validThru };
}
