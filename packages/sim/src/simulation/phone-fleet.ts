/**
 * The phones that have the app, each running the SDK: the client's `KeySchedule` (daily TEK,
 * RPI/AEM rotating every 10–20 minutes, advertised through the phone's `SimRadioTransport`),
 * its `SightingRecorder` and `MemoryStore`, and its `ExposureChecker` against the in-process
 * key server (index.txt, signed export files, protocol matcher and risk scorer). All
 * randomness (keys, rotation offsets) comes from the seeded PRNG.
 *
 * Sightings live in the compact radio log until a phone checks; then the log is delivered to
 * the phone's recorder, the SDK checks, and the scans are dropped again (a phone keeps them in
 * its store; 10,000 simulated stores of 14 days would not fit in memory).
 *
 * Sparse checks: a phone runs its check only when its radio log contains an advertisement of a
 * phone whose keys were published since its last check, and its recorder is given only those
 * advertisements. Nothing else can match: every RPI it holds was derived from another phone's
 * key (a 128-bit collision aside), and exposure windows are built per matched key. `fullChecks`
 * runs every phone on its whole log (tests check both give the same notifications).
 */
import {
  ExposureChecker,
  KeySchedule,
  MemoryStore,
  phoneCalibration,
  type RandomSource,
  SightingRecorder,
} from '@bluezone/client';
import { type CryptoBackend, type DiagnosisKey, ReportType, type RiskConfiguration, toHex } from '@bluezone/protocol';
import type { Prng } from '../prng';
import { type InProcessKeyServer, SIM_EXPORT_BASE_URL, SIM_REGION } from './key-server';
import { type SimRadio, SimRadioTransport } from './sim-radio';

export interface Notification {
  phone: number;
  /** Day index (from the simulation start) of the exposure. */
  exposureDay: number;
  step: number;
  /** Uploaders whose keys matched, for time-to-notification. */
  uploaders: number[];
}

export interface FleetStats {
  checks: number;
  checksSkipped: number;
  keysMatched: number;
}

/** iPhone-like receivers: no RSSI correction; TX power the calibration list's median. */
const RECEIVER_CALIBRATION = { rssiCorrection: 0, txPower: -24 };

function prngRandom(prng: Prng): RandomSource {
  return { bytes: (n) => prng.randomBytes(n), float: () => prng.float() };
}

export class PhoneFleet {
  readonly schedules: (KeySchedule | undefined)[];
  readonly transports: (SimRadioTransport | undefined)[];
  readonly rotateAt: Float64Array;
  readonly cursor: Int32Array;
  readonly notifications: Notification[] = [];
  readonly stats: FleetStats = { checks: 0, checksSkipped: 0, keysMatched: 0 };
  readonly #checkers = new Map<number, { checker: ExposureChecker; recorder: SightingRecorder; store: MemoryStore }>();
  readonly #prng: Prng;
  readonly #keyOwner = new Map<string, number>();
  readonly #now: { ms: number };

