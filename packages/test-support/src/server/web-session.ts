/**
 * Web users for tests of routes a logged-in person calls: `createTestUser` makes an account on a
 * test context (with cheap scrypt parameters, so a test's logins take milliseconds), and
 * `logInAs` logs in through the contract's `POST /api/auth/login` (its answer checked like any
 * other) and returns the headers every later request of that person carries, the session cookie
 * and the CSRF token.
 */
import { accountsApi } from '@bluezone/protocol/api';
import { accounts } from '@bluezone/server';
import { checkAnswer } from './contract-check';
import type { TestContext } from './test-server';

export type SessionHeaders = { cookie: string; 'x-csrf-token': string };

/** An app's `request`, or `fetch`. */
export type RequestLike = (url: string, init: RequestInit) => Response | Promise<Response>;

/** scrypt at N = 1024: a test's password hashes in about a millisecond; never for real accounts. */
export const TEST_SCRYPT: accounts.ScryptParams = { N: 1024, r: 8, p: 1 };

/** Creates the account as an admin would, through the accounts repository's own checks. */
export async function createTestUser(
  t: Pick<TestContext, 'ctx' | 'clock'>,
  user: accounts.NewUser,
): Promise<accounts.User> {
  return accounts.createUser(accounts.accountDb(t.ctx.database), t.ctx.units, t.clock, user, TEST_SCRYPT);
}

/** `request` is an app's `request` (or `fetch` with `baseUrl`); throws unless the login succeeds. */
export async function logInAs(
  request: RequestLike,
  username: string,
  password: string,
  baseUrl = '',
): Promise<SessionHeaders> {
  const res = await request(`${baseUrl}${accountsApi.login.path}`, {
    method: accountsApi.login.method,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  await checkAnswer(accountsApi.login.method, accountsApi.login.path, res);
  if (res.status !== 200) throw new Error(`login of ${username}: ${res.status} ${await res.text()}`);
  const { csrfToken } = accountsApi.login.response.parse(await res.json());
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  return { cookie, 'x-csrf-token': csrfToken };
}
