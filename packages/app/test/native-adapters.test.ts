// The phone-only pieces that can run in Node: the expo-sqlite adapter (driven by real SQLite
// through better-sqlite3 behind expo-sqlite's async method shapes, with the SDK's SqlStore on
// top) and the permission flow per platform and Android API level.
import { SqlStore } from '@bluezone/client';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { type ExpoSqliteDatabase, expoSqliteExecutor } from '../src/native/expo-sqlite-executor';
import {
  androidBluetoothPermissions,
  type NativePermissionDeps,
  nativePermissions,
} from '../src/native/native-permissions';

/** expo-sqlite's API shape over an in-memory better-sqlite3 database. */
function expoLike(): ExpoSqliteDatabase & { closed: boolean } {
  const db = new Database(':memory:');
  const runner = {
    async runAsync(sql: string, params: unknown[]) {
      return { changes: db.prepare(sql).run(...params).changes };
    },
  };
  return {
    closed: false,
    ...runner,
    async execAsync(sql) {
      db.exec(sql);
    },
    async getAllAsync<T>(sql: string, params: unknown[]) {
      return db.prepare(sql).all(...params) as T[];
    },
    async withExclusiveTransactionAsync(task) {
      db.exec('BEGIN');
      try {
        await task(runner);
        db.exec('COMMIT');
      } catch (err) {
        db.exec('ROLLBACK');
        throw err;
      }
    },
    async closeAsync() {
      db.close();
      this.closed = true;
    },
  };
}

describe('expo-sqlite executor', () => {
  it('serves the SDK SqlStore: sightings merge per RPI and scan, settings persist, batches are atomic', async () => {
    const raw = expoLike();
    const store = await SqlStore.open(expoSqliteExecutor(raw));
    const rpi = new Uint8Array(16).fill(7);
    const aem = new Uint8Array(4).fill(1);
    await store.addSightings([
      { rpi, aem, scanTimeMs: 300_000, rssi: -60 },
      { rpi, aem, scanTimeMs: 300_000, rssi: -50 },
    ]);
    const scans = await store.listScans(0, 1_000_000);
    expect(scans).toHaveLength(1);
    expect(scans[0]).toMatchObject({ rssiMax: -50, rssiSum: -110, count: 2 });
    expect(scans[0]?.rpi).toEqual(rpi);
    await store.setSetting('app.language', 'en');
    expect(await store.getSetting('app.language')).toBe('en');
    expect(await store.deleteScansBefore(1_000_000)).toBe(1);

    const exec = expoSqliteExecutor(raw);
    await expect(
      exec.batch([
        { sql: "INSERT INTO setting (name, value) VALUES ('x', '1')", params: [] },
        { sql: 'INSERT INTO no_such_table VALUES (1)', params: [] },
      ]),
    ).rejects.toThrow();
    expect(await store.getSetting('x')).toBeUndefined();
    await store.close();
    expect(raw.closed).toBe(true);
  });
});

describe('native permissions', () => {
  const deps = (over: Partial<NativePermissionDeps>): NativePermissionDeps & { asked: string[][]; shown: string[] } => {
    const asked: string[][] = [];
    const shown: string[] = [];
    return {
      os: 'android',
      apiLevel: 34,
      requestAndroid: async (p) => {
        asked.push(p);
        return Object.fromEntries(p.map((x) => [x, 'granted' as const]));
      },
      bluetoothAuthorized: async () => true,
      requestNotifications: async () => true,
      showNotification: async (title, body) => {
        shown.push(`${title}: ${body}`);
      },
      asked,
      shown,
      ...over,
    };
  };

  it('asks Android 12+ for scan/advertise/connect, older Android for location', async () => {
    const d = deps({});
    expect(await nativePermissions(d).requestBluetooth()).toBe('granted');
    expect(d.asked[0]).toEqual(androidBluetoothPermissions(31));
    expect(androidBluetoothPermissions(31)).toEqual([
      'android.permission.BLUETOOTH_SCAN',
      'android.permission.BLUETOOTH_ADVERTISE',
      'android.permission.BLUETOOTH_CONNECT',
    ]);
    expect(androidBluetoothPermissions(30)).toEqual(['android.permission.ACCESS_FINE_LOCATION']);
  });

  it('is denied when any Bluetooth permission is refused', async () => {
    const d = deps({
      requestAndroid: async (p) =>
        Object.fromEntries(
          p.map((x) => [x, x.endsWith('ADVERTISE') ? ('never_ask_again' as const) : ('granted' as const)]),
        ),
    });
    expect(await nativePermissions(d).requestBluetooth()).toBe('denied');
  });

  it('asks POST_NOTIFICATIONS on Android 13+, and only notifies once granted', async () => {
    const d = deps({});
    const p = nativePermissions(d);
    await p.notify('early', 'not shown');
    expect(await p.requestNotifications()).toBe('granted');
    expect(d.asked).toEqual([['android.permission.POST_NOTIFICATIONS']]);
    await p.notify('Cảnh báo', 'ngày 2026-11-25');
    expect(d.shown).toEqual(['Cảnh báo: ngày 2026-11-25']);

    const refused = deps({ requestAndroid: async (x) => Object.fromEntries(x.map((k) => [k, 'denied' as const])) });
    const q = nativePermissions(refused);
    expect(await q.requestNotifications()).toBe('denied');
    await q.notify('x', 'y');
    expect(refused.shown).toEqual([]);
  });

  it('uses the CoreBluetooth answer on iOS', async () => {
    expect(
      await nativePermissions(deps({ os: 'ios', bluetoothAuthorized: async () => false })).requestBluetooth(),
    ).toBe('denied');
    const d = deps({ os: 'ios' });
    expect(await nativePermissions(d).requestBluetooth()).toBe('granted');
    expect(d.asked).toEqual([]);
  });
});
