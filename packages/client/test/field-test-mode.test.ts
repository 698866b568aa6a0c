// Field-test mode on the phone: no export without an enrolment the export keys signed; an export
// holds the test window's scans and the keys valid in it, nothing before or after; the enrolment
// is forgotten when the phone leaves or its export time is over (at the next exposure check); it
// names the calibration row the phone applied when the test started, the one its exposure check
// and advertisements used, whatever list it fetched since (an iPhone's correction is 0).
import {
  BluezoneClient,
  ClientError,
  type ClientStore,
  FIELD_TEST_SETTING,
  fetchCalibration,
  fieldTestModel,
  MemoryRadio,
  MemoryStore,
  type PhoneCalibration,
  type PhoneDevice,
  seededRandom,
} from '@bluezone/client';
import {
  associatedMetadataKey,
  decodeMetadata,
  decryptMetadata,
  encodeFieldTestToken,
  FIELD_TEST_EXPORT_DAYS,
  type FieldTestEnrolment,
  ManualClock,
  parseFieldTestRecording,
  portableBackend,
  signCalibrationList,
  signFieldTestEnrolment,
} from '@bluezone/protocol';
import { configurationApi } from '@bluezone/protocol/api';
import { configurationAuthority } from '@bluezone/test-support';
import { describe, expect, it } from 'vitest';
import { DAY_MS, MIDNIGHT, MINUTE_MS } from './backends';
import { STORES } from './stores';
import { TEST_SERVER } from './test-server';

const AUTHORITY = configurationAuthority();
const IMPOSTOR = configurationAuthority();
const HOUR = 3_600_000;
/** The test: the second day, 09:00–11:00 UTC. */
const START = MIDNIGHT + DAY_MS + 9 * HOUR;
const ENROLMENT: FieldTestEnrolment = {
  kind: 'bluezone-field-test',
  region: 'VN',
  testId: 'nam-dong-2026-12',
  phone: 'T01',
  startsAtMs: START,
  endsAtMs: START + 2 * HOUR,
};
const token = (e: Partial<FieldTestEnrolment> = {}, signer = AUTHORITY.signer) =>
  encodeFieldTestToken(signFieldTestEnrolment(portableBackend, { ...ENROLMENT, ...e }, [signer]));

function setup() {
  const clock = new ManualClock(MIDNIGHT + 8 * HOUR);
  const radio = new MemoryRadio({ clock, random: seededRandom(1) });
  const phone = (id: string, seed: number) => {
    const store = new MemoryStore();
    const client = new BluezoneClient({
      store,
      transport: radio.transport(id),
      server: { ...TEST_SERVER, publicKeys: AUTHORITY.trusted },
      clock,
      random: seededRandom(seed),
      sleep: async () => {},
      // A key server with no export yet: an exposure check runs and matches nothing.
      fetch: async () => new Response(''),
      decoys: false,
    });
    return { client, store };
  };
  return { clock, radio, phone };
}

async function codeOf(p: Promise<unknown>): Promise<string> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ClientError);
  const cause = (err as ClientError).cause as { code?: string } | undefined;
  return cause?.code === undefined ? (err as ClientError).code : `${(err as ClientError).code} (${cause.code})`;
}

