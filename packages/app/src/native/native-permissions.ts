/**
 * Permissions on a phone. Android 12+ (API 31) asks for BLUETOOTH_SCAN/ADVERTISE/CONNECT (scan
 * declared neverForLocation in app.json); Android 11 and older need location to scan BLE
 * (Android docs, "Bluetooth permissions"). Android 13+ (API 33) asks for POST_NOTIFICATIONS.
 * iOS shows its Bluetooth prompt when the BLE manager starts; notifications go through
 * expo-notifications on both platforms. The platform pieces are injected so this is testable.
 */
import type { PermissionState, Permissions } from '../model/permissions';

type AndroidResult = 'granted' | 'denied' | 'never_ask_again';

export interface NativePermissionDeps {
  os: 'android' | 'ios' | string;
  /** Android API level (Platform.Version). */
  apiLevel: number;
  requestAndroid(permissions: string[]): Promise<Record<string, AndroidResult>>;
  /** iOS: resolves when CoreBluetooth reports the user's answer (ble-plx state). */
  bluetoothAuthorized(): Promise<boolean>;
  requestNotifications(): Promise<boolean>;
  showNotification(title: string, body: string): Promise<void>;
}

const P = 'android.permission.';

export function androidBluetoothPermissions(apiLevel: number): string[] {
  return apiLevel >= 31
    ? [`${P}BLUETOOTH_SCAN`, `${P}BLUETOOTH_ADVERTISE`, `${P}BLUETOOTH_CONNECT`]
    : [`${P}ACCESS_FINE_LOCATION`];
}

export function nativePermissions(d: NativePermissionDeps): Permissions {
  let notifications: PermissionState = 'unknown';
  return {
    async requestBluetooth() {
      if (d.os !== 'android') return (await d.bluetoothAuthorized()) ? 'granted' : 'denied';
      const wanted = androidBluetoothPermissions(d.apiLevel);
      const result = await d.requestAndroid(wanted);
      return wanted.every((p) => result[p] === 'granted') ? 'granted' : 'denied';
    },
    async requestNotifications() {
      if (d.os === 'android' && d.apiLevel >= 33) {
        const r = await d.requestAndroid([`${P}POST_NOTIFICATIONS`]);
        if (r[`${P}POST_NOTIFICATIONS`] !== 'granted') {
          notifications = 'denied';
          return notifications;
        }
      }
      notifications = (await d.requestNotifications()) ? 'granted' : 'denied';
      return notifications;
    },
    async notify(title, body) {
      if (notifications === 'granted') await d.showNotification(title, body);
    },
  };
}
