// A stand-in for expo-sqlite's async SQLiteDatabase, over better-sqlite3 and deliberately
// asynchronous (every call yields to the event loop), to show that `SqlStore` works over an
// async React Native binding exactly as over the synchronous Node one.

import type { ExpoSqliteDatabase, SqlValue } from '@bluezone/client';
import Database from 'better-sqlite3';

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

export function fakeExpoSqlite(path = ':memory:'): ExpoSqliteDatabase {
  const db = new Database(path);
  const handle: ExpoSqliteDatabase = {
    async execAsync(source) {
      await tick();
      db.exec(source);
    },
    async runAsync(source, params: SqlValue[]) {
      await tick();
      return { changes: db.prepare(source).run(...params).changes };
    },
    async getAllAsync<T>(source: string, params: SqlValue[]) {
      await tick();
      return db.prepare(source).all(...params) as T[];
    },
    async withExclusiveTransactionAsync(task) {
      await tick();
      db.exec('BEGIN');
      try {
        await task(handle);
        db.exec('COMMIT');
      } catch (err) {
        db.exec('ROLLBACK');
        throw err;
      }
    },
    async closeAsync() {
      db.close();
    },
  };
  return handle;
}
