// The toolkit's migrations after it left the key server: the same names, numbered across the
// package, so a database migrated before the move needs only the migrations added since; and
// the verification texts an upgraded database still held in the key server's `sms_outbox` move
// into the messaging outbox once, then the table goes. The list of what was added since is read
// from the feature, so a capability adding a migration keeps these tests as they are; the
// numbering rule (unique across capabilities, above the historical run) is what is checked.
import { type Database, type Feature, KEY_SERVER_FEATURES, type MigrationSet, migrateToLatest } from '@bluezone/server';
import {
  createTestDatabase,
  DIALECTS,
  migrateDownAll,
  TEST_EPOCH,
  type TestDatabase,
} from '@bluezone/test-support/server';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { districtServerFeatures } from '../src/district-server';
import { composeMigrations, createRolloutFeature } from '../src/rollout-feature';

/** What `rollout/…` databases recorded before the toolkit became its own package. */
const HISTORICAL = [
  '0001_create_units_installs_rosters',
  '0002_create_announcements',
  '0003_create_checkpoints',
  '0004_create_outbox_campaigns',
  '0005_campaign_approval',
];
/** The move's own migrations: the outbox adoption and its retention. */
const MOVE = ['0006_move_sms_outbox_into_outbox', '0007_outbox_retention'];
const ROLLOUT_NAMES = Object.keys(createRolloutFeature().migrations ?? {}).sort();
/** Everything recorded after the move: the move's own migrations and every capability's since. */
const ADDED = ROLLOUT_NAMES.filter((n) => !HISTORICAL.includes(n));
const numberOf = (name: string): number => Number(name.slice(0, 4));

/** A feature list as it was before the move: the same features without the migrations added since. */
function beforeTheMove(features: readonly Feature[]): Feature[] {
  const keep = (name: string, m: MigrationSet | undefined): MigrationSet =>
    Object.fromEntries(
      Object.entries(m ?? {}).filter(([n]) =>
        name === 'rollout' ? HISTORICAL.includes(n) : !(name === 'verification' && n === '0002_drop_sms_outbox'),
      ),
    );
  return features.map((f) => ({ ...f, migrations: keep(f.name, f.migrations) }));
}

async function recorded(database: Database): Promise<string[]> {
  const rows = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(database.db);
  return rows.rows.map((r) => r.name);
}

async function tableExists(database: Database, table: string): Promise<boolean> {
  return sql`select 1 from ${sql.table(table)}`.execute(database.db).then(
    () => true,
    () => false,
  );
}

it('keeps the historical migration names, one numbering across the package', () => {
  expect(ROLLOUT_NAMES.slice(0, HISTORICAL.length)).toEqual(HISTORICAL);
  expect(ADDED.slice(0, MOVE.length)).toEqual(MOVE);
  for (const name of ROLLOUT_NAMES) expect(name).toMatch(/^\d{4}_[a-z0-9_]+$/);
  const numbers = ROLLOUT_NAMES.map(numberOf);
  expect(new Set(numbers).size).toBe(numbers.length);
  // A migration added later sorts after every historical one, whatever capability holds it.
  for (const name of ADDED) expect(numberOf(name)).toBeGreaterThan(numberOf(HISTORICAL.at(-1) ?? ''));
});

it('refuses two capabilities using the same number', () => {
  const noop = { up: async () => {}, down: async () => {} };
  expect(() =>
    composeMigrations([
      { name: 'units', migrations: { '0042_a': noop } },
      { name: 'drives', migrations: { '0042_b': noop } },
    ]),
  ).toThrow(/rollout migration 0042_b \(drives\) reuses number 0042 of 0042_a/);
});

// Whole migrations run in the tests themselves, and every test file's migrations on PostgreSQL
// queue for Kysely's one migration lock: the hooks' time limit, not the tests' default.
describe.each(DIALECTS)('upgrading a database migrated before the move on %s', { timeout: 120_000 }, (dialect) => {
  let testDb: TestDatabase;
  beforeEach(async () => {
    testDb = await createTestDatabase(dialect);
  });
  afterEach(async () => {
    await testDb.cleanup();
  });

  it('applies only the added migrations, and moves waiting verification texts into the outbox', async () => {
    const database = testDb.database;
    const features = districtServerFeatures({});
    await migrateToLatest(database, beforeTheMove(features));
    expect((await recorded(database)).filter((n) => n.startsWith('rollout/'))).toEqual(
      HISTORICAL.map((n) => `rollout/${n}`),
    );
    // What the key server's own outbox held when it stopped: one waiting text, one to a number
    // no SMS reaches (the adoption dropped those too).
    const waiting = { id: 'a1b2', phone: '0912 345 678', text: 'Bluezone code 12345678', realm: 'default' };
    await database.db
      .withTables<{ sms_outbox: Record<string, unknown> }>()
      .insertInto('sms_outbox')
      .values([
        { ...waiting, created_at: TEST_EPOCH, expires_at: TEST_EPOCH + 86_400_000, sent_at: null },
        {
          ...waiting,
          id: 'c3d4',
          phone: '+1 555 0100',
          created_at: TEST_EPOCH,
          expires_at: TEST_EPOCH + 1,
          sent_at: null,
        },
      ])
      .execute();

    expect((await migrateToLatest(database, features)).sort()).toEqual([
      ...ADDED.map((n) => `rollout/${n}`),
      'verification/0002_drop_sms_outbox',
    ]);
    const outbox = await sql<
      Record<string, unknown>
    >`select kind, channel, phone, text, dedupe_key, status, expires_at from rollout_outbox`.execute(database.db);
    expect(outbox.rows.map((r) => ({ ...r, expires_at: Number(r.expires_at) }))).toEqual([
      {
        kind: 'verification',
        channel: 'sms',
        phone: '+84912345678',
        text: 'Bluezone code 12345678',
        dedupe_key: 'verification:a1b2',
        status: 'queued',
        expires_at: TEST_EPOCH + 86_400_000,
      },
    ]);
    expect(await tableExists(database, 'sms_outbox')).toBe(false);
    expect(await migrateToLatest(database, features)).toEqual([]);
  });

  it('drops the empty SMS table of a key server that never had the toolkit', async () => {
    const database = testDb.database;
    await migrateToLatest(database, beforeTheMove(KEY_SERVER_FEATURES));
    expect(await tableExists(database, 'sms_outbox')).toBe(true);
    expect(await migrateToLatest(database, KEY_SERVER_FEATURES)).toEqual(['verification/0002_drop_sms_outbox']);
    expect(await tableExists(database, 'sms_outbox')).toBe(false);
  });

  it('migrates a fresh database, and every migration has a working down', async () => {
    const database = testDb.database;
    const features = districtServerFeatures({});
    await migrateToLatest(database, features);
    expect(await tableExists(database, 'rollout_outbox')).toBe(true);
    expect(await tableExists(database, 'sms_outbox')).toBe(false);
    await migrateDownAll(database, features);
    expect(await recorded(database)).toEqual([]);
    expect(await tableExists(database, 'rollout_unit')).toBe(false);
    expect((await migrateToLatest(database, features)).length).toBeGreaterThan(HISTORICAL.length);
  });
});