describe('field-test mode', () => {
  it('exports nothing from a phone no field test enrolled', async () => {
    const { phone } = setup();
    const a = phone('a', 2);
    await a.client.start();
    expect(await a.client.fieldTest()).toBeUndefined();
    expect(await codeOf(a.client.exportFieldTest())).toBe('field_test_not_enrolled');
  });

  it('refuses a token no trusted key signed, another region’s and a damaged one, keeping nothing', async () => {
    const { phone } = setup();
    const a = phone('a', 2);
    expect(await codeOf(a.client.enrolFieldTest(token({}, IMPOSTOR.signer)))).toBe(
      'field_test_rejected (invalid_signature)',
    );
    expect(await codeOf(a.client.enrolFieldTest(token({ region: 'LA' })))).toBe(
      'field_test_rejected (invalid_field_test)',
    );
    expect(await codeOf(a.client.enrolFieldTest(token().slice(0, 40)))).toBe(
      'field_test_rejected (invalid_field_test)',
    );
    expect(await a.store.getSetting(FIELD_TEST_SETTING)).toBeUndefined();
    expect(await codeOf(a.client.exportFieldTest())).toBe('field_test_not_enrolled');
  });

  it('exports the window’s scans and the keys valid in it, and nothing before the test starts', async () => {
    const { clock, radio, phone } = setup();
    const a = phone('a', 2);
    const b = phone('b', 3);
    await a.client.start();
    await b.client.start();
    expect(await a.client.enrolFieldTest(token())).toEqual(ENROLMENT);
    // Heard on day one (before the test), during it, and after it.
    const heardAt: number[] = [];
    for (const t of [
      MIDNIGHT + 20 * HOUR,
      START - MINUTE_MS,
      START,
      START + HOUR,
      START + 2 * HOUR - 1,
      START + 2 * HOUR,
    ]) {
      clock.set(t);
      await a.client.tick();
      await b.client.tick();
      radio.scan(['a']);
      heardAt.push(t);
      if (t === START - MINUTE_MS) expect(await codeOf(a.client.exportFieldTest())).toBe('field_test_not_started');
    }
    clock.set(START + 3 * HOUR);
    const recording = parseFieldTestRecording(
      await a.client.exportFieldTest({ platform: 'android', model: 'SM-G973F', manufacturer: 'samsung' }),
    );
    expect(recording.enrolment).toEqual(ENROLMENT);
    expect(recording.model).toBe('samsung SM-G973F');
    expect(recording.exportedAtMs).toBe(START + 3 * HOUR);
    // The scan slots within [start, end): 09:00, 10:00 and 10:59 (slots are the recorder's).
    expect(recording.scans.map((s) => s.scanTimeMs >= START && s.scanTimeMs < START + 2 * HOUR)).toEqual([
      true,
      true,
      true,
    ]);
    expect(recording.scans.every((s) => s.count === 1 && s.rssiMax === -60)).toBe(true);
    // Day one's key ended at midnight: only day two's key was valid in the window.
    const allKeys = await a.store.listKeys();
    expect(allKeys.length).toBe(2);
    expect(recording.keys).toEqual(allKeys.filter((k) => k.rollingStartIntervalNumber * 600_000 === MIDNIGHT + DAY_MS));
  });

  it('exports the scan slot a test starts in, which holds its first minutes', async () => {
    const { clock, radio, phone } = setup();
    const a = phone('a', 2);
    const b = phone('b', 3);
    await a.client.start();
    await b.client.start();
    // The test starts at 09:02, inside the recorder's 09:00–09:05 slot.
    await a.client.enrolFieldTest(token({ startsAtMs: START + 2 * MINUTE_MS }));
    for (const t of [START - 6 * MINUTE_MS, START - MINUTE_MS, START + 3 * MINUTE_MS]) {
      clock.set(t);
      await a.client.tick();
      await b.client.tick();
      radio.scan(['a']);
    }
    clock.set(START + 3 * HOUR);
    const recording = parseFieldTestRecording(await a.client.exportFieldTest());
    // 09:03's sighting is in the 09:00 slot, exported; 08:54's and 08:59's slots are not.
    expect(recording.scans.map((s) => s.scanTimeMs)).toEqual([START]);
  });

  it('forgets the enrolment when the phone leaves, and at the check after its export time', async () => {
    const { clock, phone } = setup();
    const a = phone('a', 2);
    await a.client.start();
    await a.client.enrolFieldTest(token());
    await a.client.leaveFieldTest();
    expect(await a.store.getSetting(FIELD_TEST_SETTING)).toBe('');
    expect(await codeOf(a.client.exportFieldTest())).toBe('field_test_not_enrolled');

    await a.client.enrolFieldTest(token());
    clock.set(ENROLMENT.endsAtMs + FIELD_TEST_EXPORT_DAYS * DAY_MS);
    expect((await a.client.fieldTest())?.phone).toBe('T01');
    clock.set(ENROLMENT.endsAtMs + FIELD_TEST_EXPORT_DAYS * DAY_MS + 1);
    expect(await a.store.getSetting(FIELD_TEST_SETTING)).not.toBe('');
    await a.client.checkExposure();
    expect(await a.store.getSetting(FIELD_TEST_SETTING)).toBe('');
    expect(await codeOf(a.client.exportFieldTest())).toBe('field_test_not_enrolled');
  });

  it('names the model as the calibration list finds it', () => {
    expect(fieldTestModel(undefined)).toBe('');
    expect(fieldTestModel({ platform: 'ios', model: 'iPhone14,2' })).toBe('iPhone');
    expect(fieldTestModel({ platform: 'android', model: 'Pixel 4' })).toBe('Pixel 4');
    expect(fieldTestModel({ platform: 'android', model: 'Pixel 4', manufacturer: 'Google' })).toBe('Google Pixel 4');
    // A model that already starts with its OEM is not named twice.
    expect(fieldTestModel({ platform: 'android', model: 'Nokia 7.2', manufacturer: 'nokia' })).toBe('Nokia 7.2');
  });
});

