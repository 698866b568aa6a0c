/**
 * Users: create (with a validated role and unit), find, list, change role/unit/password, and the
 * failed-login counter behind the lockout, and the first run's one-at-a-time claim.
 */
import type { accountsApi } from '@bluezone/protocol/api';
import type { Kysely } from 'kysely';
import type { Clock } from '../clock';
import type { ServerTables } from '../database/tables';
import { ServerError } from '../http/server-error';
import type { UnitDirectory } from '../units/unit-directory';
import type { AccountDb, AccountUserTable } from './accounts-tables';
import { DEFAULT_SCRYPT, hashPassword, type ScryptParams } from './password-hash';
import { isUserRole, UNIT_SCOPED_ROLES, USER_ROLES, type UserRole } from './user-role';

/** A web user as the API shows them (the contract's, @bluezone/protocol/api accounts.ts). */
export type User = accountsApi.User;

export interface NewUser {
  username: string;
  displayName?: string;
  role: string;
  unitCode?: string | null;
  password: string;
  /** A demo user with the published DEMO_PASSWORD (the login page names them). */
  demo?: boolean;
}

/** NIST SP 800-63B §5.1.1.2: at least 8 characters; no composition rules; a generous maximum. */
export const MIN_PASSWORD_LENGTH = 8;
const MAX_PASSWORD_LENGTH = 256;
const USERNAME = /^[a-z0-9][a-z0-9._-]{1,62}$/;

type UserRow = Omit<AccountUserTable, 'id' | 'demo'> & { id: number };

export function toUser(row: UserRow, now: number): User {
  return {
    id: Number(row.id),
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    unitCode: row.unit_code,
    locked: row.locked_until !== null && Number(row.locked_until) > now,
    disabled: row.disabled_at !== null,
    createdAt: new Date(Number(row.created_at)).toISOString(),
  };
}

export function checkPassword(password: string): void {
  if (password.length < MIN_PASSWORD_LENGTH || password.length > MAX_PASSWORD_LENGTH) {
    throw new ServerError(
      'invalid_request',
      400,
      `password must be ${MIN_PASSWORD_LENGTH}-${MAX_PASSWORD_LENGTH} characters`,
    );
  }
}

/**
 * Checks role and unit together: unit-scoped roles need an existing unit (in the directory a
 * feature provides, ServerContext.units), the others none.
 */
export async function checkRoleAndUnit(
  units: UnitDirectory | undefined,
  role: string,
  unitCode: string | null | undefined,
): Promise<{ role: UserRole; unitCode: string | null }> {
  if (!isUserRole(role)) throw new ServerError('invalid_request', 400, `role must be one of ${USER_ROLES.join(', ')}`);
  if (UNIT_SCOPED_ROLES.includes(role)) {
    if (!unitCode) throw new ServerError('invalid_request', 400, `role ${role} needs a unit code`);
    if (!units) throw new ServerError('invalid_request', 400, `role ${role} needs units, and this server has none`);
    await units.assertUnitExists(unitCode);
    return { role, unitCode };
  }
  if (unitCode) throw new ServerError('invalid_request', 400, `role ${role} is district-wide and takes no unit`);
  return { role, unitCode: null };
}

export async function createUser(
  db: AccountDb,
  units: UnitDirectory | undefined,
  clock: Clock,
  input: NewUser,
  params: ScryptParams = DEFAULT_SCRYPT,
): Promise<User> {
  const username = input.username.trim().toLowerCase();
  if (!USERNAME.test(username)) {
    throw new ServerError('invalid_request', 400, 'username must be 2-63 characters of a-z, 0-9, ".", "_", "-"');
  }
  const { role, unitCode } = await checkRoleAndUnit(units, input.role, input.unitCode);
  checkPassword(input.password);
  const existing = await db.selectFrom('account_user').select('id').where('username', '=', username).executeTakeFirst();
  if (existing) throw new ServerError('username_taken', 409, `user ${username} already exists`);
  const now = clock.now();
  const row = {
    username,
    display_name: input.displayName?.trim() || username,
    role,
    unit_code: unitCode,
    password_hash: await hashPassword(input.password, params),
    failed_logins: 0,
    locked_until: null,
    disabled_at: null,
    created_at: now,
    demo: input.demo ? 1 : 0,
  };
  const inserted = await db.insertInto('account_user').values(row).returning('id').executeTakeFirstOrThrow();
  return toUser({ ...row, id: Number(inserted.id) }, now);
}

