// One storage suite over both stores (STYLE.md practice 9): SQLite must behave like memory.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ClientStore, INDEXED_DB_MIGRATIONS, IndexedDbStore, SQL_STORE_MIGRATIONS } from '@bluezone/client';
import { openSqliteStore } from '@bluezone/client/sqlite';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { STORES } from './stores';

const bytes = (fill: number, n = 16) => new Uint8Array(n).fill(fill);

for (const { name, open } of STORES) {
  describe(`ClientStore (${name})`, () => {
    let store: ClientStore;
    beforeEach(async () => {
      store = await open();
    });
    afterEach(async () => {
      await store.close();
    });

    it('stores keys by key data, lists them oldest first and prunes ended ones', async () => {
      await store.putKey({ keyData: bytes(2), rollingStartIntervalNumber: 288, rollingPeriod: 144 });
      await store.putKey({ keyData: bytes(1), rollingStartIntervalNumber: 144, rollingPeriod: 144 });
      await store.putKey({ keyData: bytes(2), rollingStartIntervalNumber: 288, rollingPeriod: 100 });
      expect(await store.listKeys()).toEqual([
        { keyData: bytes(1), rollingStartIntervalNumber: 144, rollingPeriod: 144 },
        { keyData: bytes(2), rollingStartIntervalNumber: 288, rollingPeriod: 100 },
      ]);
      expect(await store.deleteKeysEndingBefore(287)).toBe(0);
      expect(await store.deleteKeysEndingBefore(288)).toBe(1);
      await store.deleteKey(bytes(2));
      expect(await store.listKeys()).toEqual([]);
    });

    it('merges sightings of one RPI in one scan: strongest RSSI, sum and count', async () => {
      await store.addSightings([
        { rpi: bytes(7), aem: bytes(1, 4), scanTimeMs: 600_000, rssi: -70 },
        { rpi: bytes(7), aem: bytes(1, 4), scanTimeMs: 600_000, rssi: -60 },
        { rpi: bytes(3), aem: bytes(2, 4), scanTimeMs: 600_000, rssi: -80 },
      ]);
      await store.addSightings([{ rpi: bytes(7), aem: bytes(1, 4), scanTimeMs: 600_000, rssi: -65 }]);
      await store.addSightings([{ rpi: bytes(7), aem: bytes(1, 4), scanTimeMs: 900_000, rssi: -90 }]);
      expect(await store.listScans(0, 900_000)).toEqual([
        { rpi: bytes(3), aem: bytes(2, 4), scanTimeMs: 600_000, rssiMax: -80, rssiSum: -80, count: 1 },
        { rpi: bytes(7), aem: bytes(1, 4), scanTimeMs: 600_000, rssiMax: -60, rssiSum: -195, count: 3 },
      ]);
      expect((await store.listScans(900_000, 900_001)).map((s) => s.count)).toEqual([1]);
      expect(await store.deleteScansBefore(900_000)).toBe(2);
      expect(await store.listScans(0, Number.MAX_SAFE_INTEGER)).toHaveLength(1);
    });

    it('records an export and its windows atomically, replacing a re-recorded export', async () => {
      const entry = { path: 'v1/a.zip', status: 'processed' as const, processedAtMs: 5, keyCount: 3, reason: '' };
      await store.recordExport(entry, [
        { dayStartMs: 86_400_000, source: 'v1/a.zip', key: 'k1', json: '{"a":1}' },
        { dayStartMs: 0, source: 'v1/a.zip', key: 'k2', json: '{"a":0}' },
      ]);
      await store.recordExport({ ...entry, path: 'v1/b.zip', status: 'rejected', reason: 'bad signature' }, []);
      expect(await store.getExport('v1/a.zip')).toEqual(entry);
      expect(await store.getExport('v1/c.zip')).toBeUndefined();
      expect((await store.listExports()).map((e) => [e.path, e.status])).toEqual([
        ['v1/a.zip', 'processed'],
        ['v1/b.zip', 'rejected'],
      ]);
      expect((await store.listExposureWindows(0)).map((w) => w.json)).toEqual(['{"a":0}', '{"a":1}']);
      await store.recordExport({ ...entry, keyCount: 4 }, [
        { dayStartMs: 0, source: 'v1/a.zip', key: 'k1', json: '{"b":0}' },
      ]);
      expect((await store.listExposureWindows(0)).map((w) => w.json)).toEqual(['{"b":0}']);
      expect(await store.deleteExposureWindowsBefore(1)).toBe(1);
    });

    it("replaces a revised key's windows from any earlier export", async () => {
      const entry = { path: 'a.zip', status: 'processed' as const, processedAtMs: 5, keyCount: 2, reason: '' };
      await store.recordExport(entry, [
        { dayStartMs: 0, source: 'a.zip', key: 'k1', json: '{"k1":"likely"}' },
        { dayStartMs: 0, source: 'a.zip', key: 'k2', json: '{"k2":"confirmed"}' },
      ]);
      await store.recordExport(
        { ...entry, path: 'b.zip' },
        [{ dayStartMs: 0, source: 'b.zip', key: 'k1', json: '{"k1":"confirmed"}' }],
        ['k1', 'k3'],
      );
      expect((await store.listExposureWindows(0)).map((w) => [w.source, w.key, w.json])).toEqual([
        ['a.zip', 'k2', '{"k2":"confirmed"}'],
        ['b.zip', 'k1', '{"k1":"confirmed"}'],
      ]);
      await store.recordExport({ ...entry, path: 'c.zip' }, [], ['k2']);
      expect((await store.listExposureWindows(0)).map((w) => w.key)).toEqual(['k1']);
    });

    it('remembers notified days and settings', async () => {
      await store.putNotifiedDay({ dayStartMs: 86_400_000, riskLevel: 1, notifiedAtMs: 10 });
      await store.putNotifiedDay({ dayStartMs: 0, riskLevel: 2, notifiedAtMs: 11 });
      await store.putNotifiedDay({ dayStartMs: 86_400_000, riskLevel: 2, notifiedAtMs: 12 });
      expect(await store.getNotifiedDay(86_400_000)).toEqual({
        dayStartMs: 86_400_000,
        riskLevel: 2,
        notifiedAtMs: 12,
      });
      expect((await store.listNotifiedDays()).map((d) => d.dayStartMs)).toEqual([0, 86_400_000]);
      expect(await store.deleteNotifiedDaysBefore(86_400_000)).toBe(1);
      expect((await store.listNotifiedDays()).map((d) => d.dayStartMs)).toEqual([86_400_000]);
      expect(await store.deleteNotifiedDaysBefore(Number.MAX_SAFE_INTEGER)).toBe(1);
      expect(await store.listNotifiedDays()).toEqual([]);
      expect(await store.getSetting('x')).toBeUndefined();
      await store.setSetting('x', '1');
      await store.setSetting('x', '2');
      expect(await store.getSetting('x')).toBe('2');
    });

    it('returns copies: mutating a result does not change the store', async () => {
      await store.putKey({ keyData: bytes(1), rollingStartIntervalNumber: 0, rollingPeriod: 144 });
      const [k] = await store.listKeys();
      k?.keyData.fill(9);
      expect((await store.listKeys())[0]?.keyData).toEqual(bytes(1));
    });
  });
}

