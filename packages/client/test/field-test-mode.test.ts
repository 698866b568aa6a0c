// Field-test mode on the phone: no export without an enrolment the export keys signed; an export
// holds the test window's scans and the keys valid in it, nothing before or after; the enrolment
// is forgotten when the phone leaves or its export time is over (at the next exposure check).
import {
  BluezoneClient,
  ClientError,
  FIELD_TEST_SETTING,
  fieldTestModel,
  MemoryRadio,
  MemoryStore,
  seededRandom,
} from '@bluezone/client';
import {
  encodeFieldTestToken,
  FIELD_TEST_EXPORT_DAYS,
  type FieldTestEnrolment,
  ManualClock,
  parseFieldTestRecording,
  portableBackend,
  signFieldTestEnrolment,
} from '@bluezone/protocol';
import { configurationAuthority } from '@bluezone/test-support';
import { describe, expect, it } from 'vitest';
import { DAY_MS, MIDNIGHT, MINUTE_MS } from './backends';
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
