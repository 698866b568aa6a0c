// The phone's permission flow per platform and Android API level (the expo-sqlite store adapter
// is the client SDK's, tested in its store suite).
import { describe, expect, it } from 'vitest';
import {
  androidBluetoothPermissions,
  type NativePermissionDeps,
  nativePermissions,
} from '../src/native/native-permissions';

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
