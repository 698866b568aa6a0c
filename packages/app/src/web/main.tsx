/**
 * The app in a browser (react-native-web), served by the server at /app: same screens and SDK
 * as on a phone, with the simulated radio instead of Bluetooth. What a phone keeps in SQLite
 * (keys, sightings, exposure results, settings) the page keeps in IndexedDB, so a reload is the
 * same install.
 * Configuration comes from the server that serves the page (`/api/app-config`, web-config.ts:
 * the device API key, region, export keys, install address); `?apiKey=` in the URL overrides the
 * key, `&neighbours=<n>` sets the virtual phones nearby (default 3); the key server is this origin.
 */
import {
  BluezoneClient,
  CheckpointGateClient,
  type ClientStore,
  cryptoRandom,
  fetchConfiguration,
  IndexedDbStore,
  MemoryRadio,
  MemoryStore,
} from '@bluezone/client';
import { portableBackend, systemClock } from '@bluezone/protocol';
import { AppRegistry } from 'react-native';
import { App } from '../app';
import { formatDayIn, translator } from '../i18n/i18n';
import { AppModel } from '../model/app-model';
import { NO_EXPORT_KEY } from '../model/export-keys';
import { httpRolloutApi } from '../model/rollout-api';
import { loadWebConfig } from './web-config';
import { downloadFile } from './web-download';
import { listenWindowControl } from './web-listen-window';
import { webPermissions } from './web-permissions';
import { type BluezoneSim, startWebSimulator } from './web-simulator';

declare global {
  interface Window {
    bluezoneSim?: BluezoneSim;
    bluezoneModel?: AppModel;
  }
}

const APP_VERSION = '0.1.0-web';
const params = new URLSearchParams(window.location.search);
const origin = window.location.origin;
const random = cryptoRandom(portableBackend);
const clock = systemClock;

/** The page's IndexedDB store; a browser without one (some private modes) gets a session-only store. */
async function openStore(): Promise<ClientStore> {
  try {
    const store = await IndexedDbStore.open();
    // Ask the browser not to evict the install under storage pressure (it may say no).
    void navigator.storage?.persist?.().catch(() => false);
    return store;
  } catch (err) {
    console.warn(`Bluezone: ${(err as Error).message}; this session's data is kept in memory only`);
    return new MemoryStore();
  }
}

async function main(): Promise<void> {
  const [config, store] = await Promise.all([loadWebConfig(origin, params, fetch.bind(window)), openStore()]);
  const { apiKey, exportKeys } = config;
  const radio = new MemoryRadio({ clock, random }, () => -55 - Math.floor(random.float() * 35));
  const me = radio.transport('me');
  // The SDK's 8 s unless a test holds it (window.bluezoneSim.holdListenWindows).
  const listen = listenWindowControl();
  const model = new AppModel({
    createClient: (store) =>
      new BluezoneClient({
        store,
        transport: me,
        clock,
        random,
        server: {
          verificationUrl: origin,
          keyServerUrl: origin,
          exportBaseUrl: `${origin}/exports/`,
          apiKey,
          region: config.region,
          healthAuthorityID: config.healthAuthorityID,
          publicKeys: exportKeys.length > 0 ? exportKeys : [NO_EXPORT_KEY],
        },
        decoys: false,
      }),
    store,
    clock,
    random,
    permissions: webPermissions,
    rollout: httpRolloutApi(origin, apiKey, fetch.bind(window)),
    // The health authority's signed document (its advice shows on the exposure screen).
    fetchConfiguration: (store) =>
      fetchConfiguration(origin, fetch.bind(window), {
        backend: portableBackend,
        store,
        publicKeys: exportKeys,
        region: config.region,
      }),
    // Gatekeeper mode: the gate endpoints of this origin, listening on the simulated radio.
    gateApi: (gateKey) => new CheckpointGateClient({ baseUrl: origin, gateKey, fetch: fetch.bind(window) }),
    gateListenWindow: listen.window,
    // The scanner and its QR decoder (jsQR) load on first use: the first screen on 3G does without them.
    scanQr: async () => {
      const { webQrScanner } = await import('./web-qr-scanner');
      return webQrScanner(() => {
        const t = translator(model.state.language);
        return {
          title: t('scanner.title'),
          noCamera: t('scanner.noCamera'),
          photo: t('scanner.photo'),
          cancel: t('scanner.cancel'),
        };
      })();
    },
    // A field test's recording downloads as a file.
    shareFile: (file) => downloadFile(file),
    appVersion: APP_VERSION,
    installBaseUrl: config.installBaseUrl,
    // Until the home unit's own station is known: the Ministry of Health's hotline.
    healthStation: { name: 'Đường dây nóng Bộ Y tế', phone: '1900 9095' },
    notificationText: (e, language) => {
      const t = translator(language);
      return { title: t('notification.title'), body: t('notification.body', { day: formatDayIn(language, e.day) }) };
    },
  });
  const refresh = () => void model.refresh();
  window.bluezoneSim = startWebSimulator(radio, me, Number(params.get('neighbours') ?? 3), random, refresh, listen);
  window.bluezoneModel = model;
  setInterval(() => void model.client.tick().then(refresh), 60_000);
  // Exposure checks a few times a day, as a phone does ("Check now" runs one at once).
  setInterval(() => void model.checkExposure().catch(() => {}), 4 * 3_600_000);
  AppRegistry.registerComponent('bluezone', () => () => <App model={model} />);
  AppRegistry.runApplication('bluezone', { rootTag: document.getElementById('root') });
  // The first scan as soon as tracing is on, so the radar fills without waiting a minute.
  let tracing = false;
  model.subscribe(() => {
    if (model.state.tracing && !tracing) setTimeout(() => window.bluezoneSim?.scan(), 0);
    tracing = model.state.tracing;
  });
  await model.load();
}

void main();
