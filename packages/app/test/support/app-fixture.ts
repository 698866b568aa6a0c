/**
 * An AppModel over the real client SDK for component tests, whichever renderer draws it
 * (react-native-web under Vitest, React Native's host components under Jest): in-memory store
 * and radio, a manual clock, scripted permissions and rollout API, and the client package's
 * recorded fake of the verification/key servers.
 */
import {
  BluezoneClient,
  buildCheckpointPass,
  MemoryRadio,
  MemoryStore,
  newCheckpointKeyPair,
  seededRandom,
} from '@bluezone/client';
import { encodeServiceData, portableBackend } from '@bluezone/protocol';
import { fakeCheckpointGate, fakeServers } from '@bluezone/test-support/fakes';
import type { AppError } from '../../src/model/app-error';
import { AppModel, type AppServices, type SharedFile } from '../../src/model/app-model';
import type { PermissionState } from '../../src/model/permissions';
import type { Attestation, AttestationReceipt, HomeUnit } from '../../src/model/rollout-api';

export const NOW = Date.UTC(2026, 10, 25, 9, 30);

const SERVER = {
  verificationUrl: 'https://verify.test',
  keyServerUrl: 'https://keys.test',
  exportBaseUrl: 'https://keys.test/exports/',
  apiKey: 'device-key',
  region: 'VN',
  healthAuthorityID: 'vn.bluezone',
  publicKeys: [{ pem: 'unused in component tests', keyId: '452' }],
};

export class TestClock {
  constructor(public ms: number) {}
  now = () => this.ms;
  advance(ms: number): void {
    this.ms += ms;
  }
}

export interface TestAppOptions {
  bluetooth?: PermissionState;
  attest?: (a: Attestation) => Promise<AttestationReceipt>;
  /** The server's home units (default HOME_UNITS); a unit not listed answers null. */
  homeUnits?: Record<string, HomeUnit>;
  /** The platform QR scanner, when the test gives the app one. */
  scanQr?: () => Promise<string>;
  /** Fetches and applies the served configuration document (AppServices.fetchConfiguration). */
  fetchConfiguration?: AppServices['fetchConfiguration'];
  /** Fetches and stores this phone's calibration (AppServices.fetchCalibration). */
  fetchCalibration?: AppServices['fetchCalibration'];
  /** The export keys the SDK trusts (default one that verifies nothing). */
  publicKeys?: { pem: string; keyId?: string }[];
}

export type TestApp = ReturnType<typeof testApp>;

/** The home units the fake rollout API names: a village with its commune's station, one whose station has no phone. */
export const HOME_UNITS: Record<string, HomeUnit> = {
  '20164-01': {
    code: '20164-01',
    name: 'Thôn 1',
    parentName: 'Xã Hương Phú',
    healthStation: { code: '20164-TYT', name: 'Trạm Y tế xã Hương Phú', phone: '0234 3870 164' },
  },
  '20173-02': {
    code: '20173-02',
    name: 'Thôn 2',
    parentName: 'Xã Thượng Quảng',
    healthStation: { code: '20173-TYT', name: 'Trạm Y tế xã Thượng Quảng', phone: null },
  },
};

