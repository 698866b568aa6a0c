/**
 * Checking a username and password, with lockout (OWASP Authentication Cheat Sheet, "Account
 * Lockout"): after MAX_FAILURES wrong passwords for one username from one client address,
 * that username is locked for that address for LOCK_MS.
 *
 * - The attempt is counted before the password is checked, in one atomic statement in the
 *   database (every process shares the count): of attempts sent at once, only the first
 *   MAX_FAILURES reach a password check (29 wrong and 1 right sent together let the right one in
 *   when the count was read first and written after the check).
 * - Per (username, address): a stranger elsewhere who types the admin's name five times locks
 *   out only their own address, not the admin.
 * - Known and unknown usernames are answered alike: unknown ones cost the same scrypt work and
 *   are locked after the same count, so neither the answer nor its timing tells which exist.
 */
import { sql } from 'kysely';
import type { Clock } from '../clock';
import { ServerError } from '../http/server-error';
import { invalidCredentials } from './accounts-errors';
import { findUserRow } from './accounts-repository';
import type { AccountDb } from './accounts-tables';
import { DEFAULT_SCRYPT, hashPassword, verifyPassword } from './password-hash';

export const MAX_FAILURES = 5;
export const LOCK_MS = 15 * 60_000;

/** A hash of no real password per scrypt parameter set, for unknown usernames' equal work. */
const dummyHashes = new Map<string, Promise<string>>();

/**
 * The work of checking a password for a username that does not exist: a hash with the same
 * scrypt parameters as the newest stored user's (or the default), so both take equally long.
 */
async function checkDummyPassword(db: AccountDb, password: string): Promise<void> {
  const newest = await db
    .selectFrom('account_user')
    .select('password_hash')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  const [, N, r, p] = (newest?.password_hash ?? '').split('$').map(Number);
  const params =
    N !== undefined && r !== undefined && p !== undefined && [N, r, p].every((n) => Number.isSafeInteger(n) && n > 0)
      ? { N, r, p }
      : DEFAULT_SCRYPT;
  const key = `${params.N}$${params.r}$${params.p}`;
  let dummy = dummyHashes.get(key);
  if (!dummy) {
    dummy = hashPassword('not-a-real-password', params);
    dummyHashes.set(key, dummy);
  }
  await verifyPassword(password, await dummy);
}

function lockedError(until: number, now: number): ServerError {
  const minutes = Math.max(1, Math.ceil((until - now) / 60_000));
  return new ServerError(
    'account_locked',
    429,
    `too many failed logins; the account is locked until ${new Date(until).toISOString()} (about ${minutes} min)`,
  );
}

/**
 * Counts one attempt at `username` from `address`: the count restarts when the window of the
 * earlier ones has ended. Returns the count with this attempt, and when the window ends.
 */
async function countAttempt(
  db: AccountDb,
  username: string,
  address: string,
  now: number,
): Promise<{ attempts: number; until: number }> {
  const result = await sql<{ attempts: number; window_until: number }>`
    insert into account_login_throttle (username, address, attempts, window_until)
    values (${username}, ${address}, 1, ${now + LOCK_MS})
    on conflict (username, address) do update set
      attempts = case when account_login_throttle.window_until <= ${now} then 1
                      else account_login_throttle.attempts + 1 end,
      window_until = case when account_login_throttle.window_until <= ${now} then excluded.window_until
                          else account_login_throttle.window_until end
    returning attempts, window_until`.execute(db);
  const row = result.rows[0];
  return { attempts: Number(row?.attempts), until: Number(row?.window_until) };
}

/**
 * Returns the user's id when the password is right; throws invalid_credentials or account_locked.
 * `address` is the client's (apikeys/api-key-auth.ts clientIp).
 */
export async function checkLogin(
  db: AccountDb,
  clock: Clock,
  username: string,
  password: string,
  address: string,
): Promise<number> {
  const name = username.trim().toLowerCase();
  const now = clock.now();
  await db
    .deleteFrom('account_login_throttle')
    .where('window_until', '<', now - LOCK_MS)
    .execute();
  const { attempts, until } = await countAttempt(db, name, address, now);
  if (attempts > MAX_FAILURES) throw lockedError(until, now);
  const row = await findUserRow(db, name);
  let ok = false;
  if (row) {
    ok = (await verifyPassword(password, row.password_hash)) && row.disabled_at === null;
  } else {
    await checkDummyPassword(db, password);
  }
  if (ok && row) {
    await db.deleteFrom('account_login_throttle').where('username', '=', name).where('address', '=', address).execute();
    return Number(row.id);
  }
  if (attempts < MAX_FAILURES) throw invalidCredentials();
  // The last failure allowed: locked for LOCK_MS from now, for this address.
  const lockedUntil = now + LOCK_MS;
  await db
    .updateTable('account_login_throttle')
    .set({ window_until: lockedUntil })
    .where('username', '=', name)
    .where('address', '=', address)
    .execute();
  // Shown to admins (a user locked out somewhere; "unlock" clears every address's count).
  if (row) await db.updateTable('account_user').set({ locked_until: lockedUntil }).where('id', '=', row.id).execute();
  throw lockedError(lockedUntil, now);
}
