// /api/issue with a phone the SMS layer refuses (the fuzz suite's finding: "06265844" passes the
// contract's 8-15 digits but is no Vietnamese mobile) answers 400 invalid_phone and stores
// nothing; before, the code was issued first and stayed in the database, live, for nobody.
import { type AppEnv, createApiKey, createApp } from '@bluezone/server';
import { DIALECTS } from '@bluezone/test-support/server';
import type { Hono } from 'hono';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRolloutTestContext, type RolloutTestContext } from '../support/rollout-test-context';

describe.each(DIALECTS)('issuing a code for a phone on %s', (dialect) => {
  let t: RolloutTestContext;
  let app: Hono<AppEnv>;
  let admin: string;
  beforeEach(async () => {
    t = await createRolloutTestContext(dialect);
    app = createApp(t.ctx, t.features);
    admin = (await createApiKey(t.ctx.database, t.clock, 'admin')).key;
  });
  afterEach(async () => {
    await t.cleanup();
  });

  const issue = (phone: string) =>
    app.request('/api/issue', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': admin },
      body: JSON.stringify({ testType: 'confirmed', phone }),
    });
  const rows = async (table: 'verification_code' | 'rollout_outbox') =>
    Number(
      (await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(t.ctx.database.db)).rows[0]?.n,
    );

  it('refuses a number the SMS layer cannot reach before a code exists', async () => {
    for (const phone of ['06265844', '02838221234']) {
      const res = await issue(phone);
      expect(res.status, phone).toBe(400);
      expect(await res.json(), phone).toMatchObject({ code: 'invalid_phone' });
    }
    expect(await rows('verification_code')).toBe(0);
    expect(await rows('rollout_outbox')).toBe(0);
  });

  it('issues and queues the SMS for a Vietnamese mobile', async () => {
    expect((await issue('0912345678')).status).toBe(200);
    expect(await rows('verification_code')).toBe(1);
    expect(await rows('rollout_outbox')).toBe(1);
  });
});
