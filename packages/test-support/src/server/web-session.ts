/**
 * A web user's session for tests of routes a logged-in person calls: logs in through the
 * contract's `POST /api/auth/login` (its answer checked like any other) and returns the headers
 * every later request of that person carries, the session cookie and the CSRF token.
 */
import { accountsApi } from '@bluezone/protocol/api';
import { checkAnswer } from './contract-check';

export type SessionHeaders = { cookie: string; 'x-csrf-token': string };

/** An app's `request`, or `fetch`. */
export type RequestLike = (url: string, init: RequestInit) => Response | Promise<Response>;

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
