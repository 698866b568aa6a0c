/**
 * The app on a phone (Expo): the same AppModel and screens as in the browser, with Bluetooth
 * through react-native-ble-plx (scanning), SQLite through expo-sqlite, notifications through
 * expo-notifications, unit QR codes through expo-camera's system scanner, a field test's recording
 * as a file through expo-file-system and expo-sharing. The key server and the
 * device API key are build-time settings: EXPO_PUBLIC_BLUEZONE_SERVER_URL and
 * EXPO_PUBLIC_BLUEZONE_API_KEY (Expo inlines EXPO_PUBLIC_*).
 * Advertising goes through the local Expo module modules/bluezone-advertiser (Android
 * BluetoothLeAdvertiser with 0xFD6F service data); on iOS, which lets only Apple's framework
 * advertise 0xFD6F, the phone scans and records but is not heard.
 */

import {
  type BlePlxManager,
  BlePlxTransport,
  BluezoneClient,
  CheckpointGateClient,
  cryptoRandom,
  expoSqliteExecutor,
  fetchCalibration,
  fetchConfiguration,
  SqlStore,
} from '@bluezone/client';
import { portableBackend, systemClock } from '@bluezone/protocol';
import { Camera, CameraView } from 'expo-camera';
import { Directory, File, Paths } from 'expo-file-system';
import * as Notifications from 'expo-notifications';
import * as Sharing from 'expo-sharing';
import { openDatabaseAsync } from 'expo-sqlite';
import { Platform } from 'react-native';
import { BleManager, State } from 'react-native-ble-plx';
import { bluezoneAdvertiser } from '../../modules/bluezone-advertiser';
import { formatDayIn, translator } from '../i18n/i18n';
import { AppModel } from '../model/app-model';
import { fetchExportKeys, NO_EXPORT_KEY } from '../model/export-keys';
import { httpRolloutApi } from '../model/rollout-api';
import { expoQrScanner } from './expo-qr-scanner';
import { nativeDevice } from './native-device';
import { nativePermissions } from './native-permissions';
import { nativeClearSharedFiles, nativeShareFile, SHARE_FOLDER, type ShareFolder } from './native-share';
import { requestAndroid } from './request-android';

const SERVER = process.env.EXPO_PUBLIC_BLUEZONE_SERVER_URL ?? 'https://bluezone.example';
const API_KEY = process.env.EXPO_PUBLIC_BLUEZONE_API_KEY ?? '';
const APP_VERSION = '0.1.0';

export async function createPhoneModel(): Promise<AppModel> {
  const random = cryptoRandom(portableBackend);
  const clock = systemClock;
  const manager = new BleManager();
  const store = await SqlStore.open(expoSqliteExecutor(await openDatabaseAsync('bluezone.db')));
  const exportKeys = await fetchExportKeys(SERVER, fetch);
  const transport = new BlePlxTransport({
    manager: manager as unknown as BlePlxManager,
    advertiser: bluezoneAdvertiser(),
    clock,
  });
  // Undefined where the phone has no system scanner: the screen then offers typing the code.
  const scanQr = expoQrScanner({
    os: Platform.OS,
    scanner: CameraView,
    requestCameraPermission: async () => (await Camera.requestCameraPermissionsAsync()).granted,
  });
  Notifications.setNotificationHandler({
    handleNotification: async () => ({
      shouldShowBanner: true,
      shouldShowList: true,
      shouldPlaySound: true,
      shouldSetBadge: false,
    }),
  });
  const device = nativeDevice(Platform);
  // A field test's recordings: a folder of their own in the cache, deleted as a whole.
  const shareDirectory = new Directory(Paths.cache, SHARE_FOLDER);
  const shareFolder: ShareFolder = {
    get exists() {
      return shareDirectory.exists;
    },
    create: (options) => shareDirectory.create(options),
    delete: () => shareDirectory.delete(),
    file: (name) => new File(shareDirectory, name),
  };
  const model = new AppModel({
    createClient: (s) =>
      new BluezoneClient({
        store: s,
        transport,
        clock,
        random,
        // An iPhone is the calibration list's reference: no correction, fetched list or not.
        ...(device === undefined ? {} : { device }),
        server: {
          verificationUrl: SERVER,
          keyServerUrl: SERVER,
          exportBaseUrl: `${SERVER}/exports/`,
          apiKey: API_KEY,
          region: 'VN',
          healthAuthorityID: 'vn.bluezone',
          publicKeys: exportKeys.length > 0 ? exportKeys : [NO_EXPORT_KEY],
        },
      }),
    store,
    clock,
    random,
    permissions: nativePermissions({
      os: Platform.OS,
      apiLevel: typeof Platform.Version === 'number' ? Platform.Version : 0,
      requestAndroid,
      bluetoothAuthorized: () =>
        new Promise((resolve) => {
          const sub = manager.onStateChange((state) => {
            if (state === State.PoweredOn || state === State.Unauthorized || state === State.Unsupported) {
              sub.remove();
              resolve(state === State.PoweredOn);
            }
          }, true);
        }),
      requestNotifications: async () => (await Notifications.requestPermissionsAsync()).granted,
      showNotification: async (title, body) => {
        await Notifications.scheduleNotificationAsync({ content: { title, body }, trigger: null });
      },
    }),
    rollout: httpRolloutApi(SERVER, API_KEY, fetch),
    // The health authority's signed document (its advice shows on the exposure screen).
    fetchConfiguration: (s) =>
      fetchConfiguration(SERVER, fetch, { backend: portableBackend, store: s, publicKeys: exportKeys, region: 'VN' }),
    // This phone's row of the EN calibration list, looked up on the phone (its model is not sent).
    ...(device === undefined
      ? {}
      : {
          fetchCalibration: (s) =>
            fetchCalibration(SERVER, fetch, { backend: portableBackend, store: s, publicKeys: exportKeys, device }),
        }),
    // Gatekeeper mode: pairs with a gate key and listens with the same BLE scanner (BlePlxTransport).
    gateApi: (gateKey) => new CheckpointGateClient({ baseUrl: SERVER, gateKey, fetch }),
    ...(scanQr === undefined ? {} : { scanQr }),
    // A field test's recording goes out as a file in the cache, through the system share sheet, and
    // names this phone's model; the file stays for a receiving app that reads it late, until the
    // next export, the next start, leaving the test or "delete all data".
    shareFile: nativeShareFile(shareFolder, Sharing),
    clearSharedFiles: nativeClearSharedFiles(shareFolder),
    ...(device === undefined ? {} : { device }),
    appVersion: APP_VERSION,
    installBaseUrl: `${SERVER}/app/`,
    // Until the home unit's own station is known: the Ministry of Health's hotline.
    healthStation: { name: 'Đường dây nóng Bộ Y tế', phone: '1900 9095' },
    notificationText: (e, language) => {
      const t = translator(language);
      return { title: t('notification.title'), body: t('notification.body', { day: formatDayIn(language, e.day) }) };
    },
  });
  // Periodic work while the app runs: RPI rotation every minute; an exposure check every 4 hours.
  setInterval(() => void model.client.tick().then(() => model.refresh()), 60_000);
  setInterval(() => void model.checkExposure().catch(() => {}), 4 * 3_600_000);
  await model.load();
  return model;
}
