// A field test run for real on phones running the SDK over a shared in-memory radio: each test
// phone enrolled with the authority's signed token, every phone ticking and scanning once a
// minute from half an hour before the test to its end, then each test phone's export as the
// app's Settings hands it out. Phones named in `outsiders` run Bluezone unenrolled nearby.
// `phoneKeyEstimates` is what each test phone's own exposure check estimates from those scans.
import {
  BluezoneClient,
  fetchCalibration,
  keyReadings,
  MemoryRadio,
  MemoryStore,
  SCAN_PERIOD_MS,
  scanCensusOf,
  scanRecordSightings,
  seededRandom,
} from '@bluezone/client';
import {
  type CloseTimeEstimate,
  type DeviceCalibration,
  type DiagnosisKey,
  type ExportSigner,
  encodeFieldTestToken,
  estimateCloseTime,
  type FieldTestEnrolment,
  type FieldTestRecording,
  ManualClock,
  matchDiagnosisKeysSync,
  type ProximityParameters,
  portableBackend,
  ReportType,
  receiverActivityOfCounts,
  signCalibrationList,
  signFieldTestEnrolment,
} from '@bluezone/protocol';
import { configurationApi } from '@bluezone/protocol/api';
import type { ConfigurationAuthority } from './configuration-authority';
import { TEST_SERVER } from './test-key-server';

const MINUTE = 60_000;

export interface FieldTestRun {
  authority: ConfigurationAuthority;
  testId: string;
  startsAtMs: number;
  minutes: number;
  phones: readonly string[];
  outsiders?: readonly string[];
  /** RSSI at which `receiver` hears `advertiser` at `timeMs`, undefined when out of range. */
  rssi: (receiver: string, advertiser: string, timeMs: number) => number | undefined;
  /** Android's Build.MODEL of each phone (default: Pixel 4). */
  model?: (phone: string) => string;
  /**
   * The EN calibration list the key server serves (its CSV text), signed by `authority`: every
   * phone fetches it before it starts (the SDK's fetchCalibration) and applies its model's row.
   * Default: none is fetched, every phone applies the list's medians (−5 dB, −24 dBm).
   */
  servedCalibrationList?: string;
}

/** Each test phone's recording (the JSON text its export gives), in `phones` order. */
export async function recordFieldTest(run: FieldTestRun): Promise<string[]> {
  const clock = new ManualClock(run.startsAtMs - 30 * MINUTE);
  const radio = new MemoryRadio({ clock, random: seededRandom(1) }, (adv, rx, t) => run.rssi(rx, adv, t));
  const signer: ExportSigner = run.authority.signer;
  const all = [...run.phones, ...(run.outsiders ?? [])];
  const device = (phone: string) => ({ platform: 'android', model: run.model?.(phone) ?? 'Pixel 4' }) as const;
  const stores = all.map(() => new MemoryStore());
  const served = run.servedCalibrationList;
  if (served !== undefined) {
    const signatures = JSON.stringify(signCalibrationList(portableBackend, served, [signer]));
    const fetch = (async () =>
      new Response(served, {
        headers: { [configurationApi.CALIBRATION_SIGNATURES_HEADER]: signatures },
      })) as typeof globalThis.fetch;
    for (const [i, store] of stores.entries()) {
      await fetchCalibration(TEST_SERVER.keyServerUrl, fetch, {
        backend: portableBackend,
        store,
        publicKeys: run.authority.trusted,
        device: device(all[i] as string),
      });
    }
  }
  const clients = all.map(
    (id, i) =>
      new BluezoneClient({
        store: stores[i] as MemoryStore,
        transport: radio.transport(id),
        server: { ...TEST_SERVER, publicKeys: run.authority.trusted },
        clock,
        random: seededRandom(10 + i),
        sleep: async () => {},
        decoys: false,
      }),
  );
  for (const [i, client] of clients.entries()) {
    await client.start();
    const phone = all[i] as string;
    if (!run.phones.includes(phone)) continue;
    const enrolment: FieldTestEnrolment = {
      kind: 'bluezone-field-test',
      region: 'VN',
      testId: run.testId,
      phone,
      startsAtMs: run.startsAtMs,
      endsAtMs: run.startsAtMs + run.minutes * MINUTE,
    };
    await client.enrolFieldTest(encodeFieldTestToken(signFieldTestEnrolment(portableBackend, enrolment, [signer])));
  }
  for (let m = 0; m < 30 + run.minutes; m++) {
    for (const client of clients) await client.tick();
    radio.scan();
    clock.advance(MINUTE);
  }
  return Promise.all(run.phones.map((phone, i) => (clients[i] as BluezoneClient).exportFieldTest(device(phone))));
}

/** One test phone's estimates of another's key, as its exposure check makes them. */
export interface PhoneKeyEstimate {
  receiver: string;
  transmitter: string;
  /** One per UTC day of each of the transmitter's keys the receiver matched, in key order. */
  estimates: CloseTimeEstimate[];
}

/**
 * What each test phone's own exposure check estimates of every other test phone's key from its
 * scans in the test's window (the slot the test starts in too): the protocol's matcher over its
 * stored scans (`scanRecordSightings`), its scan census (`scanCensusOf`), and estimateCloseTime
 * of each matched key's readings corrected by `correction(receiver)`, the RSSI correction the
 * phone applies. Pairs in receiver, then transmitter order; a pair with no match has none.
 */
export function phoneKeyEstimates(
  recordings: readonly FieldTestRecording[],
  parameters: ProximityParameters,
  correction: (phone: string) => DeviceCalibration,
): PhoneKeyEstimate[] {
  const byLabel = [...recordings].sort((a, b) => (a.enrolment.phone < b.enrolment.phone ? -1 : 1));
  const out: PhoneKeyEstimate[] = [];
  for (const rec of byLabel) {
    const { phone: receiver, startsAtMs, endsAtMs } = rec.enrolment;
    const scans = rec.scans.filter((s) => s.scanTimeMs + SCAN_PERIOD_MS > startsAtMs && s.scanTimeMs < endsAtMs);
    const activity = receiverActivityOfCounts(scanCensusOf(scans), parameters.binSeconds);
    for (const other of byLabel) {
      if (other === rec) continue;
      const keys: DiagnosisKey[] = other.keys.map((k) => ({
        ...k,
        transmissionRiskLevel: 0,
        reportType: ReportType.ConfirmedTest,
      }));
      const { matches } = matchDiagnosisKeysSync(portableBackend, keys, scanRecordSightings(scans));
      const estimates = matches.flatMap((m) =>
        estimateCloseTime(keyReadings(m, correction(receiver)), { parameters, activity }),
      );
      if (estimates.length > 0) out.push({ receiver, transmitter: other.enrolment.phone, estimates });
    }
  }
  return out;
}
