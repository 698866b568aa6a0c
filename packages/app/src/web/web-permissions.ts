/**
 * Permissions in a browser: Bluetooth is the simulated radio (nothing to ask); notifications
 * use the Web Notification API where it exists.
 */
import type { PermissionState, Permissions } from '../model/permissions';

const fromBrowser = (p: NotificationPermission): PermissionState =>
  p === 'granted' ? 'granted' : p === 'denied' ? 'denied' : 'unknown';

export const webPermissions: Permissions = {
  async requestBluetooth() {
    return 'granted';
  },
  async requestNotifications() {
    if (typeof Notification === 'undefined') return 'denied';
    return fromBrowser(await Notification.requestPermission());
  },
  async notify(title, body) {
    if (typeof Notification !== 'undefined' && Notification.permission === 'granted') new Notification(title, { body });
  },
};
