// The phone's own calibration from the list the key server serves (served-calibration.ts): the
// real server's list, looked up on the phone for its model and kept; a repeat costs a 304; the
// request names no model; a failure keeps what the phone had. Unless the app pins a calibration,
// the key schedule advertises the stored TX power and the exposure check corrects with it; an
// iPhone, the list's reference, is not corrected, list or none.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  appliedCalibration,
  BluezoneClient,
  CALIBRATION_SETTING,
  ClientError,
  currentPhoneCalibration,
  ExposureChecker,
  fetchCalibration,
  KeySchedule,
  MemoryRadio,
  MemoryStore,
  type PhoneDevice,
  SightingRecorder,
  seededRandom,
} from '@bluezone/client';
import {
  associatedMetadataKey,
  createExportZip,
  decodeMetadata,
  decryptMetadata,
  ManualClock,
  portableBackend,
  ReportType,
  signCalibrationList,
  signConfigurationPayload,
} from '@bluezone/protocol';
import { nodeBackend } from '@bluezone/protocol/node';
import {
  activeSigners,
  KEY_SERVER_FEATURES,
  loadConfig,
  publishedSigningKeys,
  type RunningServer,
  startServer,
} from '@bluezone/server';
import { configurationAuthority } from '@bluezone/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY_MS, MIDNIGHT, MINUTE_MS } from './backends';
import { TEST_SERVER } from './test-server';

const PIXEL_4 = { platform: 'android', model: 'Pixel 4', manufacturer: 'Google' } as const;
/** The EN list's row for the Pixel 4 (measured: HIGH confidence). */
const PIXEL_4_CALIBRATION = {
  calibration: { rssiCorrection: 5, txPower: -28 },
  metadata: { majorVersion: 1, minorVersion: 0, calibrationConfidence: 3, txPowerDbm: -28 },
};

/** `fetch` that records what each request said. */
function recording(target: typeof globalThis.fetch = globalThis.fetch) {
  const requests: { url: string; headers: Record<string, string> }[] = [];
  const fetch = (async (input: string | URL | Request, init?: RequestInit) => {
    requests.push({ url: String(input), headers: { ...(init?.headers as Record<string, string>) } });
    return target(input, init);
  }) as typeof globalThis.fetch;
  return { fetch, requests };
}

