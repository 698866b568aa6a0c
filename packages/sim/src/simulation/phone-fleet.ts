/**
 * The phones that have the app, each running the SDK: the client's `KeySchedule` (daily TEK,
 * RPI/AEM rotating every 10–20 minutes, advertised through the phone's `SimRadioTransport`),
 * its `SightingRecorder` and `MemoryStore`, its `PositiveReporter` and its `ExposureChecker`,
 * all against the real key server running in process (`SimKeyServer`). All randomness (keys,
 * rotation offsets, HMAC secrets, padding) comes from the seeded PRNG.
 *
 * Sightings live in the compact radio log until a phone checks; then the log is delivered to
 * the phone's recorder, the SDK checks, and the scans are dropped again (a phone keeps them in
 * its store; 10,000 simulated stores of 14 days would not fit in memory).
 *
 * Sparse checks: a phone runs its check only when its radio log contains an advertisement of a
 * phone whose keys are in an export file listed since its last check (`ExportFeed`: padding
 * keys belong to nobody, so a file of padding alone wakes no phone), and its recorder is given
 * only those phones' advertisements. Nothing else can match: every RPI it holds was derived
 * from another phone's key (a 128-bit collision aside), exposure windows are built per matched
 * key, and an uploader's later advertisements use a fresh key it never publishes (same-day
 * release cuts the current key). A skipped check's outcome is known — every new file processed,
 * nothing matched — and is written to the phone's store as its `ExposureChecker` would have
 * (just before its next real check), so the phone never re-downloads and re-matches ~1000 keys
 * per skipped file. `fullChecks` runs every phone's checker on every file with its whole log
 * (tests check both give the same notifications).
 */
