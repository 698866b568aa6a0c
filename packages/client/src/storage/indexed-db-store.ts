/**
 * `ClientStore` in a browser's IndexedDB, so the web build keeps its install (keys, sightings,
 * exposure results, settings) across reloads as a phone keeps its SQLite file. Same tables and
 * the same numbered-migration discipline as `SqlStore`: the database version is the number of
 * migrations applied (IndexedDB's own `version`), each step runs inside the upgrade transaction,
 * and a database from a newer app is refused. Every `ClientStore` call is one IndexedDB
 * transaction, so the atomic operations (addSightings, recordExport) are all or nothing.
 *
 * Keys: RPIs and TEKs are stored under their lowercase hex, whose string order is their byte
 * order, so listings sort as SQLite's BLOB order does. Scans are keyed [scanTimeMs, rpiHex], which
 * gives listScans its (time, RPI) order from one key range.
 */
import { type TemporaryExposureKey, toHex } from '@bluezone/protocol';
import { ClientError } from '../client-error';
import type {
  ClientStore,
  NotifiedDay,
  ProcessedExport,
  ScanRecord,
  SightingObservation,
  StoredExposureWindow,
} from './client-store';
import { mergeObservation } from './merge-observation';

export const INDEXED_DB_DEFAULT_NAME = 'bluezone';

/** The object stores this store owns; tests and "delete all data" checks read them by name. */
export const INDEXED_DB_STORES = {
  tek: 'tek',
  scan: 'scan',
  export: 'processed_export',
  window: 'exposure_window',
  notified: 'notified_day',
  setting: 'setting',
} as const;

type StoreName = (typeof INDEXED_DB_STORES)[keyof typeof INDEXED_DB_STORES];

/** Numbered schema migrations; index i takes a database from version i to i + 1. */
export const INDEXED_DB_MIGRATIONS: readonly ((db: IDBDatabase, tx: IDBTransaction) => void)[] = [
  (db) => {
    db.createObjectStore(INDEXED_DB_STORES.tek, { keyPath: 'id' });
    db.createObjectStore(INDEXED_DB_STORES.scan, { keyPath: ['scanTimeMs', 'id'] });
    db.createObjectStore(INDEXED_DB_STORES.export, { keyPath: 'path' });
    const windows = db.createObjectStore(INDEXED_DB_STORES.window, { autoIncrement: true });
    windows.createIndex('by_day', 'dayStartMs');
    windows.createIndex('by_source', 'source');
    windows.createIndex('by_key', 'key');
    db.createObjectStore(INDEXED_DB_STORES.notified, { keyPath: 'dayStartMs' });
    db.createObjectStore(INDEXED_DB_STORES.setting, { keyPath: 'name' });
  },
];

interface TekRow extends TemporaryExposureKey {
  id: string;
}
interface ScanRow extends ScanRecord {
  id: string;
}

/** Binary string order, as SQLite's default collation sorts TEXT. */
const byString = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

const storageError = (what: string, cause: unknown): ClientError =>
  new ClientError('storage', `IndexedDB ${what} failed: ${(cause as Error | null)?.message ?? String(cause)}`, {
    cause,
  });

const result = <T>(request: IDBRequest<T>, then: (value: T) => void): void => {
  request.onsuccess = () => then(request.result);
};

const toKey = (r: TekRow): TemporaryExposureKey => ({
  keyData: r.keyData,
  rollingStartIntervalNumber: r.rollingStartIntervalNumber,
  rollingPeriod: r.rollingPeriod,
});
const toScan = ({ id: _, ...scan }: ScanRow): ScanRecord => scan;

/** The two IndexedDB globals the store uses: a browser's `window`, or fake-indexeddb's exports in Node. */
export interface IndexedDbEnvironment {
  indexedDB: IDBFactory;
  IDBKeyRange: typeof IDBKeyRange;
}

export class IndexedDbStore implements ClientStore {
  private constructor(
    private readonly db: IDBDatabase,
    private readonly range: typeof IDBKeyRange,
  ) {
    // Another tab upgrading the schema waits for this connection to close: let it.
    db.onversionchange = () => db.close();
  }

