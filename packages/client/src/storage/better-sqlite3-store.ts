/**
 * Node-only entry point (`@bluezone/client/sqlite`): a `ClientStore` in a SQLite file through
 * better-sqlite3 (v12; v13 segfaults on Node 20). Phones use the same `SqlStore` with an
 * op-sqlite or expo-sqlite `SqlExecutor` instead; nothing else in the SDK imports this file.
 */
import Database from 'better-sqlite3';
import type { SqlExecutor, SqlValue } from './sql-executor';
import { SqlStore } from './sql-store';

export function betterSqlite3Executor(db: Database.Database): SqlExecutor {
  const statements = new Map<string, Database.Statement>();
  const prepare = (sql: string): Database.Statement => {
    let s = statements.get(sql);
    if (s === undefined) {
      s = db.prepare(sql);
      statements.set(sql, s);
    }
    return s;
  };
  const runBatch = db.transaction((batch: readonly { sql: string; params: readonly SqlValue[] }[]) => {
    for (const { sql, params } of batch) prepare(sql).run(...params);
  });
  return {
    exec: async (sql) => {
      db.exec(sql);
    },
    run: async (sql, params = []) => prepare(sql).run(...params).changes,
    batch: async (batch) => {
      runBatch(batch);
    },
    all: async <Row extends Record<string, SqlValue>>(sql: string, params: readonly SqlValue[] = []) =>
      prepare(sql).all(...params) as Row[],
    close: async () => {
      db.close();
    },
  };
}

/** Opens (creating if needed) a store at `path`; `:memory:` for a throwaway database. */
export async function openSqliteStore(path: string): Promise<SqlStore> {
  const db = new Database(path);
  // WAL: the scanner writes while an exposure check reads, without blocking each other.
  if (path !== ':memory:') db.pragma('journal_mode = WAL');
  return SqlStore.open(betterSqlite3Executor(db));
}
