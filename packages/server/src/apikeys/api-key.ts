/**
 * API keys: admin keys (health staff tools: issue codes, statistics) and device keys (apps:
 * verify, certificate), each in a realm (a health authority). The key is 32 random bytes,
 * shown once; only its SHA-256 is stored — enough for a high-entropy secret, and it lets a
 * lookup be one indexed equality.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Clock } from '../clock';
import type { Database } from '../database/database';
import { ServerError } from '../http/server-error';

export type ApiKeyRole = 'admin' | 'device';
export const API_KEY_ROLES: readonly ApiKeyRole[] = ['admin', 'device'];
export const DEFAULT_REALM = 'default';

export interface CreatedApiKey {
  id: number;
  key: string;
  realm: string;
  role: ApiKeyRole;
}

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
