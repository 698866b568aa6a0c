// One key, several base64 spellings: decoding ignores the last character's unused bits, so
// `…6Q==`, `…6R==` and `…6S==` are the same 16 bytes. Publish takes the canonical spelling only;
// keys stored in other spellings before are made canonical by migration publish/0005, and an
// export lists each key's bytes once.
import { randomBytes } from 'node:crypto';
import { type PublishKey, readExportZip, toBase64 } from '@bluezone/protocol';
import { keyServerApi } from '@bluezone/protocol/api';
import { createTestContext, DIALECTS, type TestContext } from '@bluezone/test-support/server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runExport } from '../src/export/export-worker';
import { exportQueueDb } from '../src/publish/export-queue';
import { publishMigrations } from '../src/publish/publish-migrations';
import { certify, createTestApi, dailyKeys, publishBody, type TestApi } from './support/test-api';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** The same key with the unused low bits of its last character set to `low` (1..15). */
function respelt(key: string, low: number): string {
  const value = ALPHABET.indexOf(key[21] as string);
  return `${key.slice(0, 21)}${ALPHABET[(value & ~15) | low]}==`;
}

describe.each(DIALECTS)('publish and export of one key in several spellings on %s', (dialect) => {
  let t: TestContext;
  let api: TestApi;
  beforeEach(async () => {
    t = await createTestContext(dialect, { EXPORT_MIN_RECORDS: '0', EXPORT_PADDING_JITTER: '0' });
    api = await createTestApi(t);
  });
  afterEach(async () => {
    await t.cleanup();
  });

  const publish = async (keys: PublishKey[]) =>
    api.call(keyServerApi.publish, publishBody(keys, await certify(api, keys, 'confirmed')));

  const exportedKeys = async (): Promise<string[]> => {
    t.clock.advance(60_000);
    const result = await runExport(t.ctx, { closeNow: true });
    const keys: string[] = [];
    for (const path of result.batch?.files ?? []) {
      const bytes = await t.ctx.blobs.get(path);
      if (!bytes) throw new Error(`no blob ${path}`);
      keys.push(...readExportZip(bytes).keys.map((k) => toBase64(k.keyData)));
    }
    return keys;
  };

  /** An exposure row as publish stores it, 50 hours old and publishable now, written directly. */
  const storedRow = (key: string) => ({
    key,
    region: 'VN',
    transmission_risk: 2,
    rolling_start: Math.floor(t.clock.now() / 600_000) - 300,
    rolling_period: 144,
    report_type: 1,
    days_since_onset: null,
    traveler: 0,
    health_authority_id: 'vn.bluezone',
    created_at: t.clock.now(),
    publishable_at: t.clock.now(),
  });

  it('refuses a key spelt with non-zero unused bits, alone or beside its canonical spelling', async () => {
    const [yesterday] = dailyKeys(t.clock.now() - 86_400_000, 1) as [PublishKey];
    const canonical = yesterday.key;
    expect((await publish([yesterday])).status).toBe(200);
    for (const keys of [
      [{ ...yesterday, key: respelt(canonical, 1) }],
      [{ ...yesterday, key: respelt(canonical, 2) }],
    ]) {
      const res = await publish(keys);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ code: 'invalid_key' });
      expect(String(res.body.error)).toContain('canonical');
    }
    const [other] = dailyKeys(t.clock.now() - 2 * 86_400_000, 1) as [PublishKey];
    const both = await publish([other, { ...other, key: respelt(other.key, 5) }]);
    expect(both.status).toBe(400);
    expect(await exportedKeys()).toEqual([canonical]);
  });

  it('migration 0005 keeps one row per key, canonically spelt, and the export lists it once', async () => {
    // A database from before: the same key stored under three spellings (one of them queued
    // after the others were exported), and another key stored only in a non-canonical spelling.
    const base = toBase64(randomBytes(16));
    const canonical = respelt(base, 0);
    const lone = toBase64(randomBytes(16));
    const { db } = t.ctx.database;
    await db
      .insertInto('exposure')
      .values([respelt(base, 6), respelt(base, 1), respelt(lone, 9), canonical].map(storedRow))
      .execute();
    const queued = () => exportQueueDb(t.ctx.database).selectFrom('export_queue').select('exposure_id').execute();
    const before = await queued();
    expect(before).toHaveLength(4);

    await publishMigrations['0005_canonical_exposure_keys']?.up(db, dialect);

    const stored = await db.selectFrom('exposure').select(['key']).orderBy('key').execute();
    expect(stored.map((r) => r.key).sort()).toEqual([canonical, respelt(lone, 0)].sort());
    expect(await queued()).toHaveLength(2);
    expect((await exportedKeys()).sort()).toEqual([canonical, respelt(lone, 0)].sort());
  });

  it('an export lists the bytes of a key stored twice once', async () => {
    // Rows the migration has not seen yet (a process still running the old code beside it).
    const base = toBase64(randomBytes(16));
    const values = [respelt(base, 0), respelt(base, 3)].map(storedRow);
    await t.ctx.database.db.insertInto('exposure').values(values).execute();
    expect(await exportedKeys()).toEqual([respelt(base, 0)]);
  });
});