/** The key server's list, signed by the authority: the Pixel 3a's row is not the 2020-06-13 list's (−5, −39). */
const SERVED_LIST =
  'oem,model,rssi correction,tx,has direct measurement\nGoogle,Pixel 3a,7,-30,yes\nSamsung,SM-G973F,-3,-24,no\n';
const PIXEL_3A = { platform: 'android', model: 'Pixel 3a', manufacturer: 'Google' } as const;

/** The SDK's own fetch of the served list, as the app makes it at start-up. */
async function fetchServedList(store: ClientStore, device: PhoneDevice = PIXEL_3A) {
  const signatures = JSON.stringify(signCalibrationList(portableBackend, SERVED_LIST, [AUTHORITY.signer]));
  const fetch = (async () =>
    new Response(SERVED_LIST, {
      headers: { [configurationApi.CALIBRATION_SIGNATURES_HEADER]: signatures },
    })) as typeof globalThis.fetch;
  await fetchCalibration(TEST_SERVER.keyServerUrl, fetch, {
    backend: portableBackend,
    store,
    publicKeys: AUTHORITY.trusted,
    device,
  });
}

for (const { name, open } of STORES) {
  describe(`field-test export of the calibration the phone applied (${name} store)`, () => {
    /**
     * A phone on `store`, enrolled, that heard another for ten minutes of the test; then its export
     * and advertised TX power. `afterStart`: what happens from the test's tenth minute on, the
     * export taken a day later.
     */
    async function exported(
      store: ClientStore,
      o: {
        fetchList?: boolean;
        pinned?: PhoneCalibration;
        device?: PhoneDevice;
        afterStart?: (client: BluezoneClient, clock: ManualClock) => Promise<void>;
      } = {},
    ) {
      const clock = new ManualClock(START - 5 * MINUTE_MS);
      const radio = new MemoryRadio({ clock, random: seededRandom(1) });
      const client = new BluezoneClient({
        store,
        transport: radio.transport('a'),
        server: { ...TEST_SERVER, publicKeys: AUTHORITY.trusted },
        clock,
        random: seededRandom(2),
        sleep: async () => {},
        decoys: false,
        ...(o.pinned === undefined ? {} : { calibration: o.pinned }),
        ...(o.device === undefined ? {} : { device: o.device }),
      });
      const other = new BluezoneClient({
        store: new MemoryStore(),
        transport: radio.transport('b'),
        server: { ...TEST_SERVER, publicKeys: AUTHORITY.trusted },
        clock,
        random: seededRandom(3),
        decoys: false,
      });
      if (o.fetchList) await fetchServedList(store, o.device);
      await client.start();
      await other.start();
      await client.enrolFieldTest(token());
      for (let m = 0; m < 15; m++) {
        await client.tick();
        await other.tick();
        radio.scan(['a']);
        clock.advance(MINUTE_MS);
      }
      const ad = await client.keySchedule.advertisement();
      const aemk = associatedMetadataKey(portableBackend, (await client.keySchedule.currentKey()).keyData);
      const advertised = decodeMetadata(decryptMetadata(portableBackend, aemk, ad.rpi, ad.aem)).txPowerDbm;
      if (o.afterStart) {
        await o.afterStart(client, clock);
        clock.set(START + DAY_MS);
        await client.tick();
      }
      // The device the client was given, else named at the export.
      const text = await (o.device === undefined ? client.exportFieldTest(PIXEL_3A) : client.exportFieldTest());
      const recording = parseFieldTestRecording(text);
      expect(recording.scans.length).toBeGreaterThan(0);
      return { recording, advertised };
    }

    it('names the row of the list the key server served, as the phone stored it', async () => {
      const { recording, advertised } = await exported(await open(), { fetchList: true });
      expect(recording.model).toBe('Google Pixel 3a');
      expect(recording.calibration).toEqual({ rssiCorrection: 7, txPower: -30 });
      expect(advertised).toBe(-30);
    });

    it("names the list's medians on a phone that never fetched it", async () => {
      const { recording, advertised } = await exported(await open());
      expect(recording.calibration).toEqual({ rssiCorrection: -5, txPower: -24 });
      expect(advertised).toBe(-24);
    });

    it('names no correction for an iPhone that never fetched the list, the medians’ TX power it advertised', async () => {
      const { recording, advertised } = await exported(await open(), { device: { platform: 'ios' } });
      expect(recording.model).toBe('iPhone');
      expect(recording.calibration).toEqual({ rssiCorrection: 0, txPower: -24 });
      expect(advertised).toBe(-24);
    });

    it('names the row it applied when the test started, not a list fetched after the start', async () => {
      const store = await open();
      const { recording } = await exported(store, {
        // Ten minutes in, the phone fetches the served list (+7 dB, −30 dBm for the Pixel 3a) and goes by it.
        afterStart: async (client) => {
          await fetchServedList(store);
          await client.tick();
        },
      });
      expect(recording.calibration).toEqual({ rssiCorrection: -5, txPower: -24 });
    });

    it('names the row applied at the export for an enrolment stored without its row (an earlier SDK)', async () => {
      const store = await open();
      const { recording } = await exported(store, {
        afterStart: async (_client, clock) => {
          // After the test: the enrolment as an earlier SDK stored it, then the served list fetched.
          clock.set(START + 3 * HOUR);
          const { payload, signatures } = JSON.parse((await store.getSetting(FIELD_TEST_SETTING)) as string);
          await store.setSetting(FIELD_TEST_SETTING, JSON.stringify({ payload, signatures }));
          await fetchServedList(store);
        },
      });
      expect(recording.enrolment).toEqual(ENROLMENT);
      expect(recording.calibration).toEqual({ rssiCorrection: 7, txPower: -30 });
    });

    it("names the app's pinned calibration over the served list's row, as the exposure check takes it", async () => {
      const pinned: PhoneCalibration = {
        calibration: { rssiCorrection: 2, txPower: -18 },
        metadata: { majorVersion: 1, minorVersion: 0, calibrationConfidence: 3, txPowerDbm: -18 },
      };
      const { recording, advertised } = await exported(await open(), { fetchList: true, pinned });
      expect(recording.calibration).toEqual({ rssiCorrection: 2, txPower: -18 });
      expect(advertised).toBe(-18);
    });
  });
}