export function testApp(o: TestAppOptions = {}) {
  const clock = new TestClock(NOW);
  const random = seededRandom(42);
  const store = new MemoryStore();
  const radio = new MemoryRadio({ clock, random });
  const servers = fakeServers(portableBackend);
  const notified: { title: string; body: string }[] = [];
  /** The system permission prompts the app opened, in order. */
  const prompts: ('bluetooth' | 'notifications')[] = [];
  const attestations: Attestation[] = [];
  /** Home units the app asked the server about. */
  const homeUnitCalls: string[] = [];
  /** The rollout toolkit's gate endpoints (gatekeeper mode), and the gate keys the app used. */
  const gate = fakeCheckpointGate(clock);
  const gateKeys: string[] = [];
  /** Gatekeeper mode's listening windows, open until the test closes them (`closeWindows`). */
  const listening: (() => void)[] = [];
  /** The files the app handed out (a field test's recording). */
  const shared: SharedFile[] = [];
  const services: AppServices = {
    createClient: (s) =>
      new BluezoneClient({
        store: s,
        transport: radio.transport('me'),
        clock,
        random,
        fetch: servers.fetch,
        sleep: async () => {},
        server: o.publicKeys === undefined ? SERVER : { ...SERVER, publicKeys: o.publicKeys },
        decoys: false,
      }),
    store,
    clock,
    random,
    permissions: {
      requestBluetooth: async () => {
        prompts.push('bluetooth');
        return o.bluetooth ?? 'granted';
      },
      requestNotifications: async () => {
        prompts.push('notifications');
        return 'granted';
      },
      notify: async (title, body) => {
        notified.push({ title, body });
      },
    },
    rollout: {
      attest:
        o.attest ??
        (async (a) => {
          attestations.push(a);
          return {
            unitCode: a.unitCode ?? 'INVITER-UNIT',
            created: true,
            moved: false,
            broughtIn: false,
            broughtInBy: null,
            referralCode: 'ref123',
          };
        }),
      homeUnit: async (code) => {
        homeUnitCalls.push(code);
        return (o.homeUnits ?? HOME_UNITS)[code] ?? null;
      },
    },
    gateApi: (key) => {
      gateKeys.push(key);
      return gate.api;
    },
    gateListenWindow: () => new Promise((resolve) => listening.push(resolve)),
    ...(o.scanQr === undefined ? {} : { scanQr: o.scanQr }),
    ...(o.fetchConfiguration === undefined ? {} : { fetchConfiguration: o.fetchConfiguration }),
    ...(o.fetchCalibration === undefined ? {} : { fetchCalibration: o.fetchCalibration }),
    shareFile: async (file) => {
      shared.push(file);
    },
    appVersion: '9.9.9-test',
    installBaseUrl: 'https://bluezone.test/app/',
    healthStation: { name: 'Đường dây nóng Bộ Y tế', phone: '1900 9095' },
  };
  const model = new AppModel(services);
  const closeWindows = () => {
    for (const close of listening.splice(0)) close();
  };
  return {
    model,
    store,
    clock,
    radio,
    servers,
    notified,
    prompts,
    attestations,
    homeUnitCalls,
    services,
    gate,
    gateKeys,
    closeWindows,
    shared,
  };
}

/** Loads the model as app start does, then runs the test's set-up before anything renders. */
export async function started(t: TestApp, setup?: (m: AppModel) => Promise<void>): Promise<void> {
  await t.model.load();
  await setup?.(t.model);
}

/** Completes onboarding without the UI, for tests of the other screens. */
export async function onboarded(m: AppModel): Promise<void> {
  await m.completeOnboarding();
}

/** A gate key as a unit manager's pairing QR shows it. */
export const GATE_KEY = `bzg_${'A'.repeat(43)}`;

/**
 * Another resident's phone on the same radio, running Bluezone (advertising), with its own
 * checkpoint key: `pass()` is the QR text its pass screen would show.
 */
export async function visitorPhone(t: TestApp, id = 'visitor') {
  const client = new BluezoneClient({
    store: new MemoryStore(),
    transport: t.radio.transport(id),
    clock: t.clock,
    random: seededRandom(id.length + 7),
    fetch: t.servers.fetch,
    server: SERVER,
    decoys: false,
  });
  await client.start();
  const key = newCheckpointKeyPair(seededRandom(99));
  const pass = async () =>
    buildCheckpointPass(
      key,
      { issuedAtMs: t.clock.now(), tracingActive: true, advertisement: await client.keySchedule.advertisement() },
      seededRandom(t.clock.now()),
    ).text;
  return { client, pass };
}

/** Another phone's advertisement (RPI filled with `seed`) heard by this one. */
export function hear(t: TestApp, seed: number, rssi: number, timeMs: number): void {
  const rpi = new Uint8Array(16).fill(seed);
  t.radio.transport('me').deliver({ serviceData: encodeServiceData({ rpi, aem: new Uint8Array(4) }), rssi, timeMs });
}

/** A platform QR scanner that gives these in turn: the text it read, or the error it failed with. */
export function scriptedScanner(...scans: (string | AppError)[]): () => Promise<string> {
  return async () => {
    const next = scans.shift();
    if (next === undefined) throw new Error('the test scripted no more scans');
    if (typeof next !== 'string') throw next;
    return next;
  };
}