  /**
   * Opens (creating or upgrading) the database `name` (default: this page's globals; tests pass
   * fake-indexeddb's). Refuses a database a newer app version wrote.
   */
  static open(
    env: IndexedDbEnvironment = globalThis as unknown as IndexedDbEnvironment,
    name = INDEXED_DB_DEFAULT_NAME,
  ): Promise<IndexedDbStore> {
    const factory = env.indexedDB as IDBFactory | undefined;
    if (factory === undefined) return Promise.reject(new ClientError('storage', 'this browser has no IndexedDB'));
    return new Promise((resolve, reject) => {
      const request = factory.open(name, INDEXED_DB_MIGRATIONS.length);
      request.onupgradeneeded = (event) => {
        const tx = request.transaction as IDBTransaction;
        for (let v = event.oldVersion; v < INDEXED_DB_MIGRATIONS.length; v++) {
          // A throw aborts the upgrade transaction: the database stays at its old version.
          INDEXED_DB_MIGRATIONS[v]?.(request.result, tx);
        }
      };
      request.onsuccess = () => resolve(new IndexedDbStore(request.result, env.IDBKeyRange));
      request.onerror = (event) => {
        event.preventDefault();
        const err = request.error;
        reject(
          err?.name === 'VersionError'
            ? new ClientError(
                'storage',
                `IndexedDB ${name} is newer than this app (v${INDEXED_DB_MIGRATIONS.length}): ${err.message}`,
                { cause: err },
              )
            : storageError(`open of ${name}`, err),
        );
      };
      request.onblocked = () =>
        reject(new ClientError('storage', `IndexedDB ${name} is held open by an older version of the app`));
    });
  }

