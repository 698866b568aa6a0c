/**
 * One phone's Bluezone, wired together: the key schedule feeds the BLE transport (a new RPI and
 * address at every rotation), the transport feeds the sighting recorder, and the exposure
 * check and positive report talk to the servers. An app (or the simulator) calls `tick()`
 * about once a minute, `checkExposure()` a few times a day and `reportPositive()` once.
 */
import {
  type Clock,
  type CryptoBackend,
  type FieldTestEnrolment,
  portableBackend,
  systemClock,
} from '@bluezone/protocol';
import type { BleTransport, SightingListener } from './ble/ble-transport';
import { currentPhoneCalibration } from './configuration/served-calibration';
import { cryptoRandom, type RandomSource } from './environment';
import {
  type ExportPublicKey,
  ExposureChecker,
  type ExposureCheckOptions,
  type ExposureCheckResult,
  type ExposureEvent,
} from './exposure/exposure-check';
import {
  currentFieldTest,
  enrolFieldTest,
  exportFieldTestRecording,
  leaveFieldTest,
  noteFieldTestCalibration,
} from './field-test/field-test-mode';
import { KeySchedule } from './key-schedule';
import type { PhoneCalibration, PhoneDevice } from './phone-calibration';
import { DecoyTraffic } from './report/decoy-traffic';
import { type Fetch, KeyServerClient } from './report/key-server-client';
import { PositiveReporter, type PositiveReportInput, type PositiveReportResult } from './report/positive-report';
import { type RetryPolicy, realSleep, type Sleep } from './report/retry';
import { SightingRecorder } from './sighting-recorder';
import type { ClientStore } from './storage/client-store';

export interface BluezoneServerConfig {
  verificationUrl: string;
  keyServerUrl: string;
  /** Root of the export files, e.g. `https://keys.example/exports/`. */
  exportBaseUrl: string;
  /** The app's device API key for the verification server. */
  apiKey: string;
  region: string;
  healthAuthorityID: string;
  /** Public keys exports must be signed with (from the health authority, shipped with the app). */
  publicKeys: readonly ExportPublicKey[];
}

export interface BluezoneClientOptions {
  store: ClientStore;
  transport: BleTransport;
  server: BluezoneServerConfig;
  /** Default: the portable (pure JS) backend, as on a phone. */
  backend?: CryptoBackend;
  clock?: Clock;
  random?: RandomSource;
  sleep?: Sleep;
  fetch?: Fetch;
  /**
   * Pins this phone's calibration. Default: what `fetchCalibration` stored from the server's list
   * (served-calibration.ts), read at each rotation and check, else the list's medians (confidence 0);
   * an iPhone's (`device`) correction is 0 either way.
   */
  calibration?: PhoneCalibration;
  /**
   * This phone as its platform describes it (never sent anywhere): an iPhone is the calibration
   * list's reference, so its readings are not corrected before it has a row of a list either; a
   * field test's recording names its model. Absent (a browser): a phone the list does not know.
   */
  device?: PhoneDevice;
  riskConfiguration?: ExposureCheckOptions['riskConfiguration'];
  notifyAt?: ExposureCheckOptions['notifyAt'];
  retry?: RetryPolicy;
  /** Decoy uploads (mean gap, default 24 h); `false` turns them off (tests, simulator). */
  decoys?: { meanIntervalMs?: number; minIntervalMs?: number } | false;
}

export class BluezoneClient {
  readonly keySchedule: KeySchedule;
  readonly recorder: SightingRecorder;
  readonly exposureChecker: ExposureChecker;
  readonly reporter: PositiveReporter;
  readonly decoys: DecoyTraffic | undefined;
  readonly #transport: BleTransport;
  readonly #store: ClientStore;
  readonly #clock: Clock;
  readonly #backend: CryptoBackend;
  readonly #server: BluezoneServerConfig;
  readonly #calibration: PhoneCalibration | undefined;
  readonly #device: PhoneDevice | undefined;
  #unsubscribe: (() => void) | undefined;

