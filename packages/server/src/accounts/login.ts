/**
 * Checking a username and password, with lockout: after MAX_FAILURES wrong passwords in a row
 * the account is locked for LOCK_MS (OWASP Authentication Cheat Sheet, "Account Lockout").
 * Unknown usernames cost the same scrypt work as known ones, so timing does not reveal which
 * usernames exist; every failure gives the same message.
 */
import type { Clock } from '../clock';
import { ServerError } from '../http/server-error';
import { invalidCredentials } from './accounts-errors';
import { findUserRow } from './accounts-repository';
import type { AccountDb } from './accounts-tables';
import { hashPassword, verifyPassword } from './password-hash';

export const MAX_FAILURES = 5;
export const LOCK_MS = 15 * 60_000;

let dummyHash: Promise<string> | undefined;

function lockedError(until: number, now: number): ServerError {
  const minutes = Math.max(1, Math.ceil((until - now) / 60_000));
  return new ServerError(
    'account_locked',
    429,
    `too many failed logins; the account is locked until ${new Date(until).toISOString()} (about ${minutes} min)`,
  );
}

/** Returns the user's id when the password is right; throws invalid_credentials or account_locked. */
export async function checkLogin(db: AccountDb, clock: Clock, username: string, password: string): Promise<number> {
  const row = await findUserRow(db, username);
  if (!row) {
    dummyHash ??= hashPassword('not-a-real-password');
    await verifyPassword(password, await dummyHash);
    throw invalidCredentials();
  }
  const now = clock.now();
  if (row.locked_until !== null && Number(row.locked_until) > now) throw lockedError(Number(row.locked_until), now);
  const ok = await verifyPassword(password, row.password_hash);
  if (ok && row.disabled_at === null) {
    if (row.failed_logins !== 0 || row.locked_until !== null) {
      await db
        .updateTable('account_user')
        .set({ failed_logins: 0, locked_until: null })
        .where('id', '=', row.id)
        .execute();
    }
    return Number(row.id);
  }
  const failures = Number(row.failed_logins) + 1;
  if (failures >= MAX_FAILURES) {
    const until = now + LOCK_MS;
    await db
      .updateTable('account_user')
      .set({ failed_logins: 0, locked_until: until })
      .where('id', '=', row.id)
      .execute();
    throw lockedError(until, now);
  }
  await db
    .updateTable('account_user')
    .set((eb) => ({ failed_logins: eb('failed_logins', '+', 1) }))
    .where('id', '=', row.id)
    .execute();
  throw invalidCredentials();
}