  constructor(
    readonly hasApp: Uint8Array,
    readonly radio: SimRadio,
    readonly backend: CryptoBackend,
    readonly server: InProcessKeyServer,
    readonly risk: RiskConfiguration,
    readonly startMs: number,
    now: { ms: number },
    prng: Prng,
    readonly fullChecks = false,
  ) {
    const n = hasApp.length;
    this.#now = now;
    this.#prng = prng.fork();
    this.schedules = new Array(n);
    this.transports = new Array(n);
    this.rotateAt = new Float64Array(n);
    this.cursor = new Int32Array(n);
    const clock = { now: () => this.#now.ms };
    const { metadata } = phoneCalibration(undefined, undefined);
    for (let i = 0; i < n; i++) {
      if (hasApp[i] !== 1) continue;
      const transport = new SimRadioTransport(radio, i);
      this.transports[i] = transport;
      this.schedules[i] = new KeySchedule({
        backend,
        store: new MemoryStore(),
        clock,
        random: prngRandom(prng.fork()),
        metadata,
        onRotate: (adv) => transport.advertise(adv.serviceData),
      });
    }
  }

  /** Rotates every phone whose RPI is due (the SDK decides when; the sim only asks). */
  async advertise(): Promise<void> {
    const now = this.#now.ms;
    for (let i = 0; i < this.schedules.length; i++) {
      const s = this.schedules[i];
      if (s === undefined || now < (this.rotateAt[i] as number)) continue;
      const adv = await s.advertisement();
      this.rotateAt[i] = adv.rotateAtMs;
    }
  }

  /** A positive phone releases its keys (client `releaseKeys`) and publishes them. */
  async upload(
    phone: number,
    positiveStep: number,
    step: number,
    daysSinceOnset: (enin: number) => number | undefined,
  ) {
    const s = this.schedules[phone];
    if (s === undefined) return undefined;
    const teks = await s.releaseKeys();
    this.rotateAt[phone] = this.#now.ms; // releaseKeys rotated; pick up the new advertisement next step
    const keys: DiagnosisKey[] = teks.map((k) => ({
      ...k,
      transmissionRiskLevel: 0,
      reportType: ReportType.ConfirmedTest,
      daysSinceOnsetOfSymptoms: daysSinceOnset(k.rollingStartIntervalNumber),
    }));
    for (const k of keys) this.#keyOwner.set(toHex(k.keyData), phone);
    return this.server.publish(phone, positiveStep, step, this.#now.ms, keys);
  }

  /** The phone's checker, recorder and store, created at its first check. */
  #checkerOf(phone: number) {
    let c = this.#checkers.get(phone);
    if (c === undefined) {
      const store = new MemoryStore();
      const clock = { now: () => this.#now.ms };
      const recorder = new SightingRecorder({ store, clock });
      this.transports[phone]?.onSighting((raw) => recorder.record(raw));
      const checker = new ExposureChecker({
        backend: this.backend,
        store,
        clock,
        random: prngRandom(this.#prng.fork()),
        fetch: this.server.fetch,
        sleep: async () => {},
        exportBaseUrl: SIM_EXPORT_BASE_URL,
        region: SIM_REGION,
        publicKeys: [{ pem: this.server.publicKeyPem }],
        // The radio is fitted to iPhones, the calibration list's reference receiver.
        receiverCalibration: RECEIVER_CALIBRATION,
        riskConfiguration: this.risk,
      });
      c = { checker, recorder, store };
      this.#checkers.set(phone, c);
    }
    return c;
  }

  /** Every app phone checks for new export files; returns the notifications raised now. */
  async checkAll(step: number, dayOf: (ms: number) => number): Promise<Notification[]> {
    const raised: Notification[] = [];
    const head = this.server.cursor;
    const flags = new Uint8Array(this.hasApp.length);
    for (let i = 0; i < this.schedules.length; i++) {
      if (this.schedules[i] === undefined) continue;
      const from = this.cursor[i] as number;
      if (from === head) continue;
      const batches = this.server.since(from);
      this.cursor[i] = head;
      if (!this.fullChecks) {
        flags.fill(0);
        for (const b of batches) flags[b.uploader] = 1;
        flags[i] = 0;
        if (!this.radio.heardAnyOf(i, flags)) {
          this.stats.checksSkipped++;
          continue;
        }
      }
      this.stats.checks++;
      const { checker, recorder, store } = this.#checkerOf(i);
      // Only advertisements of the new uploaders can match their keys, and windows are built per
      // key, so the rest of the log cannot change the result (fullChecks delivers everything).
      this.transports[i]?.deliverLog(this.fullChecks ? undefined : flags);
      await recorder.flush();
      const result = await checker.check();
      await store.deleteScansBefore(Number.MAX_SAFE_INTEGER);
      this.stats.keysMatched += result.keysMatched;
      if (result.notifications.length === 0) continue;
      const windows = await store.listExposureWindows(0);
      for (const n of result.notifications) {
        const keys = new Set(windows.filter((w) => w.dayStartMs === n.dayStartMs).map((w) => w.key));
        const uploaders = [...new Set([...keys].map((k) => this.#keyOwner.get(k) ?? -1))].filter((u) => u >= 0);
        const notification = { phone: i, exposureDay: dayOf(n.dayStartMs), step, uploaders };
        raised.push(notification);
        this.notifications.push(notification);
      }
    }
    return raised;
  }
}
