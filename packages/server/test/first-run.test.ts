// First run and the site: the setup status the login page shows, the first administrator created
// in the browser with the setup code (once, and only with the code), demo users named while they
// keep the published password, the public address setting and the app's configuration.
import { checkedApp, createTestContext, DIALECTS, logInAs, type TestContext } from '@bluezone/test-support/server';
import type { Hono } from 'hono';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createUser, updateUser } from '../src/accounts/accounts-repository';
import { accountDb } from '../src/accounts/accounts-tables';
import { DEMO_PASSWORD } from '../src/accounts/demo-password';
import { formatSetupCode, normalizeSetupCode, setupCode } from '../src/accounts/setup-code';
import { findApiKey, revokeApiKey } from '../src/apikeys/api-key';
import { KEY_SERVER_FEATURES } from '../src/features';
import { createApp } from '../src/http/app';
import type { AppEnv } from '../src/http/app-env';

const FAST = { N: 1024, r: 8, p: 1 };
const PASSWORD = 'mật-khẩu-quản-trị';

describe.each(DIALECTS)('first run on %s', (dialect) => {
  let t: TestContext;
  let app: Hono<AppEnv>;

  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    app.request(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
  const status = async () => (await app.request('/api/setup/status')).json();

  beforeEach(async () => {
    t = await createTestContext(dialect);
    app = checkedApp(createApp(t.ctx, KEY_SERVER_FEATURES));
  });
  afterEach(async () => {
    await t.cleanup();
  });

  it('says an empty server needs setup and names its database; a server with real users says neither', async () => {
    expect(await status()).toEqual({
      needsSetup: true,
      database: {
        dialect,
        location: dialect === 'sqlite' ? t.config.dataDir : expect.any(String),
        defaultDataDir: false,
      },
      demoUsers: [],
    });
    await createUser(
      accountDb(t.ctx.database),
      undefined,
      t.clock,
      { username: 'hoa', role: 'admin', password: PASSWORD },
      FAST,
    );
    expect(await status()).toEqual({ needsSetup: false, demoUsers: [] });
  });

  it('creates the first administrator only with the setup code, logs them in, and only once', async () => {
    const code = await setupCode(t.ctx);
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{16}$/);
    expect(await setupCode(t.ctx)).toBe(code); // the same for every process on the database
    const form = { username: 'Hoa', displayName: 'Chị Hoa', password: PASSWORD };

    const wrong = await post('/api/setup', { ...form, setupCode: 'ABCD-EFGH-JKMN-PQRS' });
    expect(wrong.status).toBe(403);
    expect(await wrong.json()).toMatchObject({ code: 'setup_code_invalid', field: 'setupCode' });
    const malformed = await post('/api/setup', { ...form, setupCode: 'let me in' });
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ code: 'invalid_request', field: 'setupCode' });
    const crossSite = await app.request('http://bluezone.test/api/setup', {
      method: 'POST',
      headers: { 'content-type': 'application/json', host: 'bluezone.test', origin: 'https://evil.example' },
      body: JSON.stringify({ ...form, setupCode: code }),
    });
    expect(crossSite.status).toBe(403);
    const short = await post('/api/setup', { ...form, password: 'short', setupCode: code });
    expect(short.status).toBe(400);
    expect((await status()).needsSetup).toBe(true);

    // Typed as people do: lower case, look-alikes, dashes anywhere.
    const typed = formatSetupCode(code).toLowerCase().replaceAll('1', 'l').replaceAll('0', 'o');
    expect(normalizeSetupCode(typed)).toBe(code);
    const ok = await post('/api/setup', { ...form, setupCode: typed });
    expect(ok.status).toBe(201);
    const body = (await ok.json()) as { user: { username: string; role: string }; csrfToken: string };
    expect(body.user).toMatchObject({ username: 'hoa', displayName: 'Chị Hoa', role: 'admin' });
    const cookie = (ok.headers.get('set-cookie') ?? '').split(';')[0] as string;
    const me = await app.request('/api/auth/me', { headers: { cookie } });
    expect(await me.json()).toMatchObject({ user: { username: 'hoa' }, csrfToken: body.csrfToken });

    const again = await post('/api/setup', { ...form, username: 'mallory', setupCode: code });
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ code: 'already_set_up' });
    expect(await status()).toEqual({ needsSetup: false, demoUsers: [] });
  });

  it('names demo users while they keep the published password', async () => {
    const db = accountDb(t.ctx.database);
    const admin = await createUser(
      db,
      undefined,
      t.clock,
      { username: 'admin', role: 'admin', password: DEMO_PASSWORD, demo: true },
      FAST,
    );
    await createUser(
      db,
      undefined,
      t.clock,
      { username: 'huyen', role: 'district', password: DEMO_PASSWORD, demo: true },
      FAST,
    );
    expect(await status()).toMatchObject({
      needsSetup: false,
      database: { dialect },
      demoUsers: ['admin', 'huyen'],
      demoPassword: DEMO_PASSWORD,
    });
    await updateUser(db, admin.id, { password_hash: 'scrypt$changed' });
    expect(await status()).toMatchObject({ demoUsers: ['huyen'] });
    await createUser(db, undefined, t.clock, { username: 'hoa', role: 'admin', password: PASSWORD }, FAST);
    expect(await status()).toEqual({ needsSetup: false, demoUsers: ['huyen'], demoPassword: DEMO_PASSWORD });
  });
});