export async function listUsers(db: AccountDb, now: number): Promise<User[]> {
  const rows = await db.selectFrom('account_user').selectAll().orderBy('username').execute();
  return rows.map((r) => toUser(r, now));
}

export async function countUsers(db: AccountDb): Promise<number> {
  const row = await db
    .selectFrom('account_user')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Usernames of enabled demo users that still have the published demo password. */
export async function listDemoUsernames(db: AccountDb): Promise<string[]> {
  const rows = await db
    .selectFrom('account_user')
    .select('username')
    .where('demo', '=', 1)
    .where('disabled_at', 'is', null)
    .orderBy('id')
    .execute();
  return rows.map((r) => r.username);
}

/** Users that are not demo users (disabled ones included): the database holds real accounts. */
export async function countRealUsers(db: AccountDb): Promise<number> {
  const row = await db
    .selectFrom('account_user')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('demo', '=', 0)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function findUserRow(db: AccountDb, username: string) {
  return db
    .selectFrom('account_user')
    .selectAll()
    .where('username', '=', username.trim().toLowerCase())
    .executeTakeFirst();
}

/** The columns an admin may change (PATCH /api/accounts/users/:id), already checked. */
export type UserChanges = Partial<
  Pick<
    AccountUserTable,
    'display_name' | 'role' | 'unit_code' | 'password_hash' | 'disabled_at' | 'failed_logins' | 'locked_until'
  >
>;

export async function updateUser(db: AccountDb, id: number, changes: UserChanges): Promise<void> {
  if (Object.keys(changes).length === 0) return;
  // A new password is no longer the published demo one.
  const set = changes.password_hash !== undefined ? { ...changes, demo: 0 } : changes;
  await db.updateTable('account_user').set(set).where('id', '=', id).execute();
  // Unlocking clears the user's failed-login counts from every address (login.ts).
  if (changes.locked_until === null) {
    await db
      .deleteFrom('account_login_throttle')
      .where('username', '=', (eb) => eb.selectFrom('account_user').select('username').where('id', '=', id))
      .execute();
  }
}

export async function getUserRow(db: AccountDb, id: number) {
  const row = await db.selectFrom('account_user').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new ServerError('not_found', 404, `no user with id ${id}`);
  return row;
}

/** First run (first-run-routes.ts): one setup at a time across processes, by a claim row. */
const FIRST_RUN_CLAIM = 'first-run-claim';
/** A claim older than this is from a crashed attempt. */
const FIRST_RUN_CLAIM_STALE_MS = 60_000;

/**
 * Takes the first-run claim (a `server_secret` row holding `sealedValue`), dropping a stale one
 * first; false when another setup holds it.
 */
export async function claimFirstRun(db: Kysely<ServerTables>, now: number, sealedValue: string): Promise<boolean> {
  await db
    .deleteFrom('server_secret')
    .where('name', '=', FIRST_RUN_CLAIM)
    .where('created_at', '<', now - FIRST_RUN_CLAIM_STALE_MS)
    .execute();
  const res = await db
    .insertInto('server_secret')
    .values({ name: FIRST_RUN_CLAIM, value: sealedValue, created_at: now })
    .onConflict((oc) => oc.column('name').doNothing())
    .executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0) === 1;
}

export async function releaseFirstRun(db: Kysely<ServerTables>): Promise<void> {
  await db.deleteFrom('server_secret').where('name', '=', FIRST_RUN_CLAIM).execute();
}
