/**
 * Sessions in the database. The cookie carries 32 random bytes (base64url); the table keeps
 * only their SHA-256, so a copy of the database cannot be replayed as cookies (OWASP Session
 * Management Cheat Sheet). Each session has its own CSRF synchronizer token and a fixed expiry.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Clock } from '../clock';
import type { AccountDb } from './accounts-tables';
import type { SessionUser } from './session-principal';

/** A working day: staff log in each morning; a stolen cookie is useless by the next. */
export const SESSION_TTL_MS = 12 * 3600_000;

export interface NewSession {
  /** Goes into the cookie; never stored. */
  id: string;
  csrfToken: string;
  expiresAt: number;
}

const hashId = (id: string) => createHash('sha256').update(id, 'utf8').digest('hex');

export async function createSession(db: AccountDb, clock: Clock, userId: number): Promise<NewSession> {
  const now = clock.now();
  const id = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(32).toString('base64url');
  const expiresAt = now + SESSION_TTL_MS;
  await db.deleteFrom('account_session').where('expires_at', '<=', now).execute();
  await db
    .insertInto('account_session')
    .values({ id_hash: hashId(id), user_id: userId, csrf_token: csrfToken, created_at: now, expires_at: expiresAt })
    .execute();
  return { id, csrfToken, expiresAt };
}

/** The logged-in user behind a cookie id, or undefined (unknown, expired, user disabled). */
export async function resolveSession(db: AccountDb, now: number, id: string): Promise<SessionUser | undefined> {
  if (id.length > 100) return undefined;
  const row = await db
    .selectFrom('account_session as s')
    .innerJoin('account_user as u', 'u.id', 's.user_id')
    .select(['u.id', 'u.username', 'u.display_name', 'u.role', 'u.unit_code', 'u.disabled_at', 's.csrf_token'])
    .where('s.id_hash', '=', hashId(id))
    .where('s.expires_at', '>', now)
    .executeTakeFirst();
  if (!row || row.disabled_at !== null) return undefined;
  return {
    userId: Number(row.id),
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    unitCode: row.unit_code,
    csrfToken: row.csrf_token,
  };
}

export async function deleteSession(db: AccountDb, id: string): Promise<void> {
  await db.deleteFrom('account_session').where('id_hash', '=', hashId(id)).execute();
}

/** Logs a user out everywhere (password change, role change, disabling). */
export async function deleteUserSessions(db: AccountDb, userId: number): Promise<void> {
  await db.deleteFrom('account_session').where('user_id', '=', userId).execute();
}