describe('SQLite store file', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'bluezone-client-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps data across reopen and does not re-run migrations', async () => {
    const path = join(dir, 'phone.db');
    const a = await openSqliteStore(path);
    await a.setSetting('region', 'VN');
    await a.close();
    const b = await openSqliteStore(path);
    expect(await b.getSetting('region')).toBe('VN');
    await b.close();
  });

  it('upgrades a v1 database in place, keeping its rows', async () => {
    const path = join(dir, 'phone.db');
    const { default: Database } = await import('better-sqlite3');
    const db = new Database(path);
    db.exec(SQL_STORE_MIGRATIONS[0] as string);
    db.pragma('user_version = 1');
    db.prepare("INSERT INTO exposure_window (day_start_ms, source, json) VALUES (0, 'a.zip', '{}')").run();
    db.close();
    const store = await openSqliteStore(path);
    expect(await store.listExposureWindows(0)).toEqual([{ dayStartMs: 0, source: 'a.zip', key: '', json: '{}' }]);
    await store.close();
    const check = new Database(path);
    expect(check.pragma('user_version', { simple: true })).toBe(SQL_STORE_MIGRATIONS.length);
    check.close();
  });

  it('rolls a failed migration back, leaving the database as it was', async () => {
    const path = join(dir, 'phone.db');
    const { default: Database } = await import('better-sqlite3');
    const db = new Database(path);
    db.exec(SQL_STORE_MIGRATIONS[0] as string);
    // A column v2 is about to add already exists: v2 fails half-way.
    db.exec("ALTER TABLE exposure_window ADD COLUMN key TEXT NOT NULL DEFAULT 'x'");
    db.pragma('user_version = 1');
    db.close();
    await expect(openSqliteStore(path)).rejects.toMatchObject({ code: 'storage' });
    const check = new Database(path);
    expect(check.pragma('user_version', { simple: true })).toBe(1);
    check.close();
  });

  it('refuses a database from a newer app version', async () => {
    const path = join(dir, 'phone.db');
    const { default: Database } = await import('better-sqlite3');
    const db = new Database(path);
    db.pragma('user_version = 99');
    db.close();
    await expect(openSqliteStore(path)).rejects.toMatchObject({ code: 'storage' });
  });
});

