// /api/verify against a guesser: one answer for every code it cannot take (issue: code_not_found,
// code_expired and code_already_used told which guesses had hit a real code), a guess limit per
// address shared by every process through the database store (it was per process, and there was
// none but the general rate limit), and the realm hint given only where it says nothing about a code.
import { keyServerApi } from '@bluezone/protocol/api';
import { createTestContext, DIALECTS, type TestContext } from '@bluezone/test-support/server';
import type { Hono } from 'hono';
import { afterEach, describe, expect, it } from 'vitest';
import { createApiKey } from '../src/apikeys/api-key';
import { KEY_SERVER_FEATURES } from '../src/features';
import { createApp } from '../src/http/app';
import type { AppEnv } from '../src/http/app-env';

const MIN = 60_000;
const ACCEPT_ALL = ['confirmed', 'likely', 'negative'];

describe.each(DIALECTS)('/api/verify against guessing on %s', (dialect) => {
  let t: TestContext;
  afterEach(async () => {
    await t?.cleanup();
  });

  async function setUp(env: Record<string, string> = {}) {
    t = await createTestContext(dialect, { TRUST_PROXY: 'true', ...env });
    const keys = async (realm: string) => ({
      admin: (await createApiKey(t.ctx.database, t.clock, 'admin', realm)).key,
      device: (await createApiKey(t.ctx.database, t.clock, 'device', realm)).key,
    });
    return { app: createApp(t.ctx, KEY_SERVER_FEATURES), keys };
  }

  const post = (app: Hono<AppEnv>, path: string, key: string, body: object, address = '203.0.113.7') =>
    app.request(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': key, 'x-forwarded-for': address },
      body: JSON.stringify(body),
    });
  const issue = async (app: Hono<AppEnv>, admin: string, testType = 'confirmed') => {
    const res = await post(app, keyServerApi.issue.path, admin, { testType });
    expect(res.status).toBe(200);
    return (await res.json()) as { code: string; longCode: string };
  };
  const verify = async (app: Hono<AppEnv>, device: string, code: string, accept = ACCEPT_ALL, address?: string) => {
    const res = await post(app, keyServerApi.verify.path, device, { code, accept }, address);
    const body = (await res.json()) as Record<string, unknown>;
    return { status: res.status, code: body.code, detail: body.detail, token: body.token };
  };

  it('answers alike for a code never issued, expired, used or of another realm', async () => {
    const { app, keys } = await setUp();
    const here = await keys('default');
    const there = await keys('other-realm');
    const expired = await issue(app, here.admin);
    const used = await issue(app, here.admin);
    const foreign = await issue(app, there.admin);
    expect((await verify(app, here.device, used.code)).status).toBe(200);
    t.clock.advance(15 * MIN);

    const answers = [
      await verify(app, here.device, '00000000'),
      await verify(app, here.device, 'nosuchlongcode00'),
      await verify(app, here.device, expired.code),
      await verify(app, here.device, used.code),
      await verify(app, here.device, used.longCode),
      await verify(app, here.device, foreign.longCode),
    ];
    for (const a of answers) {
      expect(a).toEqual({
        status: 400,
        code: 'code_invalid',
        detail: 'this code cannot be used; ask the health station for a new one',
        token: undefined,
      });
    }
    // The other realm's code still works in its realm.
    expect((await verify(app, there.device, foreign.longCode)).status).toBe(200);
  });

  it('refuses a test type the app does not accept without using the code up', async () => {
    const { app, keys } = await setUp();
    const here = await keys('default');
    const likely = await issue(app, here.admin, 'likely');
    expect(await verify(app, here.device, likely.code, ['confirmed'])).toMatchObject({
      status: 412,
      code: 'unsupported_test_type',
    });
    expect((await verify(app, here.device, likely.code)).status).toBe(200);
  });

  it("says a code is another realm's only while the app's realm has none on record, for every code alike", async () => {
    const { app, keys } = await setUp();
    const issuing = await keys('default');
    const app2 = await keys('ha-giang'); // an app set up with a device key of a realm that issues nothing
    const code = await issue(app, issuing.admin);
    const real = await verify(app, app2.device, code.code);
    const guessed = await verify(app, app2.device, '12345678');
    expect(real).toMatchObject({ status: 400, code: 'code_other_realm' });
    expect(real.detail).toContain('ha-giang');
    expect(guessed).toEqual(real);
    // Once the realm issues codes, another realm's code is just a code it cannot take.
    await issue(app, app2.admin);
    expect(await verify(app, app2.device, code.code)).toMatchObject({ status: 400, code: 'code_invalid' });
    expect((await verify(app, issuing.device, code.code)).status).toBe(200);
  });

  it('limits guesses per address across processes with RATE_LIMIT_STORE=database; working codes do not count', async () => {
    const { app: first, keys } = await setUp({
      RATE_LIMIT_STORE: 'database',
      VERIFY_GUESSES_PER_ADDRESS_PER_HOUR: '4',
    });
    // A second process on the same database: its own app, limiters and database handle.
    const database = t.testDb.reopen();
    const second = createApp({ ...t.ctx, database }, KEY_SERVER_FEATURES);
    const here = await keys('default');
    const real = await issue(first, here.admin);
    const another = await issue(first, here.admin);

    expect((await verify(first, here.device, '11111111')).status).toBe(400);
    expect((await verify(second, here.device, '22222222')).status).toBe(400);
    expect((await verify(first, here.device, '33333333')).status).toBe(400);
    expect((await verify(second, here.device, '44444444')).status).toBe(400);
    // The fifth guess from this address, in either process, and even a real code, are refused.
    expect(await verify(first, here.device, '55555555')).toMatchObject({ status: 429, code: 'rate_limited' });
    expect(await verify(second, here.device, real.longCode)).toMatchObject({ status: 429, code: 'rate_limited' });
    // Another address is not held back.
    expect((await verify(second, here.device, real.longCode, ACCEPT_ALL, '198.51.100.9')).status).toBe(200);

    // The next hour: a working code is given back, so three misses, a hit and a fourth miss fit.
    t.clock.advance(60 * MIN);
    for (const guess of ['11111111', '22222222', '33333333']) {
      expect((await verify(second, here.device, guess)).status).toBe(400);
    }
    expect((await verify(first, here.device, another.longCode)).status).toBe(200);
    expect((await verify(second, here.device, '44444444')).status).toBe(400);
    expect((await verify(first, here.device, '55555555')).status).toBe(429);
    await database.destroy();
  });

  it('keeps a count per process with the memory store (the default: one process)', async () => {
    const { app: first, keys } = await setUp({ VERIFY_GUESSES_PER_ADDRESS_PER_HOUR: '2' });
    const second = createApp(t.ctx, KEY_SERVER_FEATURES);
    const here = await keys('default');
    await issue(first, here.admin);
    for (const app of [first, first, second, second]) {
      expect((await verify(app, here.device, '11111111')).status).toBe(400);
    }
    expect((await verify(first, here.device, '11111111')).status).toBe(429);
  });
});
