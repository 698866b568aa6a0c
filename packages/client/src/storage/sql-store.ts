/**
 * `ClientStore` over SQLite through a `SqlExecutor`. Schema versions are numbered migrations
 * applied in order and recorded in `PRAGMA user_version`, so an app update upgrades a phone's
 * database in place. Portable: the Node binding lives in `better-sqlite3-store.ts`.
 */
import type { TemporaryExposureKey } from '@bluezone/protocol';
import { ClientError } from '../client-error';
import type {
  ClientStore,
  ExportStatus,
  NotifiedDay,
  ProcessedExport,
  ScanRecord,
  SightingObservation,
  StoredExposureWindow,
} from './client-store';
import type { SqlExecutor, SqlValue } from './sql-executor';

/** Numbered schema migrations; index i takes a database from version i to i + 1. */
export const SQL_STORE_MIGRATIONS: readonly string[] = [
  `CREATE TABLE tek (
     key_data BLOB PRIMARY KEY,
     rolling_start INTEGER NOT NULL,
     rolling_period INTEGER NOT NULL
   );
   CREATE TABLE scan (
     rpi BLOB NOT NULL,
     scan_time_ms INTEGER NOT NULL,
     aem BLOB NOT NULL,
     rssi_max INTEGER NOT NULL,
     rssi_sum INTEGER NOT NULL,
     count INTEGER NOT NULL,
     PRIMARY KEY (rpi, scan_time_ms)
   ) WITHOUT ROWID;
   CREATE INDEX scan_by_time ON scan (scan_time_ms);
   CREATE TABLE processed_export (
     path TEXT PRIMARY KEY,
     status TEXT NOT NULL CHECK (status IN ('processed', 'rejected')),
     processed_at_ms INTEGER NOT NULL,
     key_count INTEGER NOT NULL,
     reason TEXT NOT NULL
   );
   CREATE TABLE exposure_window (
     id INTEGER PRIMARY KEY,
     day_start_ms INTEGER NOT NULL,
     source TEXT NOT NULL,
     json TEXT NOT NULL
   );
   CREATE INDEX exposure_window_by_day ON exposure_window (day_start_ms);
   CREATE TABLE notified_day (
     day_start_ms INTEGER PRIMARY KEY,
     risk_level INTEGER NOT NULL,
     notified_at_ms INTEGER NOT NULL
   );
   CREATE TABLE setting (name TEXT PRIMARY KEY, value TEXT NOT NULL);`,
  // v2: windows remember their diagnosis key, so revised and revoked keys can replace them.
  `ALTER TABLE exposure_window ADD COLUMN key TEXT NOT NULL DEFAULT '';
   CREATE INDEX exposure_window_by_key ON exposure_window (key);`,
];

type Row = Record<string, SqlValue>;

function num(row: Row, column: string): number {
  const v = row[column];
  if (typeof v !== 'number') throw new ClientError('storage', `column ${column} is not a number`);
  return v;
}
function str(row: Row, column: string): string {
  const v = row[column];
  if (typeof v !== 'string') throw new ClientError('storage', `column ${column} is not text`);
  return v;
}
function blob(row: Row, column: string): Uint8Array {
  const v = row[column];
  if (!(v instanceof Uint8Array)) throw new ClientError('storage', `column ${column} is not a blob`);
  // Bindings return subclasses (Node's Buffer); callers get plain, independent Uint8Arrays.
  return new Uint8Array(v);
}

const toExport = (r: Row): ProcessedExport => ({
  path: str(r, 'path'),
  status: str(r, 'status') as ExportStatus,
  processedAtMs: num(r, 'processed_at_ms'),
  keyCount: num(r, 'key_count'),
  reason: str(r, 'reason'),
});
const toNotified = (r: Row): NotifiedDay => ({
  dayStartMs: num(r, 'day_start_ms'),
  riskLevel: num(r, 'risk_level'),
  notifiedAtMs: num(r, 'notified_at_ms'),
});

export class SqlStore implements ClientStore {
  private constructor(private readonly db: SqlExecutor) {}

  /** Opens a store, applying any migrations the database has not seen yet. */
  static async open(db: SqlExecutor): Promise<SqlStore> {
    const [row] = await db.all<{ user_version: number }>('PRAGMA user_version');
    const version = row?.user_version ?? 0;
    if (version > SQL_STORE_MIGRATIONS.length) {
      throw new ClientError(
        'storage',
        `database schema v${version} is newer than this app (v${SQL_STORE_MIGRATIONS.length})`,
      );
    }
    for (let v = version; v < SQL_STORE_MIGRATIONS.length; v++) {
      try {
        await db.exec(`BEGIN; ${SQL_STORE_MIGRATIONS[v]} PRAGMA user_version = ${v + 1}; COMMIT;`);
      } catch (err) {
        // All or nothing: the phone keeps its data at the old version and can retry.
        await db.exec('ROLLBACK').catch(() => {});
        throw new ClientError('storage', `database migration to v${v + 1} failed: ${(err as Error).message}`, {
          cause: err,
        });
      }
    }
    return new SqlStore(db);
  }

  async putKey(key: TemporaryExposureKey): Promise<void> {
    await this.db.run('INSERT OR REPLACE INTO tek (key_data, rolling_start, rolling_period) VALUES (?, ?, ?)', [
      key.keyData,
      key.rollingStartIntervalNumber,
      key.rollingPeriod,
    ]);
  }

