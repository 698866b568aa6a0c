/**
 * The few SQL operations `SqlStore` needs, so one store serves every SQLite binding:
 * better-sqlite3 in Node (`better-sqlite3-store.ts`), and on phones op-sqlite
 * (`db.execute`, `db.executeBatch`) or expo-sqlite (`runAsync`, `getAllAsync`,
 * `withTransactionAsync`) behind a ~30-line adapter. Portable: no Node imports here.
 */
export type SqlValue = number | string | Uint8Array | null;

export interface SqlExecutor {
  /** Runs one or more statements without parameters (schema). */
  exec(sql: string): Promise<void>;
  /** Runs one statement; returns the number of rows changed. */
  run(sql: string, params?: readonly SqlValue[]): Promise<number>;
  /** Runs one statement per parameter row inside one transaction: all or nothing. */
  batch(statements: readonly { sql: string; params: readonly SqlValue[] }[]): Promise<void>;
  /** Rows as objects keyed by column name; BLOBs as Uint8Array. */
  all<Row extends Record<string, SqlValue>>(sql: string, params?: readonly SqlValue[]): Promise<Row[]>;
  close(): Promise<void>;
}
