import { readExportZip, verifyExportSignature } from '@bluezone/protocol';
import { nodeBackend } from '@bluezone/protocol/node';
import { checkedApp, createTestContext, DIALECTS, logInAs, type TestContext } from '@bluezone/test-support/server';
import type { Hono } from 'hono';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createUser } from '../src/accounts/accounts-repository';
import { accountDb } from '../src/accounts/accounts-tables';
import type { ScryptParams } from '../src/accounts/password-hash';
import { createApiKey } from '../src/apikeys/api-key';
import { runExport } from '../src/export/export-worker';
import { KEY_SERVER_FEATURES } from '../src/features';
import { createApp } from '../src/http/app';
import type { AppEnv } from '../src/http/app-env';

const FAST: ScryptParams = { N: 1024, r: 8, p: 1 };
const PASSWORD = 'correct horse battery';

describe.each(DIALECTS)('POST /api/export-keys/rotate on %s', (dialect) => {
  let t: TestContext;
  let app: Hono<AppEnv>;
  beforeEach(async () => {
    t = await createTestContext(dialect, { EXPORT_MIN_RECORDS: '50', EXPORT_PADDING_JITTER: '10' });
    app = checkedApp(createApp(t.ctx, KEY_SERVER_FEATURES));
    for (const [username, role] of [
      ['admin', 'admin'],
      ['huyen', 'district'],
    ] as const) {
      await createUser(
        accountDb(t.ctx.database),
        t.ctx.units,
        t.clock,
        { username, role, unitCode: null, password: PASSWORD },
        FAST,
      );
    }
  });
  afterEach(async () => {
    await t.cleanup();
  });

  const rotate = (headers: Record<string, string> = {}) =>
    app.request('/api/export-keys/rotate', { method: 'POST', headers });
  const login = (username: string) => logInAs(app.request, username, PASSWORD);
  async function versions(): Promise<[string, boolean][]> {
    const body = (await (await app.request('/api/export-keys')).json()) as {
      keys: { keyVersion: string; active: boolean }[];
    };
    return body.keys.map((k) => [k.keyVersion, k.active]);
  }
  async function expectProblem(res: Response, status: number) {
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  }

  it('refuses callers who are not admins, and rotates nothing', async () => {
    await runExport(t.ctx, { closeNow: true }); // creates v1
    const device = await createApiKey(t.ctx.database, t.clock, 'device', 'default');
    await expectProblem(await rotate(), 401);
    await expectProblem(await rotate({ 'x-api-key': 'bz_not_a_key' }), 401);
    await expectProblem(await rotate({ 'x-api-key': device.key }), 403);
    await expectProblem(await rotate(await login('huyen')), 403);
    const { 'x-csrf-token': _, ...noCsrf } = await login('admin');
    await expectProblem(await rotate(noCsrf), 403);
    expect(await versions()).toEqual([['v1', true]]);
  });

  it('rotates for an admin key or an admin session: new key listed, old one kept for the overlap, exports signed by the new key', async () => {
    await runExport(t.ctx, { closeNow: true });
    const admin = await createApiKey(t.ctx.database, t.clock, 'admin', 'default');
    const res = await rotate({ 'x-api-key': admin.key });
    expect(res.status).toBe(201);
    const rotated = (await res.json()) as { keyId: string; keyVersion: string; publicKeyPem: string };
    expect(rotated).toMatchObject({ keyId: '452', keyVersion: 'v2' });
    expect(rotated.publicKeyPem).toMatch(/^-----BEGIN PUBLIC KEY-----/);
    expect(await versions()).toEqual([
      ['v1', true],
      ['v2', true],
    ]);
    t.clock.advance(60_000);
    const run = await runExport(t.ctx, { closeNow: true });
    const file = readExportZip(
      new Uint8Array(await (await app.request(`/exports/${run.batch?.files[0]}`)).arrayBuffer()),
    );
    expect(verifyExportSignature(nodeBackend, file, rotated.publicKeyPem)).toBe(true);

    const session = await rotate(await login('admin'));
    expect(session.status).toBe(201);
    expect(((await session.json()) as { keyVersion: string }).keyVersion).toBe('v3');
    expect((await versions()).map(([v]) => v)).toEqual(['v1', 'v2', 'v3']);
  });
});
