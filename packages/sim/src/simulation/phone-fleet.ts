/**
 * The phones that have the app, each running the SDK: the client's `KeySchedule` (daily TEK,
 * RPI/AEM rotating every 10–20 minutes, advertised through the phone's `SimRadioTransport`),
 * and at check time the protocol's matcher, exposure-window builder and risk scorer over the
 * phone's own sightings. All randomness (keys, rotation offsets) comes from the seeded PRNG.
 *
 * Sparse checks: a phone runs the (expensive) match only when its radio log contains an
 * advertisement of a phone whose keys are in the new batches. Any other phone cannot match:
 * every RPI it holds was derived from another phone's key (a 128-bit collision aside), so the
 * matcher would return nothing. `fullChecks` runs every phone anyway (tests compare both).
 */
import { KeySchedule, MemoryStore, phoneCalibration, type RandomSource } from '@bluezone/client';
import {
  type CryptoBackend,
  classifyDay,
  type DiagnosisKey,
  decodeServiceData,
  type ExposureWindow,
  matchDiagnosisKeysSync,
  ReportType,
  type RiskConfiguration,
  type Sighting,
  scoreExposureWindows,
  toHex,
} from '@bluezone/protocol';
import type { Prng } from '../prng';
import type { InProcessKeyServer } from './key-server';
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
  rpisDerived: number;
  sightingsMatched: number;
}

function prngRandom(prng: Prng): RandomSource {
  return { bytes: (n) => prng.randomBytes(n), float: () => prng.float() };
}

export class PhoneFleet {
  readonly schedules: (KeySchedule | undefined)[];
  readonly transports: (SimRadioTransport | undefined)[];
  readonly rotateAt: Float64Array;
  readonly cursor: Int32Array;
  readonly notifications: Notification[] = [];
  readonly stats: FleetStats = { checks: 0, checksSkipped: 0, keysMatched: 0, rpisDerived: 0, sightingsMatched: 0 };
  readonly #windows = new Map<number, ExposureWindow[]>();
  readonly #notifiedDays = new Map<number, Set<number>>();
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
    return this.server.publish(phone, positiveStep, step, keys);
  }

  #sightingsOf(phone: number): Sighting[] {
    const out: Sighting[] = [];
    for (const raw of this.radio.sightings(phone)) {
      const { rpi, aem } = decodeServiceData(raw.serviceData);
      out.push({ rpi, aem, rssi: raw.rssi, timeMs: raw.timeMs });
    }
    return out;
  }

  /** Every app phone checks for new keys; returns the notifications raised now. */
  checkAll(step: number, dayOf: (ms: number) => number): Notification[] {
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
      const keys = batches.flatMap((b) => b.keys);
      const result = matchDiagnosisKeysSync(this.backend, keys, this.#sightingsOf(i));
      this.stats.rpisDerived += result.rpisDerived;
      if (result.matches.length === 0) continue;
      this.stats.keysMatched += result.matches.length;
      for (const m of result.matches) this.stats.sightingsMatched += m.sightings.length;
      const windows = this.#windows.get(i) ?? [];
      windows.push(...result.exposureWindows);
      this.#windows.set(i, windows);
      const notified = this.#notifiedDays.get(i) ?? new Set<number>();
      this.#notifiedDays.set(i, notified);
      const uploaders = [...new Set(result.matches.map((m) => this.#keyOwner.get(toHex(m.key.keyData)) ?? -1))];
      for (const summary of scoreExposureWindows(windows, this.risk)) {
        const day = dayOf(summary.dayUnixSeconds * 1000);
        if (classifyDay(summary, this.risk) !== 'high' || notified.has(day)) continue;
        notified.add(day);
        const n = { phone: i, exposureDay: day, step, uploaders };
        raised.push(n);
        this.notifications.push(n);
      }
    }
    return raised;
  }
}
