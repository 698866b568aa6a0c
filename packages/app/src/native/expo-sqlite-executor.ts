/**
 * The client SDK's `SqlExecutor` over expo-sqlite's async API, so the phone keeps its keys and
 * sightings in SQLite (SqlStore, the same store the SDK tests on better-sqlite3). Typed against
 * the few methods used, so a test can drive it with better-sqlite3 behind the same shape.
 */
import type { SqlExecutor, SqlValue } from '@bluezone/client';

type Params = SqlValue[];

interface ExpoSqliteRunner {
  runAsync(sql: string, params: Params): Promise<{ changes: number }>;
}

export interface ExpoSqliteDatabase extends ExpoSqliteRunner {
  execAsync(sql: string): Promise<void>;
  getAllAsync<T>(sql: string, params: Params): Promise<T[]>;
  withExclusiveTransactionAsync(task: (txn: ExpoSqliteRunner) => Promise<void>): Promise<void>;
  closeAsync(): Promise<void>;
}

export function expoSqliteExecutor(db: ExpoSqliteDatabase): SqlExecutor {
  return {
    exec: (sql) => db.execAsync(sql),
    run: async (sql, params = []) => (await db.runAsync(sql, [...params])).changes,
    // Exclusive: no other statement interleaves, so the batch is all or nothing.
    batch: (statements) =>
      db.withExclusiveTransactionAsync(async (txn) => {
        for (const s of statements) await txn.runAsync(s.sql, [...s.params]);
      }),
    all: (sql, params = []) => db.getAllAsync(sql, [...params]),
    close: () => db.closeAsync(),
  };
}
