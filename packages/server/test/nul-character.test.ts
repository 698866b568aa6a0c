// The NUL character (U+0000) in a body, a path or a query (found by the fuzz suite on PostgreSQL:
// a login with `"username": "\u0000"` and `/api/issued-codes/%00/revoke` were 500s there, since
// PostgreSQL refuses it in text): a 400 problem on both databases, nothing stored.
import { createTestContext, DIALECTS, type TestContext } from '@bluezone/test-support/server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createUser } from '../src/accounts/accounts-repository';
import { accountDb } from '../src/accounts/accounts-tables';
import type { ScryptParams } from '../src/accounts/password-hash';
import { KEY_SERVER_FEATURES } from '../src/features';
import { createApp } from '../src/http/app';

const PASSWORD = 'a password for the test';
const FAST: ScryptParams = { N: 1024, r: 8, p: 1 };

describe.each(DIALECTS)('the NUL character on %s', (dialect) => {
  let t: TestContext;
  beforeEach(async () => {
    t = await createTestContext(dialect);
  });
  afterEach(async () => {
    await t.cleanup();
  });

  it('is a 400 problem in a JSON body, naming the field, before any query', async () => {
    const app = createApp(t.ctx, KEY_SERVER_FEATURES);
    const res = await app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: '\u0000', password: 'x' }),
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: 'invalid_request', field: 'username' });
    const throttled = await accountDb(t.ctx.database).selectFrom('account_login_throttle').selectAll().execute();
    expect(throttled).toEqual([]);
  });

  it('is a 400 problem in a path parameter', async () => {
    const app = createApp(t.ctx, KEY_SERVER_FEATURES);
    const db = accountDb(t.ctx.database);
    await createUser(db, undefined, t.clock, { username: 'yte', role: 'health_staff', password: PASSWORD }, FAST);
    const login = await app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'yte', password: PASSWORD }),
    });
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] as string;
    const res = await app.request('/api/issued-codes/%00/revoke', {
      method: 'POST',
      headers: { cookie, 'x-csrf-token': csrfToken },
    });
    expect(res.status).toBeLessThan(500);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
  });
});
