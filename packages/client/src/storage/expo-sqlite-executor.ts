/**
 * `SqlExecutor` over expo-sqlite (v14+ async API), so a React Native app uses the same
 * `SqlStore` as Node: `const store = await SqlStore.open(expoSqliteExecutor(await
 * SQLite.openDatabaseAsync('bluezone.db')))`. Typed structurally after expo-sqlite's
 * `SQLiteDatabase` (execAsync, runAsync → {changes}, getAllAsync, withExclusiveTransactionAsync,
 * closeAsync), so the SDK does not depend on Expo. op-sqlite fits the same way (`execute`,
 * `executeBatch`).
 */
import type { SqlExecutor, SqlValue } from './sql-executor';

export interface ExpoSqliteDatabase {
  execAsync(source: string): Promise<void>;
  runAsync(source: string, params: SqlValue[]): Promise<{ changes: number }>;
  getAllAsync<T>(source: string, params: SqlValue[]): Promise<T[]>;
  /** Runs `task` in a transaction no other query can interleave with, on the `txn` handle. */
  withExclusiveTransactionAsync(task: (txn: ExpoSqliteDatabase) => Promise<void>): Promise<void>;
  closeAsync(): Promise<void>;
}

export function expoSqliteExecutor(db: ExpoSqliteDatabase): SqlExecutor {
  return {
    exec: (sql) => db.execAsync(sql),
    run: async (sql, params = []) => (await db.runAsync(sql, [...params])).changes,
    batch: (statements) =>
      db.withExclusiveTransactionAsync(async (txn) => {
        for (const { sql, params } of statements) await txn.runAsync(sql, [...params]);
      }),
    all: <Row extends Record<string, SqlValue>>(sql: string, params: readonly SqlValue[] = []) =>
      db.getAllAsync<Row>(sql, [...params]),
    close: () => db.closeAsync(),
  };
}