  /**
   * Runs `body` in one transaction over `stores`; resolves with what `body` left in `out` once the
   * transaction commits, rejects (and rolls back) if any request fails.
   */
  #tx<T>(
    stores: StoreName[],
    mode: IDBTransactionMode,
    what: string,
    body: (tx: IDBTransaction, out: { value: T }) => void,
    initial: T,
  ): Promise<T> {
    return new Promise((resolve, reject) => {
      let tx: IDBTransaction;
      try {
        tx = this.db.transaction(stores, mode);
      } catch (err) {
        reject(storageError(what, err));
        return;
      }
      const out = { value: initial };
      tx.oncomplete = () => resolve(out.value);
      tx.onerror = () => reject(storageError(what, tx.error));
      tx.onabort = () => reject(storageError(what, tx.error ?? new Error('transaction aborted')));
      try {
        body(tx, out);
      } catch (err) {
        tx.abort();
        reject(storageError(what, err));
      }
    });
  }

  putKey(key: TemporaryExposureKey): Promise<void> {
    const row: TekRow = {
      id: toHex(key.keyData),
      keyData: key.keyData.slice(),
      rollingStartIntervalNumber: key.rollingStartIntervalNumber,
      rollingPeriod: key.rollingPeriod,
    };
    return this.#tx([INDEXED_DB_STORES.tek], 'readwrite', 'putKey', (tx) => tx.objectStore('tek').put(row), undefined);
  }

  async listKeys(): Promise<TemporaryExposureKey[]> {
    const rows = await this.#tx<TekRow[]>(
      [INDEXED_DB_STORES.tek],
      'readonly',
      'listKeys',
      (tx, out) => result(tx.objectStore('tek').getAll() as IDBRequest<TekRow[]>, (r) => (out.value = r)),
      [],
    );
    return rows
      .sort((a, b) => a.rollingStartIntervalNumber - b.rollingStartIntervalNumber || byString(a.id, b.id))
      .map(toKey);
  }

  deleteKey(keyData: Uint8Array): Promise<void> {
    return this.#tx(
      [INDEXED_DB_STORES.tek],
      'readwrite',
      'deleteKey',
      (tx) => tx.objectStore('tek').delete(toHex(keyData)),
      undefined,
    );
  }

  deleteKeysEndingBefore(enin: number): Promise<number> {
    return this.#tx(
      [INDEXED_DB_STORES.tek],
      'readwrite',
      'deleteKeysEndingBefore',
      (tx, out) =>
        result(tx.objectStore('tek').openCursor(), (cursor) => {
          if (cursor === null) return;
          const k = cursor.value as TekRow;
          if (k.rollingStartIntervalNumber + k.rollingPeriod <= enin) {
            cursor.delete();
            out.value++;
          }
          cursor.continue();
        }),
      0,
    );
  }

  addSightings(observations: readonly SightingObservation[]): Promise<void> {
    if (observations.length === 0) return Promise.resolve();
    // Merge the batch first, then each (time, RPI) record once with what is stored.
    const merged = new Map<string, ScanRecord>();
    for (const o of observations) mergeObservation(merged, o);
    return this.#tx(
      [INDEXED_DB_STORES.scan],
      'readwrite',
      'addSightings',
      (tx) => {
        const scans = tx.objectStore(INDEXED_DB_STORES.scan);
        for (const record of merged.values()) {
          const add: ScanRow = { ...record, id: toHex(record.rpi) };
          result(scans.get([add.scanTimeMs, add.id]) as IDBRequest<ScanRow | undefined>, (stored) => {
            scans.put(
              stored === undefined
                ? add
                : {
                    ...stored,
                    rssiMax: Math.max(stored.rssiMax, add.rssiMax),
                    rssiSum: stored.rssiSum + add.rssiSum,
                    count: stored.count + add.count,
                  },
            );
          });
        }
      },
      undefined,
    );
  }

  async listScans(sinceMs: number, untilMs: number): Promise<ScanRecord[]> {
    if (!(untilMs > sinceMs)) return [];
    // [t] sorts before every [t, rpi]: this range is sinceMs <= scanTimeMs < untilMs.
    const range = this.range.bound([sinceMs], [untilMs], false, true);
    const rows = await this.#tx<ScanRow[]>(
      [INDEXED_DB_STORES.scan],
      'readonly',
      'listScans',
      (tx, out) =>
        result(tx.objectStore(INDEXED_DB_STORES.scan).getAll(range) as IDBRequest<ScanRow[]>, (r) => (out.value = r)),
      [],
    );
    return rows.map(toScan);
  }

  deleteScansBefore(ms: number): Promise<number> {
    return this.#tx(
      [INDEXED_DB_STORES.scan],
      'readwrite',
      'deleteScansBefore',
      (tx, out) => {
        const scans = tx.objectStore(INDEXED_DB_STORES.scan);
        const range = this.range.upperBound([ms]);
        result(scans.count(range), (n) => {
          out.value = n;
          scans.delete(range);
        });
      },
      0,
    );
  }

  getExport(path: string): Promise<ProcessedExport | undefined> {
    return this.#tx<ProcessedExport | undefined>(
      [INDEXED_DB_STORES.export],
      'readonly',
      'getExport',
      (tx, out) =>
        result(
          tx.objectStore(INDEXED_DB_STORES.export).get(path) as IDBRequest<ProcessedExport | undefined>,
          (r) => (out.value = r),
        ),
      undefined,
    );
  }

  recordExport(
    entry: ProcessedExport,
    windows: readonly StoredExposureWindow[],
    revisedKeys: readonly string[] = [],
  ): Promise<void> {
    return this.#tx(
      [INDEXED_DB_STORES.export, INDEXED_DB_STORES.window],
      'readwrite',
      'recordExport',
      (tx) => {
        tx.objectStore(INDEXED_DB_STORES.export).put({ ...entry });
        const store = tx.objectStore(INDEXED_DB_STORES.window);
        const deleteAll = (index: string, value: string) =>
          result(store.index(index).getAllKeys(value), (ids) => {
            for (const id of ids) store.delete(id);
          });
        deleteAll('by_source', entry.path);
        for (const key of revisedKeys) deleteAll('by_key', key);
        // Requests run in the order they are made: the lookups above see the store before these
        // adds, so the deletes they trigger remove only earlier windows.
        for (const w of windows) store.add({ dayStartMs: w.dayStartMs, source: w.source, key: w.key, json: w.json });
      },
      undefined,
    );
  }

  async listExports(): Promise<ProcessedExport[]> {
    // Keyed by path: getAll returns them in path order.
    return this.#tx<ProcessedExport[]>(
      [INDEXED_DB_STORES.export],
      'readonly',
      'listExports',
      (tx, out) =>
        result(tx.objectStore(INDEXED_DB_STORES.export).getAll() as IDBRequest<ProcessedExport[]>, (r) => {
          out.value = r;
        }),
      [],
    );
  }

  async listExposureWindows(sinceDayMs: number): Promise<StoredExposureWindow[]> {
    const rows = await this.#tx<StoredExposureWindow[]>(
      [INDEXED_DB_STORES.window],
      'readonly',
      'listExposureWindows',
      (tx, out) =>
        result(
          tx
            .objectStore(INDEXED_DB_STORES.window)
            .index('by_day')
            .getAll(this.range.lowerBound(sinceDayMs)) as IDBRequest<StoredExposureWindow[]>,
          (r) => (out.value = r),
        ),
      [],
    );
    return rows.sort(
      (a, b) =>
        a.dayStartMs - b.dayStartMs ||
        byString(a.source, b.source) ||
        byString(a.key, b.key) ||
        byString(a.json, b.json),
    );
  }

  deleteExposureWindowsBefore(dayMs: number): Promise<number> {
    return this.#tx(
      [INDEXED_DB_STORES.window],
      'readwrite',
      'deleteExposureWindowsBefore',
      (tx, out) => {
        const store = tx.objectStore(INDEXED_DB_STORES.window);
        result(store.index('by_day').getAllKeys(this.range.upperBound(dayMs, true)), (ids) => {
          out.value = ids.length;
          for (const id of ids) store.delete(id);
        });
      },
      0,
    );
  }

  getNotifiedDay(dayStartMs: number): Promise<NotifiedDay | undefined> {
    return this.#tx<NotifiedDay | undefined>(
      [INDEXED_DB_STORES.notified],
      'readonly',
      'getNotifiedDay',
      (tx, out) =>
        result(
          tx.objectStore(INDEXED_DB_STORES.notified).get(dayStartMs) as IDBRequest<NotifiedDay | undefined>,
          (r) => (out.value = r),
        ),
      undefined,
    );
  }

  putNotifiedDay(day: NotifiedDay): Promise<void> {
    return this.#tx(
      [INDEXED_DB_STORES.notified],
      'readwrite',
      'putNotifiedDay',
      (tx) => tx.objectStore(INDEXED_DB_STORES.notified).put({ ...day }),
      undefined,
    );
  }

  deleteNotifiedDaysBefore(dayStartMs: number): Promise<number> {
    return this.#tx(
      [INDEXED_DB_STORES.notified],
      'readwrite',
      'deleteNotifiedDaysBefore',
      (tx, out) => {
        const store = tx.objectStore(INDEXED_DB_STORES.notified);
        const before = this.range.upperBound(dayStartMs, true);
        result(store.count(before), (n) => {
          out.value = n;
          store.delete(before);
        });
      },
      0,
    );
  }

  listNotifiedDays(): Promise<NotifiedDay[]> {
    // Keyed by day: getAll returns them oldest first.
    return this.#tx<NotifiedDay[]>(
      [INDEXED_DB_STORES.notified],
      'readonly',
      'listNotifiedDays',
      (tx, out) =>
        result(tx.objectStore(INDEXED_DB_STORES.notified).getAll() as IDBRequest<NotifiedDay[]>, (r) => {
          out.value = r;
        }),
      [],
    );
  }

  getSetting(name: string): Promise<string | undefined> {
    return this.#tx<string | undefined>(
      [INDEXED_DB_STORES.setting],
      'readonly',
      'getSetting',
      (tx, out) =>
        result(
          tx.objectStore(INDEXED_DB_STORES.setting).get(name) as IDBRequest<{ value: string } | undefined>,
          (r) => (out.value = r?.value),
        ),
      undefined,
    );
  }

  setSetting(name: string, value: string): Promise<void> {
    return this.#tx(
      [INDEXED_DB_STORES.setting],
      'readwrite',
      'setSetting',
      (tx) => tx.objectStore(INDEXED_DB_STORES.setting).put({ name, value }),
      undefined,
    );
  }

  async close(): Promise<void> {
    this.db.close();
  }
}
