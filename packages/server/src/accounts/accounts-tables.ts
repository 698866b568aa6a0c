/**
 * Tables of web accounts: people who log in to the web app (district committee, unit managers,
 * health staff, gatekeepers, admins) and their sessions. API keys stay for programs.
 */
import type { Generated, Kysely } from 'kysely';
import type { Database } from '../database/database';
import type { UserRole } from './user-role';

export interface AccountUserTable {
  id: Generated<number>;
  username: string;
  display_name: string;
  role: UserRole;
  /** The unit whose subtree a unit_manager or gatekeeper works in; null for district-wide roles. */
  unit_code: string | null;
  /** `scrypt$N$r$p$salt$hash` (password-hash.ts): algorithm and parameters travel with the hash. */
  password_hash: string;
  /** Unused since migration 0003: attempts are counted per address in account_login_throttle. */
  failed_logins: number;
  /** When a lockout (from some address) ends, for the admin's user list; login.ts does not read it. */
  locked_until: number | null;
  disabled_at: number | null;
  created_at: number;
  /** 1 while the user still has the published demo password (demo-password.ts), else 0. */
  demo: Generated<number>;
}

export interface AccountSessionTable {
  /** SHA-256 of the cookie's random id, hex; the id itself is never stored. */
  id_hash: string;
  user_id: number;
  /** Synchronizer token the page echoes in X-CSRF-Token on every state-changing request. */
  csrf_token: string;
  created_at: number;
  expires_at: number;
}

/**
 * Login attempts per username and client address within a window (login.ts): the lockout's
 * count, shared by every process. Rows are deleted on success and once their window is over.
 */
export interface AccountLoginThrottleTable {
  /** Lower-cased as typed: unknown usernames are counted too. */
  username: string;
  address: string;
  attempts: number;
  /** When the count restarts (epoch ms); after the last allowed failure, the end of the lock. */
  window_until: number;
}

export type AccountTables = {
  account_user: AccountUserTable;
  account_session: AccountSessionTable;
  account_login_throttle: AccountLoginThrottleTable;
};

export type AccountDb = Kysely<AccountTables>;

export function accountDb(database: Database): AccountDb {
  return database.db.withTables<AccountTables>() as unknown as AccountDb;
}