describe('the phone’s calibration from the key server’s list', () => {
  let dir: string;
  let server: RunningServer;
  /** The server's export keys, as a phone trusts them. */
  let trusted: { pem: string; keyId: string }[];
  const options = (store: MemoryStore, device: Parameters<typeof fetchCalibration>[2]['device'] = PIXEL_4) => ({
    backend: portableBackend,
    store,
    publicKeys: trusted,
    device,
  });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bluezone-calibration-'));
    const env = { BLUEZONE_DATA_DIR: dir, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent' };
    server = await startServer(loadConfig({ ...env, EXPORT_WORKER_INTERVAL_SECONDS: '0' }, dir), {
      features: KEY_SERVER_FEATURES,
    });
    await activeSigners(server.context);
    trusted = (await publishedSigningKeys(server.context)).map((k) => ({ pem: k.publicKeyPem, keyId: k.keyId }));
  });

  afterAll(async () => {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('looks up a Pixel 4 on the phone, keeps it, and asks again with the list’s ETag for a 304', async () => {
    const store = new MemoryStore();
    expect(await appliedCalibration(store)).toBeUndefined();
    const { fetch, requests } = recording();
    const first = await fetchCalibration(`${server.url}/`, fetch, options(store));
    expect(first).toEqual({ calibration: PIXEL_4_CALIBRATION, changed: true });
    expect(await appliedCalibration(store)).toEqual(PIXEL_4_CALIBRATION);
    const again = await fetchCalibration(server.url, fetch, options(store));
    expect(again).toEqual({ calibration: PIXEL_4_CALIBRATION, changed: false });
    // Nothing in either request names the phone: the path, text/csv, and the list's own tag.
    expect(requests.map((r) => r.url)).toEqual([
      `${server.url}/api/configuration/calibration`,
      `${server.url}/api/configuration/calibration`,
    ]);
    expect(requests[0]?.headers).toEqual({ accept: 'text/csv' });
    expect(requests[1]?.headers).toEqual({ accept: 'text/csv', 'if-none-match': expect.stringMatching(/^"/) });
    expect(JSON.stringify(requests)).not.toMatch(/pixel|google/i);
  });

  it('gives an iPhone the list’s reference correction, 0, and the list’s median TX power at LOW confidence', async () => {
    const store = new MemoryStore();
    const { calibration } = await fetchCalibration(server.url, fetch, options(store, { platform: 'ios' }));
    expect(calibration).toEqual({
      calibration: { rssiCorrection: 0, txPower: -24 },
      metadata: { majorVersion: 1, minorVersion: 0, calibrationConfidence: 1, txPowerDbm: -24 },
    });
  });

  it('keeps what the phone had when the server cannot be reached or answers something else', async () => {
    const store = new MemoryStore();
    await fetchCalibration(server.url, fetch, options(store));
    const kept = await store.getSetting(CALIBRATION_SETTING);
    const offline = (async () => {
      throw new TypeError('fetch failed');
    }) as typeof globalThis.fetch;
    const refusal = (p: Promise<unknown>) =>
      p.then(
        () => undefined,
        (e: unknown) => e as ClientError,
      );
    expect((await refusal(fetchCalibration(server.url, offline, options(store))))?.code).toBe('network');
    const portal = (async () => new Response('<html>Wi-Fi login</html>')) as typeof globalThis.fetch;
    const wrong = await refusal(fetchCalibration(server.url, portal, options(store)));
    // A captive portal's page is no list the export keys signed.
    expect(wrong).toBeInstanceOf(ClientError);
    expect(wrong?.code).toBe('configuration_rejected');
    const down = (async () => new Response('busy', { status: 503 })) as typeof globalThis.fetch;
    expect((await refusal(fetchCalibration(server.url, down, options(store))))?.code).toBe('server_rejected');
    expect(await store.getSetting(CALIBRATION_SETTING)).toBe(kept);
  });

  it('takes only a list an export key the phone trusts signed, for the list', async () => {
    const store = new MemoryStore();
    const real = await fetch(`${server.url}/api/configuration/calibration`);
    const text = await real.text();
    const header = 'x-bluezone-signatures';
    const answering = (body: string, signatures: string | null) =>
      (async () =>
        new Response(body, {
          headers: signatures === null ? {} : { [header]: signatures },
        })) as typeof globalThis.fetch;
    const refusal = async (f: typeof globalThis.fetch) =>
      (
        await fetchCalibration(server.url, f, options(store)).then(
          () => undefined,
          (e: unknown) => e as ClientError,
        )
      )?.code;
    const signed = real.headers.get(header);
    expect(signed).not.toBeNull();
    // Changed on its way (a cache or a proxy makes a Pixel 4 read 40 dB stronger): refused.
    const changed = text.replace('Google,Pixel 4,5,-28,yes', 'Google,Pixel 4,45,-28,yes');
    expect(changed).not.toBe(text);
    expect(await refusal(answering(changed, signed))).toBe('configuration_rejected');
    // Unsigned, signed by a key the phone does not trust, or signed as a configuration document.
    expect(await refusal(answering(text, null))).toBe('configuration_rejected');
    expect(await refusal(answering(text, 'not json'))).toBe('configuration_rejected');
    const stranger = configurationAuthority();
    expect(
      await refusal(answering(text, JSON.stringify(signCalibrationList(portableBackend, text, [stranger.signer])))),
    ).toBe('configuration_rejected');
    const asConfiguration = signConfigurationPayload(nodeBackend, text, await activeSigners(server.context));
    expect(await refusal(answering(text, JSON.stringify(asConfiguration.signatures)))).toBe('configuration_rejected');
    expect(await store.getSetting(CALIBRATION_SETTING)).toBeUndefined();
    // The same text with the server's own signatures is taken.
    expect((await fetchCalibration(server.url, answering(text, signed), options(store))).calibration).toEqual(
      PIXEL_4_CALIBRATION,
    );
  });

  it('counts a stored value that no longer reads as none, and fetches the list whole again', async () => {
    const store = new MemoryStore();
    await store.setSetting(
      CALIBRATION_SETTING,
      '{"etag":"\\"x\\"","calibration":{"calibration":{"rssiCorrection":"5"}}}',
    );
    expect(await appliedCalibration(store)).toBeUndefined();
    const { fetch, requests } = recording();
    expect((await fetchCalibration(server.url, fetch, options(store))).changed).toBe(true);
    expect(requests[0]?.headers).not.toHaveProperty('if-none-match');
  });
});

describe('the stored calibration at work, when the app pins none', () => {
  const backend = portableBackend;
  const store = async (device?: typeof PIXEL_4) => {
    const s = new MemoryStore();
    if (device) {
      await s.setSetting(CALIBRATION_SETTING, JSON.stringify({ etag: null, calibration: PIXEL_4_CALIBRATION }));
    }
    return s;
  };

  it('puts the stored TX power and confidence in the AEM from the next rotation', async () => {
    const s = await store();
    const clock = new ManualClock(MIDNIGHT + 9 * 3_600_000);
    const phone = new BluezoneClient({
      store: s,
      transport: new MemoryRadio({ clock, random: seededRandom(2) }).transport('me'),
      server: TEST_SERVER,
      clock,
      random: seededRandom(3),
      decoys: false,
    });
    const metadataOf = async () => {
      const ad = await phone.keySchedule.rotate();
      const aemk = associatedMetadataKey(backend, (await phone.keySchedule.currentKey()).keyData);
      return decodeMetadata(decryptMetadata(backend, aemk, ad.rpi, ad.aem));
    };
    // Nothing stored: the list's medians with no confidence.
    expect(await metadataOf()).toMatchObject({ txPowerDbm: -24, calibrationConfidence: 0 });
    await s.setSetting(CALIBRATION_SETTING, JSON.stringify({ etag: null, calibration: PIXEL_4_CALIBRATION }));
    expect(await metadataOf()).toEqual(PIXEL_4_CALIBRATION.metadata);
  });

  it('gives an iPhone no correction and the medians’ TX power before it fetched a list, and no correction after', async () => {
    const iPhone = { platform: 'ios', model: 'iPhone14,2' } as const;
    const s = new MemoryStore();
    // As devicePhoneCalibration gives an iPhone from a list: the reference, the list's median TX power, LOW confidence.
    expect(await currentPhoneCalibration(s, iPhone)).toEqual({
      calibration: { rssiCorrection: 0, txPower: -24 },
      metadata: { majorVersion: 1, minorVersion: 0, calibrationConfidence: 1, txPowerDbm: -24 },
    });
    // A row stored for another platform's model still leaves an iPhone uncorrected.
    await s.setSetting(CALIBRATION_SETTING, JSON.stringify({ etag: null, calibration: PIXEL_4_CALIBRATION }));
    expect((await currentPhoneCalibration(s, iPhone)).calibration).toEqual({ rssiCorrection: 0, txPower: -28 });
    expect(await currentPhoneCalibration(s, PIXEL_4)).toEqual(PIXEL_4_CALIBRATION);
  });

  it('corrects this phone’s readings with the stored correction in the exposure check', async () => {
    const authority = configurationAuthority();
    /** One phone hearing an infected one for 30 minutes at −70 dBm; the attenuation its window got. */
    const attenuationOn = async (phone: MemoryStore, device?: PhoneDevice) => {
      const clock = new ManualClock(MIDNIGHT + 9 * 3_600_000);
      const recorder = new SightingRecorder({ store: phone, clock });
      const metadata = { majorVersion: 1, minorVersion: 0, calibrationConfidence: 1, txPowerDbm: -24 };
      const other = new KeySchedule({ backend, store: new MemoryStore(), clock, random: seededRandom(7), metadata });
      for (let m = 0; m < 30; m++) {
        recorder.record({ serviceData: (await other.advertisement()).serviceData, rssi: -70, timeMs: clock.now() });
        clock.advance(MINUTE_MS);
      }
      await recorder.flush();
      const key = {
        ...(await other.currentKey()),
        transmissionRiskLevel: 0,
        reportType: ReportType.ConfirmedTest,
        daysSinceOnsetOfSymptoms: 0,
      };
      const batch = { startTimestamp: 0, endTimestamp: 3600, region: 'VN', batchNum: 1, batchSize: 1, keys: [key] };
      const zip = createExportZip(backend, batch, [authority.signer]);
      const files = new Map<string, Uint8Array | string>([
        ['/exports/VN/index.txt', 'VN/a.zip\n'],
        ['/exports/VN/a.zip', zip],
      ]);
      const fetch = (async (input: string | URL | Request) => {
        const body = files.get(new URL(String(input)).pathname);
        return body === undefined ? new Response('', { status: 404 }) : new Response(body as BodyInit);
      }) as typeof globalThis.fetch;
      clock.advance(DAY_MS);
      const checker = new ExposureChecker({
        ...(device === undefined ? {} : { device }),
        backend,
        store: phone,
        clock,
        random: seededRandom(1),
        fetch,
        sleep: async () => {},
        exportBaseUrl: 'http://keys.test/exports',
        region: 'VN',
        publicKeys: authority.trusted,
      });
      expect((await checker.check()).keysMatched).toBe(1);
      const [window] = await phone.listExposureWindows(0);
      return JSON.parse(window?.json ?? '{}').scanInstances[0].typicalAttenuationDb as number;
    };
    // Attenuation = TX power − (RSSI + correction): −24 − (−70 − 5) with the list's median correction,
    // −24 − (−70 + 5) with the Pixel 4's stored one.
    expect(await attenuationOn(await store())).toBe(51);
    expect(await attenuationOn(await store(PIXEL_4))).toBe(41);
    // An iPhone that never fetched the list is the list's reference: −24 − (−70 + 0).
    expect(await attenuationOn(await store(), { platform: 'ios', model: 'iPhone14,2' })).toBe(46);
  });
});