import {
  ExposureChecker,
  fetchConfiguration,
  KeySchedule,
  KeyServerClient,
  MemoryStore,
  PositiveReporter,
  phoneCalibration,
  type RandomSource,
  SCAN_PERIOD_MS,
  type ScanCount,
  SightingRecorder,
} from '@bluezone/client';
import {
  type AttenuationReading,
  type Clock,
  type CryptoBackend,
  type RiskConfiguration,
  toHex,
} from '@bluezone/protocol';
import type { Prng } from '../prng';
import { ExportFeed, type ExportFileOwners } from './export-feed';
import {
  type CodeRequest,
  SIM_EXPORT_BASE_URL,
  SIM_HEALTH_AUTHORITY_ID,
  SIM_REGION,
  SIM_SERVER_URL,
  type SimKeyServer,
} from './sim-key-server';
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
  /** Each phone's one store: keys, settings (revision token), scans, processed exports, windows. */
  readonly stores: (MemoryStore | undefined)[];
  readonly transports: (SimRadioTransport | undefined)[];
  readonly rotateAt: Float64Array;
  /** Export files (a prefix of `exports.files`) each phone has considered. */
  readonly cursor: Int32Array;
  /** Export files (a prefix) each phone's store records as processed. */
  readonly recorded: Int32Array;
  readonly notifications: Notification[] = [];
  readonly stats: FleetStats = { checks: 0, checksSkipped: 0, keysMatched: 0 };
  /** Key data (hex) → the phone that released it: for attribution, never given to phones. */
  readonly keyOwner = new Map<string, number>();
  readonly exports: ExportFeed;
  /**
   * What each phone's exposure check heard of each key it matched (calibrated readings, and the
   * census of its scans around them), for the configuration preview (simulation/preview-sample.ts):
   * the keys stay the phone's, only the simulator sees which phone heard what.
   */
  readonly matchedReadings = new Map<
    number,
    Map<string, { readings: readonly AttenuationReading[]; scans: readonly ScanCount[] }>
  >();
  readonly #checkers = new Map<number, { checker: ExposureChecker; recorder: SightingRecorder }>();
  readonly #prng: Prng;

  constructor(
    readonly hasApp: Uint8Array,
    readonly radio: SimRadio,
    readonly backend: CryptoBackend,
    readonly server: SimKeyServer,
    readonly risk: RiskConfiguration,
    readonly clock: Clock,
    prng: Prng,
    readonly fullChecks = false,
    /**
     * The key server serves a configuration document: each phone fetches, verifies and applies
     * it before its first check (the SDK's served-configuration path), and its check then decides
     * with the document's estimator parameters.
     */
    readonly servedConfiguration = false,
  ) {
    const n = hasApp.length;
    this.#prng = prng.fork();
    this.schedules = new Array(n);
    this.stores = new Array(n);
    this.transports = new Array(n);
    this.rotateAt = new Float64Array(n);
    this.cursor = new Int32Array(n);
    this.recorded = new Int32Array(n);
    this.exports = new ExportFeed(server.fetch, SIM_EXPORT_BASE_URL, SIM_REGION, this.keyOwner);
    const { metadata } = phoneCalibration(undefined, undefined);
    for (let i = 0; i < n; i++) {
      if (hasApp[i] !== 1) continue;
      const transport = new SimRadioTransport(radio, i);
      const store = new MemoryStore();
      this.transports[i] = transport;
      this.stores[i] = store;
      this.schedules[i] = new KeySchedule({
        backend,
        store,
        clock,
        random: prngRandom(prng.fork()),
        metadata,
        onRotate: (adv) => transport.advertise(adv.serviceData),
      });
    }
  }

  /** Rotates every phone whose RPI is due (the SDK decides when; the sim only asks). */
  async advertise(): Promise<void> {
    const now = this.clock.now();
    for (let i = 0; i < this.schedules.length; i++) {
      const s = this.schedules[i];
      if (s === undefined || now < (this.rotateAt[i] as number)) continue;
      const adv = await s.advertisement();
      this.rotateAt[i] = adv.rotateAtMs;
    }
  }

  /**
   * A positive person with the app: the health station issues a code (`/api/issue`), the
   * phone's SDK reports with it (`/api/verify` → `/api/certificate` → `/v1/publish`). Returns
   * the number of keys published, or undefined for a person without the app.
   */
  async upload(phone: number, code: CodeRequest): Promise<number | undefined> {
    const keySchedule = this.schedules[phone];
    const store = this.stores[phone];
    if (keySchedule === undefined || store === undefined) return undefined;
    const random = prngRandom(this.#prng.fork());
    const reporter = new PositiveReporter({
      backend: this.backend,
      random,
      sleep: async () => {},
      keySchedule,
      client: new KeyServerClient(
        { verificationUrl: SIM_SERVER_URL, keyServerUrl: SIM_SERVER_URL, apiKey: this.server.deviceKey },
        { fetch: this.server.fetch, random },
      ),
      store,
      healthAuthorityID: SIM_HEALTH_AUTHORITY_ID,
    });
    const result = await reporter.report({ code: await this.server.issueCode(code) });
    // The released keys are exactly the phone's ended keys now: same-day release cut today's
    // key at this interval and started a fresh one, which has not ended.
    for (const k of await keySchedule.endedKeys()) this.keyOwner.set(toHex(k.keyData), phone);
    this.rotateAt[phone] = this.clock.now(); // the report rotated; pick up the new advertisement next step
    return result.keysPublished;
  }

  /** The phone's checker and recorder, created at its first check. */
  #checkerOf(phone: number, store: MemoryStore) {
    let c = this.#checkers.get(phone);
    if (c === undefined) {
      const recorder = new SightingRecorder({ store, clock: this.clock });
      this.transports[phone]?.onSighting((raw) => recorder.record(raw));
      const checker = new ExposureChecker({
        backend: this.backend,
        store,
        clock: this.clock,
        random: prngRandom(this.#prng.fork()),
        fetch: this.server.fetch,
        sleep: async () => {},
        exportBaseUrl: SIM_EXPORT_BASE_URL,
        region: SIM_REGION,
        publicKeys: this.server.publicKeys,
        // The radio is fitted to iPhones, the calibration list's reference receiver.
        receiverCalibration: RECEIVER_CALIBRATION,
        riskConfiguration: this.risk,
        onKeyMatched: (key, readings, scans) => {
          let keys = this.matchedReadings.get(phone);
          if (keys === undefined) {
            keys = new Map();
            this.matchedReadings.set(phone, keys);
          }
          keys.set(key, { readings, scans });
        },
        // Sparse checks store only the scans that can match; the census comes from the whole log.
        ...(this.fullChecks
          ? {}
          : {
              scanCensus: (sinceMs: number) => this.radio.census(phone, sinceMs, SCAN_PERIOD_MS),
              heardScans: (sinceMs: number) => this.radio.heardScans(phone, sinceMs, SCAN_PERIOD_MS),
            }),
      });
      c = { checker, recorder };
      this.#checkers.set(phone, c);
    }
    return c;
  }

  /** Every app phone checks for new export files; returns the notifications raised now. */
  async checkAll(step: number, dayOf: (ms: number) => number): Promise<Notification[]> {
    const raised: Notification[] = [];
    await this.exports.refresh();
    const files = this.exports.files;
    const head = files.length;
    // Phones that are up to date share a cursor: the uploaders since each cursor, computed once.
    const uploadersSince = new Map<number, Uint8Array | undefined>();
    const flagsFrom = (from: number): Uint8Array | undefined => {
      if (uploadersSince.has(from)) return uploadersSince.get(from);
      let flags: Uint8Array | undefined;
      for (let f = from; f < head; f++) {
        for (const u of (files[f] as ExportFileOwners).uploaders) {
          flags ??= new Uint8Array(this.hasApp.length);
          flags[u] = 1;
        }
      }
      uploadersSince.set(from, flags);
      return flags;
    };
    for (let i = 0; i < this.schedules.length; i++) {
      const store = this.stores[i];
      if (store === undefined) continue;
      const from = this.cursor[i] as number;
      if (from === head) continue;
      this.cursor[i] = head;
      // A phone never hears itself, so its own keys in the files need no special case.
      const flags = this.fullChecks ? undefined : flagsFrom(from);
      if (!this.fullChecks && (flags === undefined || !this.radio.heardAnyOf(i, flags))) {
        // Padding alone, or uploaders it never heard: nothing can match.
        this.stats.checksSkipped++;
        continue;
      }
      this.stats.checks++;
      const now = this.clock.now();
      for (let f = this.recorded[i] as number; f < from; f++) {
        const { path, keys } = files[f] as ExportFileOwners;
        await store.recordExport({ path, status: 'processed', processedAtMs: now, keyCount: keys, reason: '' }, []);
      }
      this.recorded[i] = head;
      if (this.servedConfiguration && !this.#checkers.has(i))
        await fetchConfiguration(SIM_SERVER_URL, this.server.fetch, {
          backend: this.backend,
          store,
          publicKeys: this.server.publicKeys,
          region: SIM_REGION,
        });
      const { checker, recorder } = this.#checkerOf(i, store);
      // Only advertisements of the new uploaders can match their keys, and windows are built per
      // key, so the rest of the log cannot change the result (fullChecks delivers everything).
      this.transports[i]?.deliverLog(flags);
      await recorder.flush();
      const result = await checker.check();
      await store.deleteScansBefore(Number.MAX_SAFE_INTEGER);
      this.stats.keysMatched += result.keysMatched;
      if (result.notifications.length === 0) continue;
      const windows = await store.listExposureWindows(0);
      for (const n of result.notifications) {
        const keys = new Set(windows.filter((w) => w.dayStartMs === n.dayStartMs).map((w) => w.key));
        const uploaders = [...new Set([...keys].map((k) => this.keyOwner.get(k) ?? -1))].filter((u) => u >= 0);
        const notification = { phone: i, exposureDay: dayOf(n.dayStartMs), step, uploaders };
        raised.push(notification);
        this.notifications.push(notification);
      }
    }
    return raised;
  }
}