describe('IndexedDB store database', () => {
  it('keeps data across reopen (a page reload) at the current schema version', async () => {
    const env = { indexedDB: new IDBFactory(), IDBKeyRange };
    const a = await IndexedDbStore.open(env, 'phone');
    await a.setSetting('region', 'VN');
    await a.putKey({ keyData: bytes(4), rollingStartIntervalNumber: 144, rollingPeriod: 144 });
    await a.close();
    const b = await IndexedDbStore.open(env, 'phone');
    expect(await b.getSetting('region')).toBe('VN');
    expect((await b.listKeys()).map((k) => k.keyData)).toEqual([bytes(4)]);
    await b.close();
    const versions = (await env.indexedDB.databases()).map((d) => [d.name, d.version]);
    expect(versions).toEqual([['phone', INDEXED_DB_MIGRATIONS.length]]);
  });

  it('refuses a database from a newer app version, leaving it untouched', async () => {
    const env = { indexedDB: new IDBFactory(), IDBKeyRange };
    await new Promise<void>((resolve, reject) => {
      const r = env.indexedDB.open('phone', 99);
      r.onsuccess = () => {
        r.result.close();
        resolve();
      };
      r.onerror = () => reject(r.error);
    });
    await expect(IndexedDbStore.open(env, 'phone')).rejects.toMatchObject({
      code: 'storage',
      message: expect.stringMatching(/newer than this app/),
    });
    expect((await env.indexedDB.databases()).map((d) => d.version)).toEqual([99]);
  });

  it('says so when the page has no IndexedDB', async () => {
    await expect(
      IndexedDbStore.open({ IDBKeyRange } as unknown as Parameters<typeof IndexedDbStore.open>[0]),
    ).rejects.toMatchObject({ code: 'storage', message: 'this browser has no IndexedDB' });
  });

  it('lets another tab upgrade: an open store closes when a newer version asks', async () => {
    const env = { indexedDB: new IDBFactory(), IDBKeyRange };
    const store = await IndexedDbStore.open(env, 'phone');
    const deleted = await new Promise<string>((resolve) => {
      const r = env.indexedDB.deleteDatabase('phone');
      r.onsuccess = () => resolve('deleted');
      r.onblocked = () => resolve('blocked');
    });
    expect(deleted).toBe('deleted');
    await expect(store.getSetting('x')).rejects.toMatchObject({ code: 'storage' });
  });
});
