// The login lockout under attack: attempts sent at once, a stranger typing the admin's name,
// and whether the lockout tells which usernames exist.
import { checkedApp, createTestContext, DIALECTS, type TestContext } from '@bluezone/test-support/server';
import type { Hono } from 'hono';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createUser, updateUser } from '../src/accounts/accounts-repository';
import { accountDb } from '../src/accounts/accounts-tables';
import { LOCK_MS, MAX_FAILURES } from '../src/accounts/login';
import type { ScryptParams } from '../src/accounts/password-hash';
import { KEY_SERVER_FEATURES } from '../src/features';
import { createApp } from '../src/http/app';
import type { AppEnv } from '../src/http/app-env';

const FAST: ScryptParams = { N: 1024, r: 8, p: 1 };
const PASSWORD = 'correct horse battery';

describe.each(DIALECTS)('login lockout on %s', (dialect) => {
  let t: TestContext;
  let app: Hono<AppEnv>;

  beforeEach(async () => {
    t = await createTestContext(dialect);
    app = checkedApp(createApp(t.ctx, KEY_SERVER_FEATURES));
    await createUser(
      accountDb(t.ctx.database),
      undefined,
      t.clock,
      { username: 'admin', role: 'admin', password: PASSWORD },
      FAST,
    );
  });
  afterEach(async () => {
    await t.cleanup();
  });

  /** A login from client address `from` (the socket's peer: no proxy is trusted here). */
  const login = (username: string, password: string, from = '198.51.100.1') =>
    Promise.resolve(
      app.request(
        '/api/auth/login',
        {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username, password }),
        },
        { incoming: { socket: { remoteAddress: from } } },
      ),
    );

  it('checks at most the first attempts of a burst: 29 wrong and 1 right sent at once do not get in', async () => {
    const burst = [...Array.from({ length: 29 }, (_, i) => login('admin', `wrong ${i}`)), login('admin', PASSWORD)];
    const answers = await Promise.all(burst);
    const statuses = answers.map((r) => r.status);
    expect(statuses.at(-1)).toBe(429);
    // Only attempts counted within the limit reached a password check: MAX_FAILURES - 1 are
    // "wrong password", the one that used the last try locks, the rest never got checked.
    expect(statuses.filter((s) => s === 401)).toHaveLength(MAX_FAILURES - 1);
    expect(statuses.filter((s) => s === 429)).toHaveLength(30 - (MAX_FAILURES - 1));
  });

  it('locks the username for the address that failed, not for the admin elsewhere', async () => {
    for (let i = 0; i < MAX_FAILURES; i++) await login('admin', 'guess', '203.0.113.66');
    expect((await login('admin', PASSWORD, '203.0.113.66')).status).toBe(429);
    expect((await login('admin', PASSWORD, '198.51.100.1')).status).toBe(200);
    t.clock.advance(LOCK_MS + 1);
    expect((await login('admin', PASSWORD, '203.0.113.66')).status).toBe(200);
  });

  it('answers an unknown username exactly as an existing one, locked or not', async () => {
    const run = async (username: string) => {
      const answers: { status: number; body: unknown }[] = [];
      for (let i = 0; i < MAX_FAILURES + 1; i++) {
        const res = await login(username, 'not the password', '192.0.2.9');
        answers.push({ status: res.status, body: await res.json() });
      }
      return answers;
    };
    const known = await run('admin');
    const unknown = await run('nobody');
    expect(unknown).toEqual(known);
    expect(known.map((a) => a.status)).toEqual([...Array(MAX_FAILURES - 1).fill(401), 429, 429]);
    expect(known.at(-1)?.body).toMatchObject({ code: 'account_locked' });
  });

  it('an admin unlock clears the count from every address', async () => {
    for (const from of ['203.0.113.1', '203.0.113.2']) {
      for (let i = 0; i < MAX_FAILURES; i++) await login('admin', 'guess', from);
    }
    const users = await accountDb(t.ctx.database).selectFrom('account_user').selectAll().execute();
    expect(users[0]?.locked_until).toBe(t.clock.now() + LOCK_MS);
    await updateUser(accountDb(t.ctx.database), Number(users[0]?.id), { failed_logins: 0, locked_until: null });
    expect((await login('admin', PASSWORD, '203.0.113.1')).status).toBe(200);
    expect((await login('admin', PASSWORD, '203.0.113.2')).status).toBe(200);
  });
});
