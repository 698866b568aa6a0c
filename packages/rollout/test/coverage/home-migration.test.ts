// Migration 0011 on a database an older version filled: installs it had counted at an
// organisation (its QR scanned, or a relative invited by someone counted there) said nothing of
// where they live. They move to the commune or town above the organisation, so every commune's and
// the district's totals stay as they were; those that scanned the organisation's QR keep it as
// who brought them in, so its own figure stays too; their day rows move with them.
import { type Feature, migrateToLatest } from '@bluezone/server';
import { createTestDatabase, DIALECTS, TEST_EPOCH, type TestDatabase } from '@bluezone/test-support/server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { coverageReport } from '../../src/coverage/coverage';
import { districtServerFeatures } from '../../src/district-server';
import { rolloutDb } from '../../src/rollout-db';
import { localDay } from '../../src/shared/local-day';
import { seedUnitsIfEmpty } from '../../src/units/units-repository';

/** The features as they were before 0011: the toolkit's migrations numbered below it. */
function before0011(features: readonly Feature[]): Feature[] {
  return features.map((f) =>
    f.name === 'rollout'
      ? {
          ...f,
          migrations: Object.fromEntries(
            Object.entries(f.migrations ?? {}).filter(([n]) => Number(n.slice(0, 4)) < 11),
          ),
        }
      : f,
  );
}

describe.each(DIALECTS)('migration 0011 (home and who brought it in) on %s', { timeout: 120_000 }, (dialect) => {
  let testDb: TestDatabase;
  beforeEach(async () => {
    testDb = await createTestDatabase(dialect);
  });
  afterEach(async () => {
    await testDb.cleanup();
  });

  it('moves installs counted at an organisation to the area above it, keeping every total', async () => {
    const database = testDb.database;
    const features = districtServerFeatures({});
    await migrateToLatest(database, before0011(features));
    const db = rolloutDb(database);
    await seedUnitsIfEmpty(db, { now: () => TEST_EPOCH });
    const day = localDay(TEST_EPOCH);
    const install = (id: string, unit: string, referredBy: string | null) => ({
      install_id: id,
      unit_code: unit,
      brought_in: referredBy === null ? 0 : 1,
      referred_by: referredBy,
      referral_code: `ref-${id}`,
      app_version: '1.0.0',
      first_seen_at: TEST_EPOCH,
      first_seen_day: day,
      last_seen_at: TEST_EPOCH,
      last_active_at: TEST_EPOCH,
      checkpoint_key: null,
    });
    const old = database.db.withTables<{
      rollout_install: Record<string, unknown>;
      rollout_attestation_day: Record<string, unknown>;
    }>();
    await old
      .insertInto('rollout_install')
      .values([
        install('student-000000000001', '20161-THPT', null),
        install('grandma-000000000001', '20161-THPT', 'student-000000000001'),
        install('villager-00000000001', '20164-01', null),
      ])
      .execute();
    await old
      .insertInto('rollout_attestation_day')
      .values(
        [
          ['student-000000000001', '20161-THPT'],
          ['grandma-000000000001', '20161-THPT'],
          ['villager-00000000001', '20164-01'],
        ].map(([install_id, unit_code]) => ({ install_id, day, unit_code, tracing_active: 1 })),
      )
      .execute();

    expect(await migrateToLatest(database, features)).toContain('rollout/0011_home_unit_and_referrer');
    const rows = await db
      .selectFrom('rollout_install')
      .select(['install_id', 'unit_code', 'via_unit_code', 'referred_by'])
      .orderBy('install_id')
      .execute();
    expect(rows).toEqual([
      {
        install_id: 'grandma-000000000001',
        unit_code: '20161',
        via_unit_code: null,
        referred_by: 'student-000000000001',
      },
      { install_id: 'student-000000000001', unit_code: '20161', via_unit_code: '20161-THPT', referred_by: null },
      { install_id: 'villager-00000000001', unit_code: '20164-01', via_unit_code: null, referred_by: null },
    ]);
    const days = await db
      .selectFrom('rollout_attestation_day')
      .select(['install_id', 'unit_code'])
      .orderBy('install_id')
      .execute();
    expect(days.map((d) => d.unit_code)).toEqual(['20161', '20161', '20164-01']);

    const report = await coverageReport(db, TEST_EPOCH);
    const at = (code: string) => report.units.find((u) => u.code === code);
    // Khe Tre had the school's two installs rolled up before; it keeps them, now as residents.
    expect(at('20161')).toMatchObject({ members: 2, broughtIn: 1 });
    expect(at('20161-THPT')).toMatchObject({ members: 1, broughtIn: 1 });
    expect(at('20164')).toMatchObject({ members: 1 });
    expect(at('483')).toMatchObject({ members: 3, broughtIn: 1 });
  });
});
