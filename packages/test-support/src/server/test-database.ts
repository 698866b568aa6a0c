/**
 * The storage test setup, after kysely's test/node/src/test-setup.ts: every storage suite
 * loops over DIALECTS (filter with BLUEZONE_TEST_DIALECTS=sqlite,postgres). PostgreSQL tests
 * each get a fresh schema `bz_test_<random>` (search_path set on the pool) so parallel test
 * files never see each other's rows; SQLite tests get a temp directory.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Database, type Dialect, MIGRATION_ADVISORY_LOCK, openDatabase } from '@bluezone/server';
import pg from 'pg';

export const POSTGRES_URL = process.env.BLUEZONE_TEST_POSTGRES_URL ?? 'postgres://root@127.0.0.1:5432/test';

export const DIALECTS: Dialect[] = (['sqlite', 'postgres'] as const).filter((d) => {
  const only = process.env.BLUEZONE_TEST_DIALECTS;
  return !only || only.split(',').includes(d);
});

export interface TestDatabase {
  database: Database;
  dataDir: string;
  /** DATABASE_URL a second process (or openDatabase call) would use; '' for SQLite. */
  databaseUrl: string;
  schema: string | undefined;
  sqliteFile: string;
  /** Opens another handle on the same database (a second server process). */
  reopen(): Database;
  cleanup(): Promise<void>;
}

export async function createTestDatabase(dialect: Dialect): Promise<TestDatabase> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bz-test-'));
  const sqliteFile = path.join(dataDir, 'bluezone.sqlite');
  let schema: string | undefined;
  if (dialect === 'postgres') {
    schema = `bz_test_${randomBytes(6).toString('hex')}`;
    const client = new pg.Client({ connectionString: POSTGRES_URL });
    await client.connect();
    await client.query(`create schema ${schema}`);
    await client.end();
  }
  const databaseUrl = dialect === 'postgres' ? POSTGRES_URL : '';
  const reopen = () => openDatabase({ databaseUrl, sqliteFile, poolSize: 4, ...(schema ? { schema } : {}) });
  const database = reopen();
  return {
    database,
    dataDir,
    databaseUrl,
    schema,
    sqliteFile,
    reopen,
    async cleanup() {
      await database.destroy();
      if (schema) {
        const client = new pg.Client({ connectionString: POSTGRES_URL });
        await client.connect();
        try {
          // Exclusive: no migration may be scanning the catalogs while a schema disappears.
          await client.query('select pg_advisory_lock($1)', [MIGRATION_ADVISORY_LOCK]);
          await client.query(`drop schema ${schema} cascade`);
        } finally {
          // Ending the session releases the lock, also when the drop fails: a lock left held
          // by an open connection stops every PostgreSQL test in every process.
          await client.end();
        }
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
