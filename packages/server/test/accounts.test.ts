import { checkedApp, createTestContext, DIALECTS, type TestContext } from '@bluezone/test-support/server';
import type { Hono } from 'hono';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createUser } from '../src/accounts/accounts-repository';
import { accountDb } from '../src/accounts/accounts-tables';
import { LOCK_MS, MAX_FAILURES } from '../src/accounts/login';
import { hashPassword, type ScryptParams, verifyPassword } from '../src/accounts/password-hash';
import { SESSION_TTL_MS } from '../src/accounts/session-store';
import { createApiKey } from '../src/apikeys/api-key';
import { KEY_SERVER_FEATURES } from '../src/features';
import { createApp } from '../src/http/app';
import type { AppEnv } from '../src/http/app-env';
import { fakeUnitDirectory } from './support/fake-units';

/** Cheap scrypt for test users; the stored parameters make verification use the same. */
const FAST: ScryptParams = { N: 1024, r: 8, p: 1 };
const PASSWORD = 'correct horse battery';

describe('password hashing (scrypt)', () => {
  it('verifies the right password only, with a fresh salt each time and its parameters stored', async () => {
    const a = await hashPassword('mật khẩu dài', FAST);
    const b = await hashPassword('mật khẩu dài', FAST);
    expect(a).toMatch(/^scrypt\$1024\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword('mật khẩu dài', a)).toBe(true);
    // NFC normalisation: the same text typed with combining marks still matches.
    expect(await verifyPassword('mật khẩu dài'.normalize('NFD'), a)).toBe(true);
    expect(await verifyPassword('mat khau dai', a)).toBe(false);
    expect(await verifyPassword('mật khẩu dài', 'bcrypt$whatever')).toBe(false);
    expect(await verifyPassword('mật khẩu dài', a.replace('$1024$', '$99999999$'))).toBe(false);
  });
});

