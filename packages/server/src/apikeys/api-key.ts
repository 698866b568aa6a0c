/**
 * API keys: admin keys (health staff tools: issue codes, statistics) and device keys (apps:
 * verify, certificate), each in a realm (a health authority). The key is 32 random bytes,
 * shown once; only its SHA-256 is stored — enough for a high-entropy secret, and it lets a
 * lookup be one indexed equality.
 */
import { createHash, randomBytes } from 'node:crypto';
import { type accountsApi, keyServerApi } from '@bluezone/protocol/api';
import type { Clock } from '../clock';
import type { Database } from '../database/database';
import { ServerError } from '../http/server-error';

export type ApiKeyRole = keyServerApi.ApiKeyRole;
export const API_KEY_ROLES: readonly ApiKeyRole[] = keyServerApi.API_KEY_ROLES;
export const DEFAULT_REALM = 'default';

/** The answer to creating a key: the key itself, this once (the contract's). */
export type CreatedApiKey = accountsApi.CreatedApiKey;

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

export async function createApiKey(
  database: Database,
  clock: Clock,
  role: ApiKeyRole,
  realm = DEFAULT_REALM,
): Promise<CreatedApiKey> {
  if (!API_KEY_ROLES.includes(role)) throw new ServerError('invalid_request', 400, `role must be admin or device`);
  if (!/^[A-Za-z0-9_.-]{1,64}$/.test(realm)) {
    throw new ServerError('invalid_request', 400, 'realm must be 1-64 characters of [A-Za-z0-9_.-]');
  }
  const key = `bz${role === 'admin' ? 'a' : 'd'}_${randomBytes(32).toString('base64url')}`;
  const row = await database.db
    .insertInto('api_key')
    .values({
      key_hash: hashApiKey(key),
      key_prefix: key.slice(0, 8),
      realm,
      role,
      created_at: clock.now(),
      revoked_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: Number(row.id), key, realm, role };
}

export interface StoredApiKey {
  id: number;
  keyHash: string;
  realm: string;
  role: ApiKeyRole;
}

/** The key `presented` stands for, unless unknown or revoked (one indexed lookup of its hash). */
export async function findApiKey(database: Database, presented: string): Promise<StoredApiKey | undefined> {
  const row = await database.db
    .selectFrom('api_key')
    .select(['id', 'key_hash', 'realm', 'role'])
    .where('key_hash', '=', hashApiKey(presented))
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return row && { id: Number(row.id), keyHash: row.key_hash, realm: row.realm, role: row.role };
}

export type ApiKeySummary = accountsApi.ApiKeySummary;

export async function listApiKeys(database: Database): Promise<ApiKeySummary[]> {
  const rows = await database.db
    .selectFrom('api_key')
    .select(['id', 'key_prefix', 'realm', 'role', 'created_at', 'revoked_at'])
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: Number(r.id),
    prefix: r.key_prefix,
    realm: r.realm,
    role: r.role,
    createdAt: new Date(Number(r.created_at)).toISOString(),
    revokedAt: r.revoked_at === null ? null : new Date(Number(r.revoked_at)).toISOString(),
  }));
}

/** Revokes key `id` now; false when there is no such key or it was already revoked. */
export async function revokeApiKey(database: Database, clock: Clock, id: number): Promise<boolean> {
  const res = await database.db
    .updateTable('api_key')
    .set({ revoked_at: clock.now() })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}
