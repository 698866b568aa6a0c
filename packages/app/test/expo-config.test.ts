// The phone build's permissions, as Expo's config plugins really write them: `expo config --type
// introspect` runs every plugin of app.json (ble-plx, notifications, sqlite, camera) and returns
// the AndroidManifest and Info.plist a prebuild would write. What the onboarding screen promises
// (no location, no phone identity, no microphone) must hold in them.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const appDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

interface ManifestEntry {
  $: Record<string, string>;
}
interface Introspected {
  _internal: {
    modResults: {
      android: { manifest: { manifest: Record<string, ManifestEntry[] | undefined> } };
      ios: { infoPlist: Record<string, unknown>; entitlements: Record<string, unknown> };
    };
  };
}

let config: Introspected;
beforeAll(() => {
  const out = execFileSync('npx', ['expo', 'config', '--type', 'introspect', '--json'], {
    cwd: appDir,
    encoding: 'utf8',
    env: { ...process.env, EXPO_NO_TELEMETRY: '1' },
  });
  config = JSON.parse(out) as Introspected;
}, 120_000);

const entries = (key: string) => config._internal.modResults.android.manifest.manifest[key] ?? [];
const named = (key: string, name: string) => entries(key).filter((e) => e.$['android:name'] === name);

describe('phone build configuration (Expo prebuild output)', () => {
  it('scans Bluetooth with neverForLocation, so Android 12+ asks for no location', () => {
    expect(named('uses-permission', 'android.permission.BLUETOOTH_SCAN')).toEqual([
      {
        $: {
          'android:name': 'android.permission.BLUETOOTH_SCAN',
          'android:usesPermissionFlags': 'neverForLocation',
          'tools:targetApi': '31',
        },
      },
    ]);
    for (const p of ['BLUETOOTH_ADVERTISE', 'BLUETOOTH_CONNECT', 'POST_NOTIFICATIONS', 'INTERNET']) {
      expect(named('uses-permission', `android.permission.${p}`), p).toHaveLength(1);
    }
    // Android ≤ 11 cannot scan without location: only there (maxSdkVersion 30), never in the background.
    for (const p of ['ACCESS_FINE_LOCATION', 'ACCESS_COARSE_LOCATION']) {
      const all = [
        ...named('uses-permission', `android.permission.${p}`),
        ...named('uses-permission-sdk-23', `android.permission.${p}`),
      ];
      expect(all.length, p).toBeGreaterThan(0);
      for (const e of all) expect(e.$['android:maxSdkVersion'], p).toBe('30');
    }
  });

  it('removes what libraries would add and the app must not have', () => {
    for (const p of [
      'ACCESS_BACKGROUND_LOCATION',
      'READ_PHONE_STATE',
      'RECORD_AUDIO',
      'READ_EXTERNAL_STORAGE',
      'WRITE_EXTERNAL_STORAGE',
      'SYSTEM_ALERT_WINDOW',
    ]) {
      const found = named('uses-permission', `android.permission.${p}`);
      expect(found.length, p).toBeGreaterThan(0);
      for (const e of found) expect(e.$['tools:node'], p).toBe('remove');
    }
    expect(named('uses-feature', 'android.hardware.bluetooth_le')).toHaveLength(1);
  });

  it('shares files out but receives none: no expo-sharing share-into, no app group', () => {
    // expo-sharing and expo-file-system (a field test's recording) need no config plugin: the
    // first's only configures receiving shares, the second's only adds INTERNET and the storage
    // permissions removed above. Neither is listed in app.json.
    const application = entries('application')[0] as unknown as { activity?: { 'intent-filter'?: unknown[] }[] };
    const actions = JSON.stringify(application.activity?.flatMap((a) => a['intent-filter'] ?? []) ?? []);
    expect(actions).toContain('android.intent.action.MAIN');
    expect(actions).not.toMatch(/android\.intent\.action\.SEND/);
    expect(Object.keys(config._internal.modResults.ios.entitlements)).toEqual(['aps-environment']);
  });

  it('explains Bluetooth and camera use on iOS in Vietnamese and English, and asks for nothing else', () => {
    const plist = config._internal.modResults.ios.infoPlist;
    expect(plist.NSBluetoothAlwaysUsageDescription).toMatch(/Bluetooth.*không dùng vị trí.*no location/s);
    expect(plist.NSCameraUsageDescription).toMatch(/camera.*QR/s);
    expect(plist.UIBackgroundModes).toEqual(['bluetooth-central', 'bluetooth-peripheral']);
    const usage = Object.keys(plist).filter((k) => k.endsWith('UsageDescription'));
    expect(usage.sort()).toEqual(['NSBluetoothAlwaysUsageDescription', 'NSCameraUsageDescription']);
  });
});
