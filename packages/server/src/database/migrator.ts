/**
 * Runs every feature's migrations to the latest version with Kysely's Migrator, which takes a
 * lock (an advisory lock on PostgreSQL) so N processes starting together migrate once.
 * Names are `<feature>/<NNNN_name>`; features must not reference each other's tables by
 * foreign key, so their relative order never matters.
 */
import { type Kysely, type Migration, Migrator, sql } from 'kysely';
import { ServerError } from '../http/server-error';
import type { Database } from './database';
import type { MigrationSet } from './migration';
import type { ServerTables } from './tables';

export interface MigrationSource {
  name: string;
  migrations?: MigrationSet | undefined;
}

function provider(database: Database, sources: readonly MigrationSource[]) {
  const all: Record<string, Migration> = {};
  for (const source of sources) {
    for (const [name, m] of Object.entries(source.migrations ?? {})) {
      if (!/^\d{4}_[a-z0-9_]+$/.test(name)) {
        throw new ServerError(
          'invalid_config',
          500,
          `migration "${source.name}/${name}" must be named NNNN_snake_case`,
        );
      }
      all[`${source.name}/${name}`] = {
        up: (db) => m.up(db, database.dialect),
        down: (db) => m.down(db, database.dialect),
      };
    }
  }
  return { getMigrations: async () => all };
}

/**
 * Held shared while migrating on PostgreSQL. Kysely's Migrator scans the catalogs of every
 * schema before taking its own lock, and that scan fails if another schema is dropped at the
 * same moment; whoever drops a schema in a shared database (the tests do, per test) takes this
 * lock exclusively around the drop.
 */
export const MIGRATION_ADVISORY_LOCK = 7_305_114_331;

async function withMigrationLock<T>(database: Database, fn: (db: Kysely<ServerTables>) => Promise<T>): Promise<T> {
  if (database.dialect !== 'postgres') return fn(database.db);
  return database.db.connection().execute(async (conn) => {
    await sql`select pg_advisory_lock_shared(${MIGRATION_ADVISORY_LOCK})`.execute(conn);
    try {
      return await fn(conn);
    } finally {
      await sql`select pg_advisory_unlock_shared(${MIGRATION_ADVISORY_LOCK})`.execute(conn);
    }
  });
}

function migrator(database: Database, db: Kysely<ServerTables>, sources: readonly MigrationSource[]): Migrator {
  return new Migrator({
    db,
    provider: provider(database, sources),
    // Kysely looks for its bookkeeping tables in every schema unless told which: with other
    // schemas in the same database (other deployments, parallel tests) it would find theirs.
    ...(database.schema ? { migrationTableSchema: database.schema } : {}),
    // Features are added over time; a new feature's 0001 sorts before an older feature's 0005.
    allowUnorderedMigrations: true,
  });
}

export async function migrateToLatest(database: Database, sources: readonly MigrationSource[]): Promise<string[]> {
  const { error, results } = await withMigrationLock(database, (db) =>
    migrator(database, db, sources).migrateToLatest(),
  );
  if (error) throw new ServerError('internal', 500, `migration failed: ${(error as Error).message}`, { cause: error });
  return (results ?? []).map((r) => r.migrationName);
}

/** Undoes every migration (tests use this to prove each `down` works). */
export async function migrateDownAll(database: Database, sources: readonly MigrationSource[]): Promise<void> {
  await withMigrationLock(database, async (db) => {
    const m = migrator(database, db, sources);
    for (;;) {
      const { error, results } = await m.migrateDown();
      if (error) throw new ServerError('internal', 500, `migration down failed: ${(error as Error).message}`);
      if (!results || results.length === 0) return;
    }
  });
}