describe.each(DIALECTS)('the site on %s', (dialect) => {
  let t: TestContext;

  afterEach(async () => {
    await t.cleanup();
  });

  async function adminSession(app: Hono<AppEnv>) {
    await createUser(
      accountDb(t.ctx.database),
      undefined,
      t.clock,
      { username: 'hoa', role: 'admin', password: PASSWORD },
      FAST,
    );
    await createUser(
      accountDb(t.ctx.database),
      undefined,
      t.clock,
      { username: 'huyen', role: 'district', password: PASSWORD },
      FAST,
    );
    const login = (username: string) => logInAs(app.request, username, PASSWORD);
    return { admin: await login('hoa'), district: await login('huyen') };
  }

  it("serves the app's configuration with a working device key, replaced once revoked", async () => {
    t = await createTestContext(dialect, { EXPORT_REGION: 'VN', HEALTH_AUTHORITY_ID: 'vn.bluezone' });
    const app = checkedApp(createApp(t.ctx, KEY_SERVER_FEATURES));
    const res = await app.request('http://bluezone.test:8080/api/app-config');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-cache');
    const config = (await res.json()) as { apiKey: string; exportKeys: unknown[] };
    expect(config).toMatchObject({
      region: 'VN',
      healthAuthorityID: 'vn.bluezone',
      publicBaseUrl: 'http://bluezone.test:8080',
      exportBaseUrl: 'http://bluezone.test:8080/exports/',
      installBaseUrl: 'http://bluezone.test:8080/app/',
    });
    expect(config.apiKey).toMatch(/^bzd_/);
    expect(await findApiKey(t.ctx.database, config.apiKey)).toMatchObject({ role: 'device' });
    const again = (await (await app.request('/api/app-config')).json()) as { apiKey: string };
    expect(again.apiKey).toBe(config.apiKey);
    // The key is stored sealed, never in clear.
    const stored = await t.ctx.database.db.selectFrom('server_secret').selectAll().execute();
    expect(JSON.stringify(stored)).not.toContain(config.apiKey);

    const id = (await findApiKey(t.ctx.database, config.apiKey))?.id as number;
    await revokeApiKey(t.ctx.database, t.clock, id);
    const replaced = (await (await app.request('/api/app-config')).json()) as { apiKey: string };
    expect(replaced.apiKey).not.toBe(config.apiKey);
    expect(await findApiKey(t.ctx.database, replaced.apiKey)).toMatchObject({ role: 'device' });
  });

  it('keeps the public address an admin saves, for every link, unless PUBLIC_BASE_URL is set', async () => {
    t = await createTestContext(dialect);
    const app = checkedApp(createApp(t.ctx, KEY_SERVER_FEATURES));
    const { admin, district } = await adminSession(app);
    const get = await app.request('http://10.0.0.5:8080/api/site', { headers: admin });
    expect(await get.json()).toEqual({ publicBaseUrl: 'http://10.0.0.5:8080', publicBaseUrlSource: 'default' });
    const patch = (headers: Record<string, string>, publicBaseUrl: string) =>
      app.request('/api/site', {
        method: 'PATCH',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ publicBaseUrl }),
      });
    expect((await patch(district, 'https://x.example')).status).toBe(403);
    const bad = await patch(admin, 'bluezone.namdong.gov.vn');
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ field: 'publicBaseUrl' });
    const saved = await patch(admin, 'https://bluezone.namdong.gov.vn/');
    expect(await saved.json()).toEqual({
      publicBaseUrl: 'https://bluezone.namdong.gov.vn',
      publicBaseUrlSource: 'setting',
    });
    const config = await (await app.request('http://10.0.0.5:8080/api/app-config')).json();
    expect(config).toMatchObject({ installBaseUrl: 'https://bluezone.namdong.gov.vn/app/' });
    await t.cleanup();

    t = await createTestContext(dialect, { PUBLIC_BASE_URL: 'https://bz.example.vn/' });
    const pinned = checkedApp(createApp(t.ctx, KEY_SERVER_FEATURES));
    const sessions = await adminSession(pinned);
    const res = await pinned.request('/api/site', {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', ...sessions.admin },
      body: JSON.stringify({ publicBaseUrl: 'https://other.example' }),
    });
    expect(res.status).toBe(409);
    expect(await (await pinned.request('/api/site', { headers: sessions.admin })).json()).toEqual({
      publicBaseUrl: 'https://bz.example.vn',
      publicBaseUrlSource: 'environment',
    });
  });
});
