// symptomOnsetInterval is a client's number: only a plausible onset (within the last 28 days,
// before now, as Google's publish takes it) is used; anything else is ignored, never stored.
import type { PublishKey } from '@bluezone/protocol';
import { checkedApp, createTestContext, DIALECTS, type TestContext } from '@bluezone/test-support/server';
import type { Hono } from 'hono';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KEY_SERVER_FEATURES } from '../src/features';
import { createApp } from '../src/http/app';
import type { AppEnv } from '../src/http/app-env';
import { certify, createTestApi, dailyKeys, publishBody, type TestApi } from './support/test-api';

const INTERVALS_PER_DAY = 144;

describe.each(DIALECTS)('symptom onset of a publish on %s', (dialect) => {
  let t: TestContext;
  let api: TestApi;
  let app: Hono<AppEnv>;
  beforeEach(async () => {
    t = await createTestContext(dialect);
    api = await createTestApi(t);
    app = checkedApp(createApp(t.ctx, KEY_SERVER_FEATURES));
  });
  afterEach(async () => {
    await t.cleanup();
  });

  const nowInterval = () => Math.floor(t.clock.now() / 600_000);
  /** Publishes two fresh keys with this onset; the certificate carries none (no symptom or test date). */
  const publishWithOnset = async (symptomOnsetInterval: number) => {
    const keys: PublishKey[] = dailyKeys(t.clock.now() - 86_400_000, 2);
    const body = { ...publishBody(keys, await certify(api, keys, 'confirmed')), symptomOnsetInterval };
    return app.request('/v1/publish', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  };
  const lastLog = async () =>
    (await t.ctx.database.db.selectFrom('publish_log').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow())
      .onset_to_upload_days;
  const daysSinceOnset = async () =>
    (
      await t.ctx.database.db.selectFrom('exposure').select('days_since_onset').orderBy('id', 'desc').limit(2).execute()
    ).map((r) => r.days_since_onset);

  it('ignores onsets that are not in the last 28 days, however large', async () => {
    for (const onset of [
      Number.MAX_SAFE_INTEGER,
      2 ** 31,
      0xffffffff,
      nowInterval() + 1,
      nowInterval() - 29 * INTERVALS_PER_DAY,
      1,
    ]) {
      const res = await publishWithOnset(onset);
      expect(res.status, String(onset)).toBe(200);
      expect(await lastLog(), String(onset)).toBeNull();
      expect(await daysSinceOnset(), String(onset)).toEqual([null, null]);
    }
    const stats = await app.request('/api/stats?days=14', { headers: { 'x-api-key': api.admin } });
    expect(stats.status).toBe(200);
    expect(((await stats.json()) as { onsetToUploadDays: unknown[] }).onsetToUploadDays).toEqual([]);
  });

  it('uses a plausible onset', async () => {
    const res = await publishWithOnset(nowInterval() - 3 * INTERVALS_PER_DAY);
    expect(res.status).toBe(200);
    expect(await lastLog()).toBe(3);
    expect((await daysSinceOnset()).sort()).toEqual([1, 2]);
  });
});