describe.each(DIALECTS)('web accounts on %s', (dialect) => {
  let t: TestContext;
  let app: Hono<AppEnv>;

  beforeEach(async () => {
    t = await createTestContext(dialect);
    app = checkedApp(createApp(t.ctx, KEY_SERVER_FEATURES));
    // In the whole product the rollout toolkit provides the units (its tests cover sessions there).
    t.ctx.units = fakeUnitDirectory(['20164', '20173', '483-UBND']);
    const units = t.ctx.units;
    const db = accountDb(t.ctx.database);
    const users: [string, string, string | null][] = [
      ['admin', 'admin', null],
      ['huyen', 'district', null],
      ['yte', 'health_staff', null],
      ['huongphu', 'unit_manager', '20164'],
      ['baove', 'gatekeeper', '483-UBND'],
    ];
    for (const [username, role, unitCode] of users) {
      await createUser(db, units, t.clock, { username, role, unitCode, password: PASSWORD }, FAST);
    }
  });
  afterEach(async () => {
    await t.cleanup();
  });

  interface Session {
    cookie: string;
    csrf: string;
  }

  const json = (body: unknown) => ({ 'content-type': 'application/json', body: JSON.stringify(body) });
  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    app.request(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
  const loginRes = (username: string, password = PASSWORD, url = '/api/auth/login') =>
    post(url, { username, password });
  async function login(username: string): Promise<Session> {
    const res = await loginRes(username);
    expect(res.status).toBe(200);
    const setCookie = res.headers.get('set-cookie') ?? '';
    const body = (await res.json()) as { csrfToken: string };
    return { cookie: setCookie.split(';')[0] as string, csrf: body.csrfToken };
  }
  const withSession = (s: Session, csrf = true) => ({ cookie: s.cookie, ...(csrf ? { 'x-csrf-token': s.csrf } : {}) });
  const issue = (s: Session, csrf = true) =>
    post('/api/issue', { testType: 'confirmed', testDate: '2026-11-19' }, withSession(s, csrf));

  it('logs in with an HttpOnly SameSite=Lax cookie whose id is stored only as a hash', async () => {
    const res = await loginRes('HuYen');
    expect(res.status).toBe(200);
    const setCookie = res.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/^bz_session=[A-Za-z0-9_-]{43};/);
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Lax');
    expect(setCookie).not.toContain('Secure');
    expect(setCookie).toContain(`Max-Age=${SESSION_TTL_MS / 1000}`);
    const id = (setCookie.split(';')[0] as string).slice('bz_session='.length);
    const rows = await accountDb(t.ctx.database).selectFrom('account_session').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]?.id_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(rows)).not.toContain(id);

    const body = (await res.json()) as { user: { username: string; role: string }; csrfToken: string };
    expect(body.user).toMatchObject({ username: 'huyen', role: 'district', unitCode: null });
    const me = await app.request('/api/auth/me', { headers: { cookie: setCookie.split(';')[0] as string } });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ user: { username: 'huyen' }, csrfToken: body.csrfToken });
    expect((await app.request('/api/auth/me')).status).toBe(401);
  });

  it('refuses a login posted from another site (login CSRF)', async () => {
    const login = (origin: string) =>
      app.request('http://bluezone.test/api/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json', host: 'bluezone.test', origin },
        body: JSON.stringify({ username: 'huyen', password: PASSWORD }),
      });
    const evil = await login('https://evil.example');
    expect(evil.status).toBe(403);
    expect(await evil.json()).toMatchObject({ code: 'csrf_failed' });
    expect((await login('http://bluezone.test')).status).toBe(200);
  });

  it('marks the cookie Secure over TLS', async () => {
    const res = await loginRes('huyen', PASSWORD, 'https://bluezone.test/api/auth/login');
    expect(res.headers.get('set-cookie')).toContain('Secure');
  });

  it(`locks an account for 15 minutes after ${MAX_FAILURES} wrong passwords, then lets the right one in`, async () => {
    for (let i = 1; i < MAX_FAILURES; i++) {
      const res = await loginRes('yte', 'wrong password');
      expect(res.status).toBe(401);
      expect(await res.json()).toMatchObject({ code: 'invalid_credentials' });
    }
    const locking = await loginRes('yte', 'wrong password');
    expect(locking.status).toBe(429);
    expect(await locking.json()).toMatchObject({ code: 'account_locked' });
    // Even the right password is refused while locked.
    const locked = await loginRes('yte');
    expect(locked.status).toBe(429);
    t.clock.advance(LOCK_MS - 1000);
    expect((await loginRes('yte')).status).toBe(429);
    t.clock.advance(2000);
    expect((await loginRes('yte')).status).toBe(200);
    // Success resets the count: four more failures do not lock.
    for (let i = 1; i < MAX_FAILURES; i++) expect((await loginRes('yte', 'nope nope')).status).toBe(401);
    expect((await loginRes('yte')).status).toBe(200);
  });

  it('answers an unknown user exactly like a wrong password', async () => {
    const res = await loginRes('nobody');
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ code: 'invalid_credentials', detail: 'wrong username or password' });
  });

  it('requires the CSRF token on state-changing requests made with the cookie', async () => {
    const s = await login('yte');
    const without = await issue(s, false);
    expect(without.status).toBe(403);
    expect(await without.json()).toMatchObject({ code: 'csrf_failed' });
    const wrong = await post(
      '/api/issue',
      { testType: 'confirmed' },
      { cookie: s.cookie, 'x-csrf-token': 'x'.repeat(43) },
    );
    expect(wrong.status).toBe(403);
    const ok = await issue(s);
    expect(ok.status).toBe(200);
    const { uuid } = (await ok.json()) as { uuid: string };
    const status = await post('/api/checkcodestatus', { uuid }, withSession(s));
    expect(status.status).toBe(200);
    expect(await status.json()).toMatchObject({ claimed: false });
    expect((await post('/api/expirecode', { uuid }, withSession(s))).status).toBe(200);
  });

  it('maps roles onto API-key checks: admin and district act as an admin key, health staff only on the console', async () => {
    const health = await login('yte');
    expect((await issue(health)).status).toBe(200);
    const stats = await app.request('/api/stats', { headers: withSession(health) });
    expect(stats.status).toBe(403);
    expect(await stats.json()).toMatchObject({ code: 'forbidden' });

    const district = await login('huyen');
    expect((await issue(district)).status).toBe(200);
    expect((await app.request('/api/stats', { headers: withSession(district) })).status).toBe(200);

    const manager = await login('huongphu');
    expect((await issue(manager)).status).toBe(403);
    const gate = await login('baove');
    expect((await issue(gate)).status).toBe(403);
  });

  it('creates unit-scoped users only when a feature provides units', async () => {
    t.ctx.units = undefined;
    const admin = await login('admin');
    const res = await post(
      '/api/accounts/users',
      { username: 'thuongquang', role: 'unit_manager', unitCode: '20173', password: PASSWORD },
      withSession(admin),
    );
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: 'invalid_request' });
  });

  it('lets an X-API-Key request ignore the cookie, and a device key never comes from a session', async () => {
    const admin = (await createApiKey(t.ctx.database, t.clock, 'admin')).key;
    const s = await login('yte');
    // With a key the cookie is not consulted, so no CSRF token is needed.
    const res = await post('/api/issue', { testType: 'likely' }, { cookie: s.cookie, 'x-api-key': admin });
    expect(res.status).toBe(200);
    const verify = await post('/api/verify', { code: '12345678' }, withSession(s));
    expect(verify.status).toBe(403);
  });

  it('ends sessions at logout and at expiry', async () => {
    const s = await login('huyen');
    expect((await post('/api/auth/logout', {}, withSession(s))).status).toBe(204);
    expect((await app.request('/api/auth/me', { headers: withSession(s) })).status).toBe(401);
    const s2 = await login('huyen');
    t.clock.advance(SESSION_TTL_MS + 1);
    expect((await app.request('/api/auth/me', { headers: withSession(s2) })).status).toBe(401);
    expect((await issue(s2)).status).toBe(401);
  });

  it('lets admins manage users and API keys, and nobody else', async () => {
    const admin = await login('admin');
    const district = await login('huyen');
    expect((await app.request('/api/accounts/users', { headers: withSession(district) })).status).toBe(403);
    const list = await app.request('/api/accounts/users', { headers: withSession(admin) });
    expect(((await list.json()) as { users: unknown[] }).users).toHaveLength(5);

    const bad = [
      { username: 'x1', role: 'root', password: PASSWORD },
      { username: 'x2', role: 'unit_manager', password: PASSWORD },
      { username: 'x3', role: 'district', unitCode: '20164', password: PASSWORD },
      { username: 'x4', role: 'district', password: 'short' },
      { username: 'no spaces', role: 'district', password: PASSWORD },
    ];
    for (const body of bad) {
      const res = await post('/api/accounts/users', body, withSession(admin));
      expect(res.status, JSON.stringify(body)).toBe(400);
    }
    const unknownUnit = await post(
      '/api/accounts/users',
      { username: 'x5', role: 'unit_manager', unitCode: '99999', password: PASSWORD },
      withSession(admin),
    );
    expect(unknownUnit.status).toBe(404);
    const dup = await post(
      '/api/accounts/users',
      { username: 'yte', role: 'district', password: PASSWORD },
      withSession(admin),
    );
    expect(dup.status).toBe(409);

    const created = await post(
      '/api/accounts/users',
      {
        username: 'thuongquang',
        displayName: 'Xã Thượng Quảng',
        role: 'unit_manager',
        unitCode: '20173',
        password: PASSWORD,
      },
      withSession(admin),
    );
    expect(created.status).toBe(201);
    const { user } = (await created.json()) as { user: { id: number } };
    const tq = await login('thuongquang');
    // Disabling logs the user out at once.
    const patch = await app.request(`/api/accounts/users/${user.id}`, {
      method: 'PATCH',
      headers: withSession(admin),
      ...json({ disabled: true }),
    });
    expect(patch.status).toBe(200);
    expect((await app.request('/api/auth/me', { headers: withSession(tq) })).status).toBe(401);
    expect((await loginRes('thuongquang')).status).toBe(401);

    const key = await post('/api/accounts/api-keys', { role: 'device' }, withSession(admin));
    expect(key.status).toBe(201);
    const k = (await key.json()) as { id: number; key: string };
    expect(k.key).toMatch(/^bzd_/);
    const keys = (await (await app.request('/api/accounts/api-keys', { headers: withSession(admin) })).json()) as {
      keys: { id: number; prefix: string }[];
    };
    expect(JSON.stringify(keys)).not.toContain(k.key);
    expect(keys.keys.map((x) => x.id)).toContain(k.id);
    expect((await post(`/api/accounts/api-keys/${k.id}/revoke`, {}, withSession(admin))).status).toBe(200);
    expect((await post(`/api/accounts/api-keys/${k.id}/revoke`, {}, withSession(admin))).status).toBe(404);
    expect((await post('/api/verify', { code: '12345678' }, { 'x-api-key': k.key })).status).toBe(401);
  });
});
