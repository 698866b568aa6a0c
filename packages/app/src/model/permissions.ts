/**
 * The OS permissions the app asks for, behind an interface so each platform brings its own:
 * Android's runtime permissions (BLUETOOTH_SCAN/ADVERTISE/CONNECT, POST_NOTIFICATIONS), iOS's
 * CoreBluetooth prompt, the browser's Notification API — and tests bring a scripted fake.
 */
export type PermissionState = 'unknown' | 'granted' | 'denied';

export interface Permissions {
  /** Asks for Bluetooth scanning and advertising; resolves with the user's answer. */
  requestBluetooth(): Promise<PermissionState>;
  requestNotifications(): Promise<PermissionState>;
  /** Shows a system notification (only called once notifications are granted). */
  notify(title: string, body: string): Promise<void>;
}