  constructor(o: BluezoneClientOptions) {
    const backend = o.backend ?? portableBackend;
    const clock = o.clock ?? systemClock;
    const random = o.random ?? cryptoRandom(backend);
    const sleep = o.sleep ?? realSleep;
    const fetch = o.fetch ?? globalThis.fetch.bind(globalThis);
    const { store, server } = o;
    this.#transport = o.transport;
    this.#store = store;
    this.#clock = clock;
    this.#backend = backend;
    this.#server = server;
    this.#calibration = o.calibration;
    this.#device = o.device;
    this.keySchedule = new KeySchedule({
      backend,
      store,
      clock,
      random,
      // Pinned, or this phone's row of the served list as stored at each rotation.
      metadata: o.calibration?.metadata ?? (async () => (await currentPhoneCalibration(store, o.device)).metadata),
      onRotate: (ad) => this.#transport.advertise(ad.serviceData),
    });
    this.recorder = new SightingRecorder({ store, clock });
    this.exposureChecker = new ExposureChecker({
      backend,
      store,
      clock,
      random,
      fetch,
      sleep,
      exportBaseUrl: server.exportBaseUrl,
      region: server.region,
      publicKeys: server.publicKeys,
      ...(o.calibration === undefined ? {} : { receiverCalibration: o.calibration.calibration }),
      ...(o.device === undefined ? {} : { device: o.device }),
      ...(o.riskConfiguration === undefined ? {} : { riskConfiguration: o.riskConfiguration }),
      ...(o.notifyAt === undefined ? {} : { notifyAt: o.notifyAt }),
      ...(o.retry === undefined ? {} : { retry: o.retry }),
    });
    const client = new KeyServerClient(server, { fetch, random });
    this.reporter = new PositiveReporter({
      backend,
      random,
      sleep,
      keySchedule: this.keySchedule,
      client,
      store,
      healthAuthorityID: server.healthAuthorityID,
      ...(o.retry === undefined ? {} : { retry: o.retry }),
    });
    this.decoys =
      o.decoys === false
        ? undefined
        : new DecoyTraffic({ client, store, clock, random, healthAuthorityID: server.healthAuthorityID, ...o.decoys });
  }

  onEvent(listener: (event: ExposureEvent) => void): () => void {
    return this.exposureChecker.onEvent(listener);
  }

  /** Subscribes to what this phone's scanner hears (gatekeeper mode listens for a visitor's RPI). */
  onSighting(listener: SightingListener): () => void {
    return this.#transport.onSighting(listener);
  }

  /** The calibration this phone applies now: the pinned one, else the stored row (`currentPhoneCalibration`). */
  #applied = async (): Promise<PhoneCalibration> =>
    this.#calibration ?? (await currentPhoneCalibration(this.#store, this.#device));

  /** Starts scanning and advertising. */
  async start(): Promise<void> {
    this.#unsubscribe ??= this.#transport.onSighting((s) => {
      this.recorder.record(s);
    });
    await this.#transport.start();
    await this.keySchedule.rotate();
    await noteFieldTestCalibration(this.#store, this.#clock.now(), this.#applied);
  }

  /**
   * Periodic work (about every minute): RPI rotation when due, a decoy upload when due, and a field
   * test's calibration row kept until the test starts (`noteFieldTestCalibration`).
   */
  async tick(): Promise<void> {
    await this.keySchedule.advertisement();
    await this.decoys?.runIfDue();
    await noteFieldTestCalibration(this.#store, this.#clock.now(), this.#applied);
  }

  /** Stores what was heard, drops data older than 14 days (and a field test whose export time is over), and runs an exposure check. */
  async checkExposure(): Promise<ExposureCheckResult> {
    await this.recorder.prune();
    await this.keySchedule.prune();
    await currentFieldTest(this.#store, this.#clock.now());
    await noteFieldTestCalibration(this.#store, this.#clock.now(), this.#applied);
    return this.exposureChecker.check();
  }

  /** Makes this phone a field test's test phone (field-test-mode.ts); throws `field_test_rejected`. */
  async enrolFieldTest(token: string): Promise<FieldTestEnrolment> {
    const { publicKeys, region } = this.#server;
    return enrolFieldTest(token, {
      backend: this.#backend,
      store: this.#store,
      clock: this.#clock,
      publicKeys,
      region,
      calibration: await this.#applied(),
    });
  }

  /** The field test this phone is enrolled in, while it runs or may still be exported. */
  fieldTest(): Promise<FieldTestEnrolment | undefined> {
    return currentFieldTest(this.#store, this.#clock.now());
  }

  leaveFieldTest(): Promise<void> {
    return leaveFieldTest(this.#store);
  }

  /**
   * The field test's recording (its JSON text), with everything heard so far stored first; it
   * names the model of `device` (default: the client's).
   */
  async exportFieldTest(device: PhoneDevice | undefined = this.#device): Promise<string> {
    await this.recorder.flush();
    return exportFieldTestRecording({
      store: this.#store,
      clock: this.#clock,
      scanPeriodMs: this.recorder.scanPeriodMs,
      ...(device === undefined ? {} : { device }),
      ...(this.#calibration === undefined ? {} : { calibration: this.#calibration }),
    });
  }

  reportPositive(input: PositiveReportInput): Promise<PositiveReportResult> {
    return this.reporter.report(input);
  }

  async stop(): Promise<void> {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    await this.#transport.stop();
    await this.recorder.flush();
  }
}
