// Web sessions on the toolkit's routes: the key server's request principal (a logged-in user)
// becomes a rollout scope — admin and district users see the district, a unit manager their
// subtree, a gatekeeper their checkpoints only, health staff nothing.
import { type AppEnv, createApp } from '@bluezone/server';
import { checkedApp, createTestUser, DIALECTS, logInAs } from '@bluezone/test-support/server';
import type { Hono } from 'hono';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seedUnitsIfEmpty } from '../../src/units/units-repository';
import { createRolloutTestContext, type RolloutTestContext } from '../support/rollout-test-context';

const PASSWORD = 'correct horse battery';

describe.each(DIALECTS)('rollout scopes of web sessions on %s', (dialect) => {
  let t: RolloutTestContext;
  let app: Hono<AppEnv>;

  beforeEach(async () => {
    t = await createRolloutTestContext(dialect);
    app = checkedApp(createApp(t.ctx, t.features));
    await seedUnitsIfEmpty(t.db, t.clock);
    const users: [string, string, string | null][] = [
      ['huyen', 'district', null],
      ['yte', 'health_staff', null],
      ['huongphu', 'unit_manager', '20164'],
      ['baove', 'gatekeeper', '483-UBND'],
    ];
    for (const [username, role, unitCode] of users) {
      await createTestUser(t, { username, role, unitCode, password: PASSWORD });
    }
  });
  afterEach(async () => {
    await t.cleanup();
  });

  const login = (username: string) => logInAs(app.request, username, PASSWORD);
  const post = (path: string, body: unknown, headers: Record<string, string>) =>
    app.request(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });

  it('maps roles onto rollout scopes: unit managers see only their subtree', async () => {
    const health = await login('yte');
    expect((await app.request('/api/rollout/coverage', { headers: health })).status).toBe(403);

    const district = await login('huyen');
    const all = await app.request('/api/rollout/coverage', { headers: district });
    expect(all.status).toBe(200);
    expect(await all.json()).toMatchObject({ root: '483' });

    const manager = await login('huongphu');
    const own = await app.request('/api/rollout/coverage', { headers: manager });
    expect(own.status).toBe(200);
    const report = (await own.json()) as { root: string; units: { code: string }[] };
    expect(report.root).toBe('20164');
    expect(report.units.every((u) => u.code.startsWith('20164'))).toBe(true);
    const other = await app.request('/api/rollout/coverage?unit=20167', { headers: manager });
    expect(other.status).toBe(403);
    const roster = await post('/api/rollout/units/20164-UBND/roster', { name: 'Nguyễn Văn A' }, manager);
    expect(roster.status).toBe(201);
    const outside = await post('/api/rollout/units/20161-THPT/roster', { name: 'Trần B' }, manager);
    expect(outside.status).toBe(403);

    const gate = await login('baove');
    expect((await app.request('/api/rollout/units', { headers: gate })).status).toBe(403);
    expect((await app.request('/api/rollout/checkpoints', { headers: gate })).status).toBe(200);
  });

  it('refuses a unit-scoped user whose unit the toolkit does not know', async () => {
    const created = createTestUser(t, { username: 'x5', role: 'unit_manager', unitCode: '99999', password: PASSWORD });
    await expect(created).rejects.toMatchObject({ code: 'unknown_unit', status: 404 });
  });
});