  async listKeys(): Promise<TemporaryExposureKey[]> {
    const rows = await this.db.all('SELECT * FROM tek ORDER BY rolling_start, key_data');
    return rows.map((r) => ({
      keyData: blob(r, 'key_data'),
      rollingStartIntervalNumber: num(r, 'rolling_start'),
      rollingPeriod: num(r, 'rolling_period'),
    }));
  }

  async deleteKey(keyData: Uint8Array): Promise<void> {
    await this.db.run('DELETE FROM tek WHERE key_data = ?', [keyData]);
  }

  deleteKeysEndingBefore(enin: number): Promise<number> {
    return this.db.run('DELETE FROM tek WHERE rolling_start + rolling_period <= ?', [enin]);
  }

  async addSightings(observations: readonly SightingObservation[]): Promise<void> {
    if (observations.length === 0) return;
    const sql = `INSERT INTO scan (rpi, scan_time_ms, aem, rssi_max, rssi_sum, count) VALUES (?, ?, ?, ?, ?, 1)
      ON CONFLICT (rpi, scan_time_ms) DO UPDATE SET
        rssi_max = max(rssi_max, excluded.rssi_max), rssi_sum = rssi_sum + excluded.rssi_sum, count = count + 1`;
    await this.db.batch(observations.map((o) => ({ sql, params: [o.rpi, o.scanTimeMs, o.aem, o.rssi, o.rssi] })));
  }

  async listScans(sinceMs: number, untilMs: number): Promise<ScanRecord[]> {
    const rows = await this.db.all(
      'SELECT * FROM scan WHERE scan_time_ms >= ? AND scan_time_ms < ? ORDER BY scan_time_ms, rpi',
      [sinceMs, untilMs],
    );
    return rows.map((r) => ({
      rpi: blob(r, 'rpi'),
      aem: blob(r, 'aem'),
      scanTimeMs: num(r, 'scan_time_ms'),
      rssiMax: num(r, 'rssi_max'),
      rssiSum: num(r, 'rssi_sum'),
      count: num(r, 'count'),
    }));
  }

  deleteScansBefore(ms: number): Promise<number> {
    return this.db.run('DELETE FROM scan WHERE scan_time_ms < ?', [ms]);
  }

  async getExport(path: string): Promise<ProcessedExport | undefined> {
    const [row] = await this.db.all('SELECT * FROM processed_export WHERE path = ?', [path]);
    return row === undefined ? undefined : toExport(row);
  }

  async recordExport(
    entry: ProcessedExport,
    windows: readonly StoredExposureWindow[],
    revisedKeys: readonly string[] = [],
  ): Promise<void> {
    await this.db.batch([
      {
        sql: `INSERT OR REPLACE INTO processed_export (path, status, processed_at_ms, key_count, reason)
              VALUES (?, ?, ?, ?, ?)`,
        params: [entry.path, entry.status, entry.processedAtMs, entry.keyCount, entry.reason],
      },
      { sql: 'DELETE FROM exposure_window WHERE source = ?', params: [entry.path] },
      ...revisedKeys.map((key) => ({ sql: 'DELETE FROM exposure_window WHERE key = ?', params: [key] })),
      ...windows.map((w) => ({
        sql: 'INSERT INTO exposure_window (day_start_ms, source, key, json) VALUES (?, ?, ?, ?)',
        params: [w.dayStartMs, w.source, w.key, w.json],
      })),
    ]);
  }

  async listExports(): Promise<ProcessedExport[]> {
    return (await this.db.all('SELECT * FROM processed_export ORDER BY path')).map(toExport);
  }

  async listExposureWindows(sinceDayMs: number): Promise<StoredExposureWindow[]> {
    const rows = await this.db.all(
      `SELECT day_start_ms, source, key, json FROM exposure_window WHERE day_start_ms >= ?
       ORDER BY day_start_ms, source, key, json`,
      [sinceDayMs],
    );
    return rows.map((r) => ({
      dayStartMs: num(r, 'day_start_ms'),
      source: str(r, 'source'),
      key: str(r, 'key'),
      json: str(r, 'json'),
    }));
  }

  deleteExposureWindowsBefore(dayMs: number): Promise<number> {
    return this.db.run('DELETE FROM exposure_window WHERE day_start_ms < ?', [dayMs]);
  }

  async getNotifiedDay(dayStartMs: number): Promise<NotifiedDay | undefined> {
    const [row] = await this.db.all('SELECT * FROM notified_day WHERE day_start_ms = ?', [dayStartMs]);
    return row === undefined ? undefined : toNotified(row);
  }

  async putNotifiedDay(day: NotifiedDay): Promise<void> {
    await this.db.run(
      'INSERT OR REPLACE INTO notified_day (day_start_ms, risk_level, notified_at_ms) VALUES (?, ?, ?)',
      [day.dayStartMs, day.riskLevel, day.notifiedAtMs],
    );
  }

  async listNotifiedDays(): Promise<NotifiedDay[]> {
    return (await this.db.all('SELECT * FROM notified_day ORDER BY day_start_ms')).map(toNotified);
  }

  deleteNotifiedDaysBefore(dayStartMs: number): Promise<number> {
    return this.db.run('DELETE FROM notified_day WHERE day_start_ms < ?', [dayStartMs]);
  }

  async getSetting(name: string): Promise<string | undefined> {
    const [row] = await this.db.all('SELECT value FROM setting WHERE name = ?', [name]);
    return row === undefined ? undefined : str(row, 'value');
  }

  async setSetting(name: string, value: string): Promise<void> {
    await this.db.run('INSERT OR REPLACE INTO setting (name, value) VALUES (?, ?)', [name, value]);
  }

  close(): Promise<void> {
    return this.db.close();
  }
}
