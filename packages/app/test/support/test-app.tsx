/**
 * An AppModel over the real client SDK for component tests: in-memory store and radio, a
 * manual clock, scripted permissions and rollout API, and the client package's recorded fake of
 * the verification/key servers. The screens render through react-native-web into happy-dom.
 */
import { BluezoneClient, MemoryRadio, MemoryStore, seededRandom } from '@bluezone/client';
import { portableBackend } from '@bluezone/protocol';
import { render } from '@testing-library/react';
import { fakeServers } from '../../../client/test/fake-servers';
import { App } from '../../src/app';
import { AppModel, type AppServices } from '../../src/model/app-model';
import type { PermissionState } from '../../src/model/permissions';
import type { Attestation, AttestationReceipt } from '../../src/model/rollout-api';

export const NOW = Date.UTC(2026, 10, 25, 9, 30);

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
  /** The platform QR scanner, when the test gives the app one. */
  scanQr?: () => Promise<string>;
}

export function testApp(o: TestAppOptions = {}) {
  const clock = new TestClock(NOW);
  const random = seededRandom(42);
  const store = new MemoryStore();
  const radio = new MemoryRadio({ clock, random });
  const servers = fakeServers(portableBackend);
  const notified: { title: string; body: string }[] = [];
  const attestations: Attestation[] = [];
  const services: AppServices = {
    createClient: (s) =>
      new BluezoneClient({
        store: s,
        transport: radio.transport('me'),
        clock,
        random,
        fetch: servers.fetch,
        sleep: async () => {},
        server: {
          verificationUrl: 'https://verify.test',
          keyServerUrl: 'https://keys.test',
          exportBaseUrl: 'https://keys.test/exports/',
          apiKey: 'device-key',
          region: 'VN',
          healthAuthorityID: 'vn.bluezone',
          publicKeys: [{ pem: 'unused in component tests', keyId: '452' }],
        },
        decoys: false,
      }),
    store,
    clock,
    random,
    permissions: {
      requestBluetooth: async () => o.bluetooth ?? 'granted',
      requestNotifications: async () => 'granted',
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
            referralCode: 'ref123',
          };
        }),
    },
    ...(o.scanQr === undefined ? {} : { scanQr: o.scanQr }),
    appVersion: '9.9.9-test',
    installBaseUrl: 'https://bluezone.test/app/',
    healthStation: { name: 'Trạm Y tế Khe Tre', phone: '0234 3874 115' },
  };
  const model = new AppModel(services);
  return { model, store, clock, radio, servers, notified, attestations, services };
}

/** Loads the model (as app start does) and renders the whole app. */
export async function renderApp(t: ReturnType<typeof testApp>, setup?: (m: AppModel) => Promise<void>) {
  await t.model.load();
  await setup?.(t.model);
  return render(<App model={t.model} />);
}

/** Completes onboarding without the UI, for tests of the other screens. */
export async function onboarded(m: AppModel): Promise<void> {
  await m.completeOnboarding();
}
