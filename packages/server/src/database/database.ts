/**
 * Opens the database: embedded SQLite (better-sqlite3) in the data directory by default,
 * PostgreSQL when DATABASE_URL says so. Both give the same Kysely API; dialect-specific
 * SQL is confined to migrations (column types) and `dialect` checks where unavoidable.
 */
import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { PreparedStatementClient } from './postgres-prepared-client';
import { type SqliteCheckpointer, startSqliteCheckpointer } from './sqlite-checkpointer';
import type { ServerTables } from './tables';

export type Dialect = 'sqlite' | 'postgres';

export interface Database {
  db: Kysely<ServerTables>;
  dialect: Dialect;
  /** PostgreSQL schema the tables live in ('public' unless DatabaseOptions.schema); undefined on SQLite. */
  schema?: string | undefined;
  destroy(): Promise<void>;
}

export interface DatabaseOptions {
  /** `postgres://…`, or empty for SQLite. */
  databaseUrl: string;
  /** SQLite file; ':memory:' allowed. */
  sqliteFile: string;
  poolSize?: number;
  /** PostgreSQL schema to use (search_path); tests isolate themselves with one each. */
  schema?: string;
  /**
   * SQLite file only: 'background' checkpoints the WAL on a worker thread (a long-running
   * server, see sqlite-checkpointer.ts); 'auto' (default) leaves it to SQLite's commits.
   */
  walCheckpoint?: 'auto' | 'background';
  /**
   * PostgreSQL: how long getting a connection may take (opening one, or waiting for a free one)
   * before the query fails as unavailable; default 10 s.
   */
  connectTimeoutMs?: number;
  /**
   * PostgreSQL: called when a pooled connection fails outside a query (the server restarted or
   * failed over, the backend was terminated, the network dropped it). The pool has already
   * dropped that connection and opens a new one when next needed; this is for logging.
   */
  onConnectionError?: (err: Error) => void;
}

/** How often the background checkpointer runs; the WAL grows by at most this much of writes. */
const CHECKPOINT_INTERVAL_MS = 250;
/** SQLite's default wal_autocheckpoint, restored if the background checkpointer fails. */
const AUTO_CHECKPOINT_PAGES = 1000;

// int8 (bigint) columns hold millisecond times and counts far below 2^53: parse as numbers,
// per pool, instead of pg's default strings.
const INT8_OID = 20;
const NUMERIC_OID = 1700;
const pgTypes = {
  getTypeParser: (oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID || oid === NUMERIC_OID
      ? (v: string) => Number(v)
      : // biome-ignore lint/suspicious/noExplicitAny: pg's overloads do not accept a union format
        pg.types.getTypeParser(oid, format as any),
};

/**
 * Kysely's SQLite driver prepares every query anew; compiling SQL costs more than running a
 * small insert. Statements are reused per SQL text (Kysely runs one query at a time on its
 * single connection, so a statement is never used twice at once).
 */
function withStatementCache(sqlite: SqliteDatabase.Database): SqliteDatabase.Database {
  const cache = new Map<string, SqliteDatabase.Statement>();
  const prepare = sqlite.prepare.bind(sqlite);
  return Object.assign(Object.create(sqlite) as SqliteDatabase.Database, {
    prepare(source: string) {
      let stmt = cache.get(source);
      if (!stmt) {
        stmt = prepare(source);
        if (cache.size >= 1000) cache.clear();
        cache.set(source, stmt);
      }
      return stmt;
    },
    close: () => sqlite.close(),
  });
}

/** Default of DatabaseOptions.connectTimeoutMs. */
export const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;

export function openDatabase(options: DatabaseOptions): Database {
  if (options.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: options.poolSize ?? 10,
      types: pgTypes,
      Client: PreparedStatementClient,
      connectionTimeoutMillis: options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
      // The kernel probes an idle connection, so one cut without a FIN (a failed-over address,
      // a dropped NAT entry) is found and replaced instead of failing the next query after it.
      keepAlive: true,
      ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
    });
    // An idle connection that dies (restart, failover, idle timeout, pg_terminate_backend) is
    // reported here after the pool has removed it. Without a listener Node treats the pool's
    // 'error' event as unhandled and exits the process (issue: one dropped connection killed
    // the server with 57P01). Connections in use get their own listener (PreparedStatementClient).
    pool.on('error', (err) => options.onConnectionError?.(err));
    const db = new Kysely<ServerTables>({ dialect: new PostgresDialect({ pool }) });
    return { db, dialect: 'postgres', schema: options.schema ?? 'public', destroy: () => db.destroy() };
  }
  if (options.sqliteFile !== ':memory:') fs.mkdirSync(path.dirname(options.sqliteFile), { recursive: true });
  const sqlite = new SqliteDatabase(options.sqliteFile);
  // WAL: readers never block the writer; NORMAL sync is durable across process crashes
  // (https://www.sqlite.org/wal.html). busy_timeout lets CLI commands share the file with a server.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('foreign_keys = ON');
  // A multi-row insert that may hit a unique constraint needs a statement journal: in memory
  // instead of a temp file created and unlinked per statement. 64 MiB of page cache (default
  // 2 MiB) keeps the key index's pages in memory as it grows.
  sqlite.pragma('temp_store = MEMORY');
  sqlite.pragma('cache_size = -65536');
  let checkpointer: SqliteCheckpointer | undefined;
  if (options.walCheckpoint === 'background' && options.sqliteFile !== ':memory:') {
    sqlite.pragma('wal_autocheckpoint = 0');
    checkpointer = startSqliteCheckpointer(options.sqliteFile, CHECKPOINT_INTERVAL_MS, () => {
      if (sqlite.open) sqlite.pragma(`wal_autocheckpoint = ${AUTO_CHECKPOINT_PAGES}`);
    });
  }
  const db = new Kysely<ServerTables>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  return {
    db,
    dialect: 'sqlite',
    async destroy() {
      await checkpointer?.stop();
      await db.destroy();
    },
  };
}
