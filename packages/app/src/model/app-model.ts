/**
 * The app's state and actions over the client SDK, outside React so it is tested without a
 * renderer and shared by the phone and browser builds. Screens read `state` (through
 * useSyncExternalStore) and call the actions; everything the app remembers lives in the SDK's
 * ClientStore (settings rows), so nothing leaves the phone unless the user acts.
 */
import {
  appliedConfiguration,
  type BluezoneClient,
  buildCheckpointPass,
  type CheckpointGateApi,
  type CheckpointPass,
  ClientError,
  type ClientStore,
  type ExposureEvent,
  FIELD_TEST_SETTING,
  type ListenWindow,
  type PhoneDevice,
  type RandomSource,
} from '@bluezone/client';
import {
  type CheckpointKeyPair,
  type Clock,
  type ConfigurationAdvice,
  checkpointKeyPair,
  type FieldTestEnrolment,
  fromHex,
  toBase64url,
  toHex,
} from '@bluezone/protocol';
import { AppError } from './app-error';
import { DAY_MS, type DayEncounters, encountersByDay, nearbySummary } from './encounter-stats';
import type { Exposure, ExposureAdvice, ExposureEstimate, RiskLevel } from './exposure-summary';
import { GatekeeperMode } from './gatekeeper-mode';
import type { PermissionState, Permissions } from './permissions';
import type { AttestationReceipt, HomeUnit, HomeUnitChoice, RolloutApi } from './rollout-api';
import { parseUnitLink } from './unit-link';

export type Language = 'vi' | 'en';
export type Route = 'home' | 'exposure' | 'history' | 'report' | 'unit' | 'checkpoint' | 'gatekeeper' | 'settings';
export type TracingOffReason = 'bluetooth_denied' | 'paused' | 'not_started';
export type { Exposure, RiskLevel } from './exposure-summary';

export interface SharedKeyDay {
  /** `YYYY-MM-DD` the key covers. */
  day: string;
  /** Hours of that day the key covers (today's key up to its last finished interval). */
  hours: number;
}

export interface AppState {
  ready: boolean;
  onboarded: boolean;
  language: Language;
  route: Route;
  bluetooth: PermissionState;
  notifications: PermissionState;
  tracing: boolean;
  tracingOffReason: TracingOffReason | null;
  nearbyNow: number;
  nearbyRssi: number[];
  today: number;
  history: DayEncounters[];
  lastCheckMs: number | null;
  exposures: Exposure[];
  unit: AttestationReceipt | null;
  /** The home unit's name and health station, once the server named them. */
  home: HomeUnit | null;
  installId: string;
  /** The health authority's advice from the configuration document the phone applied, if it gave any. */
  advice: ConfigurationAdvice | null;
  /** The field test this phone is a test phone of (enrolled by the authority's code), while it may export. */
  fieldTest: FieldTestEnrolment | null;
}

/** A file the app hands to the person (a field test's recording). */
export interface SharedFile {
  /** The file's name, e.g. `nam-dong-2026-12-T07.json`. */
  name: string;
  mimeType: 'application/json';
  text: string;
}

export interface AppServices {
  /** Builds the SDK over `store`; called again after "delete all data" so no key stays in memory. */
  createClient(store: ClientStore): BluezoneClient;
  store: ClientStore;
  clock: Clock;
  random: RandomSource;
  permissions: Permissions;
  rollout: RolloutApi;
  appVersion: string;
  /** Where invite links point (the district's install page). */
  installBaseUrl: string;
  /** The rollout toolkit's gate endpoints under a gate key (gatekeeper mode). */
  gateApi?: (gateKey: string) => CheckpointGateApi;
  /** How long gatekeeper mode listens for a visitor's phone (default the SDK's); tests close it themselves. */
  gateListenWindow?: ListenWindow;
  /** A camera QR scanner where the platform has one; resolves with the decoded text. */
  scanQr?: () => Promise<string>;
  /**
   * Shown on the exposure screen until the home unit's own station is known (no unit joined,
   * the server not reached yet, or a station without a phone): the district's contact.
   */
  healthStation: { name: string; phone: string };
  /** The health authority's advice after an exposure (default DEFAULT_EXPOSURE_ADVICE). */
  exposureAdvice?: ExposureAdvice;
  /**
   * Fetches the health authority's signed configuration document and applies it to `store` (the
   * SDK's fetchConfiguration with the build's key server, export keys and region); absent in a
   * build without a server. Its advice then replaces the app's own on the exposure screen.
   */
  fetchConfiguration?: (store: ClientStore) => Promise<unknown>;
  /**
   * Fetches the key server's EN device calibration list and stores this phone's own row in
   * `store` (the SDK's fetchCalibration with the phone's model, which never leaves it); absent
   * where the app has no model to look up (a browser). The next rotation advertises its TX power
   * and the next check corrects with it.
   */
  fetchCalibration?: (store: ClientStore) => Promise<unknown>;
  /**
   * Hands a file to the person: a download in a browser, the system share sheet on a phone (where
   * they pick the health authority's channel). Used only for a field test's recording.
   */
  shareFile: (file: SharedFile) => Promise<void>;
  /**
   * Deletes every file `shareFile` left for the receiving app to read (on a phone the cache
   * folder of the field test's recordings, `src/native/native-share.ts`); absent where nothing
   * stays behind (the browser's downloads). Called at start, on leaving the field test and on
   * "delete all data".
   */
  clearSharedFiles?: () => Promise<void>;
  /** This phone's model for a field test's recording (the SDK's PhoneDevice); absent in a browser. */
  device?: PhoneDevice;
  /** Localised notification text for an exposure. */
  notificationText?: (e: Exposure, language: Language) => { title: string; body: string };
}

const S = {
  onboarded: 'app.onboarded',
  language: 'app.language',
  tracing: 'app.tracing',
  lastCheck: 'app.lastCheckMs',
  installId: 'app.installId',
  checkpointSeed: 'app.checkpointSeed',
  unit: 'app.unit',
  home: 'app.home',
  /** The SDK's estimate of each notified day (the store keeps only the level). */
  estimates: 'app.exposureEstimates',
} as const;

const LEVEL_RANK = { none: 0, low: 1, high: 2 } as const;

export class AppModel {
  #state: AppState = {
    ready: false,
    onboarded: false,
    language: 'vi',
    route: 'home',
    bluetooth: 'unknown',
    notifications: 'unknown',
    tracing: false,
    tracingOffReason: 'not_started',
    nearbyNow: 0,
    nearbyRssi: [],
    today: 0,
    history: [],
    lastCheckMs: null,
    exposures: [],
    unit: null,
    home: null,
    installId: '',
    advice: null,
    fieldTest: null,
  };
  readonly #listeners = new Set<() => void>();
  readonly #s: AppServices;
  #client: BluezoneClient;
  #unsubscribe: () => void;
  #checkpointKey: CheckpointKeyPair | undefined;
  /** Estimates by day start, filled as notifications arrive and saved after each check. */
  #estimates = new Map<number, ExposureEstimate>();
  /** Checking visitors' passes at an office checkpoint this phone is paired with. */
  readonly gatekeeper: GatekeeperMode;

  constructor(services: AppServices) {
    this.#s = services;
    this.#client = services.createClient(services.store);
    this.#unsubscribe = this.#client.onEvent((e) => void this.#onExposureEvent(e));
    this.gatekeeper = new GatekeeperMode({
      store: services.store,
      clock: services.clock,
      ...(services.gateApi ? { gateApi: services.gateApi } : {}),
      ...(services.gateListenWindow ? { window: services.gateListenWindow } : {}),
      // Whichever SDK instance is current (delete-all rebuilds it).
      radio: { onSighting: (listener) => this.#client.onSighting(listener) },
    });
  }

  get state(): AppState {
    return this.#state;
  }
  get client(): BluezoneClient {
    return this.#client;
  }
  get services(): AppServices {
    return this.#s;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  #set(patch: Partial<AppState>): void {
    this.#state = { ...this.#state, ...patch };
    for (const l of this.#listeners) l();
  }

  /** Loads what the phone remembers; resumes tracing if it was on. */
  async load(): Promise<void> {
    const { store, random } = this.#s;
    // A recording shared before this start has had its chance to be read. Not deleting it must
    // not stop the app from starting: the next start tries again.
    await this.#s.clearSharedFiles?.().catch(() => {});
    // Empty after "delete all data": a new install id, unlinked to the old one.
    let installId = await store.getSetting(S.installId);
    if (!installId) {
      installId = toBase64url(random.bytes(16));
      await store.setSetting(S.installId, installId);
    }
    const unit = stored<AttestationReceipt>(await store.getSetting(S.unit));
    const home = stored<HomeUnit>(await store.getSetting(S.home));
    const lastCheck = await store.getSetting(S.lastCheck);
    this.#estimates = new Map(stored<[number, ExposureEstimate][]>(await store.getSetting(S.estimates)) ?? []);
    this.#set({
      installId,
      onboarded: (await store.getSetting(S.onboarded)) === '1',
      language: (await store.getSetting(S.language)) === 'en' ? 'en' : 'vi',
      unit,
      home: home !== null && home.code === unit?.unitCode ? home : null,
      lastCheckMs: lastCheck ? Number(lastCheck) : null,
    });
    // Joined before the app kept its home's name: ask once, without holding the start up.
    if (unit !== null && this.#state.home === null) void this.#loadHome(unit.unitCode);
    await this.#loadExposures();
    await this.#loadAdvice();
    // A newer document, without holding the start up (checks fetch it again before they run).
    void this.refreshConfiguration();
    await this.gatekeeper.load();
    await this.#loadFieldTest();
    if (this.#state.onboarded && (await store.getSetting(S.tracing)) !== '0') await this.setTracing(true);
    await this.refresh();
    this.#set({ ready: true });
  }

  navigate(route: Route): void {
    this.#set({ route });
  }

  async setLanguage(language: Language): Promise<void> {
    await this.#s.store.setSetting(S.language, language);
    this.#set({ language });
  }

  /** Onboarding's last step: ask for Bluetooth and notifications, then start tracing if allowed. */
  async completeOnboarding(): Promise<void> {
    const bluetooth = await this.#s.permissions.requestBluetooth();
    const notifications = await this.#s.permissions.requestNotifications();
    await this.#s.store.setSetting(S.onboarded, '1');
    this.#set({ onboarded: true, bluetooth, notifications, route: 'home' });
    await this.setTracing(true);
  }

  async setTracing(on: boolean): Promise<void> {
    if (!on) {
      await this.#client.stop();
      await this.#s.store.setSetting(S.tracing, '0');
      this.#set({ tracing: false, tracingOffReason: 'paused' });
      return;
    }
    let bluetooth = this.#state.bluetooth;
    if (bluetooth !== 'granted') bluetooth = await this.#s.permissions.requestBluetooth();
    if (bluetooth !== 'granted') {
      this.#set({ bluetooth, tracing: false, tracingOffReason: 'bluetooth_denied' });
      return;
    }
    await this.#client.start();
    await this.#s.store.setSetting(S.tracing, '1');
    this.#set({ bluetooth, tracing: true, tracingOffReason: null });
  }

  /** Re-reads the radar and history from the store (after a scan, or on a timer). */
  async refresh(): Promise<void> {
    const now = this.#s.clock.now();
    await this.#client.recorder.flush();
    const scans = await this.#s.store.listScans(now - 14 * DAY_MS, now + 1);
    const nearby = nearbySummary(scans, now);
    this.#set({ ...nearby, history: encountersByDay(scans) });
  }

  /** Applies the authority's latest configuration, then downloads new key exports and matches them on the phone. */
  async checkExposure(): Promise<void> {
    await this.refreshConfiguration();
    try {
      await this.#client.checkExposure();
    } finally {
      // The SDK forgets an enrolment whose export time is over first thing in a check.
      await this.#loadFieldTest();
    }
    const now = this.#s.clock.now();
    await this.#s.store.setSetting(S.lastCheck, String(now));
    await this.#loadExposures();
    await this.#s.store.setSetting(S.estimates, JSON.stringify([...this.#estimates]));
    this.#set({ lastCheckMs: now });
  }

  async #loadExposures(): Promise<void> {
    const since = this.#s.clock.now() - 14 * DAY_MS;
    for (const day of this.#estimates.keys()) if (day < since) this.#estimates.delete(day);
    const exposures = (await this.#s.store.listNotifiedDays())
      .filter((d) => d.dayStartMs >= since && d.riskLevel > 0)
      .map((d): Exposure => {
        const estimate = this.#estimates.get(d.dayStartMs);
        return {
          day: new Date(d.dayStartMs).toISOString().slice(0, 10),
          dayStartMs: d.dayStartMs,
          level: (d.riskLevel >= LEVEL_RANK.high ? 'high' : 'low') as RiskLevel,
          notifiedAtMs: d.notifiedAtMs,
          ...(estimate === undefined ? {} : { estimate }),
        };
      })
      .sort((a, b) => b.dayStartMs - a.dayStartMs);
    this.#set({ exposures });
  }

  /** The advice of the configuration document the SDK applied (served-configuration.ts). */
  async #loadAdvice(): Promise<void> {
    const advice = (await appliedConfiguration(this.#s.store))?.advice ?? null;
    this.#set({ advice });
  }

  /**
   * Fetches and applies the served configuration and this phone's calibration, each on its own:
   * offline or refused, the phone keeps what it applied.
   */
  async refreshConfiguration(): Promise<void> {
    const { fetchConfiguration, fetchCalibration, store } = this.#s;
    const [configuration] = await Promise.allSettled([fetchConfiguration?.(store), fetchCalibration?.(store)]);
    if (fetchConfiguration !== undefined && configuration.status === 'fulfilled') await this.#loadAdvice();
  }

  /** Asks the server for the home unit's name and health station; the app works on without them. */
  async #loadHome(unitCode: string): Promise<void> {
    try {
      const home = await this.#s.rollout.homeUnit(unitCode);
      if (home === null || this.#state.unit?.unitCode !== unitCode) return;
      await this.#s.store.setSetting(S.home, JSON.stringify(home));
      this.#set({ home });
    } catch {
      // Offline or an older server: the district's contact stays on the exposure screen.
    }
  }

  async #onExposureEvent(e: ExposureEvent): Promise<void> {
    if (e.type !== 'exposure-notification' || e.level === 'none') return;
    // Kept before any await: the check that emitted this reloads the exposures right after.
    if (e.estimate !== undefined) {
      const { closeMinutes, lowCloseMinutes, highCloseMinutes, confidence } = e.estimate;
      this.#estimates.set(e.dayStartMs, { closeMinutes, lowCloseMinutes, highCloseMinutes, confidence });
    }
    const exposure: Exposure = {
      day: e.day,
      dayStartMs: e.dayStartMs,
      level: e.level,
      notifiedAtMs: this.#s.clock.now(),
    };
    if (this.#state.notifications === 'granted' && this.#s.notificationText !== undefined) {
      const { title, body } = this.#s.notificationText(exposure, this.#state.language);
      await this.#s.permissions.notify(title, body).catch(() => {});
    }
  }

  /**
   * The keys a positive report would share, as the SDK would publish them now (reviewed before
   * consent): one per day of the last 14, today's up to the last finished 10-minute interval.
   */
  async keysToShare(): Promise<SharedKeyDay[]> {
    return (await this.#client.keySchedule.releasableKeys()).map((k) => {
      const startMs = k.rollingStartIntervalNumber * 600_000;
      return {
        day: new Date(startMs).toISOString().slice(0, 10),
        hours: Math.round((k.rollingPeriod * 600_000) / 360_000) / 10,
      };
    });
  }

  /** Sends this phone's keys after a positive test; only after the user consented on screen. */
  async reportPositive(code: string): Promise<{ keysPublished: number; negative: boolean }> {
    if (!/^[0-9A-Za-z]{6,32}$/.test(code.trim()))
      throw new AppError('invalid_code', 'the code must be 6–32 letters or digits');
    const result = await this.#client.reportPositive({ code: code.trim() });
    // A negative result shares nothing new; it only withdraws an earlier upload (client SDK).
    return { keysPublished: result.keysPublished, negative: result.testType === 'negative' };
  }

  async #checkpointKeyPair(): Promise<CheckpointKeyPair> {
    if (this.#checkpointKey !== undefined) return this.#checkpointKey;
    let seed = await this.#s.store.getSetting(S.checkpointSeed);
    if (!seed) {
      seed = toHex(this.#s.random.bytes(32));
      await this.#s.store.setSetting(S.checkpointSeed, seed);
    }
    this.#checkpointKey = checkpointKeyPair(fromHex(seed));
    return this.#checkpointKey;
  }

  /**
   * Attests this install with what a scanned QR names: a village's or commune's QR is the home; a
   * school's, business's, relative's or drive volunteer's says who brought the install in, and
   * `homeUnitCode` (picked from homeUnitChoices) says where the person lives. A new install whose
   * QR names no home is refused by the server with home_unit_required; the screen then asks.
   */
  async joinUnit(qrText: string, homeUnitCode?: string): Promise<AttestationReceipt> {
    const link = parseUnitLink(qrText);
    const key = await this.#checkpointKeyPair();
    const receipt = await this.#s.rollout.attest({
      ...(link.kind === 'unit'
        ? { unitCode: link.unitCode }
        : link.kind === 'invite'
          ? { referralCode: link.referralCode }
          : { volunteerCode: link.volunteerCode }),
      ...(homeUnitCode !== undefined ? { homeUnitCode } : {}),
      installId: this.#state.installId,
      appVersion: this.#s.appVersion,
      tracingActive: this.#state.tracing,
      checkpointKey: key.publicKey,
    });
    await this.#s.store.setSetting(S.unit, JSON.stringify(receipt));
    const home = this.#state.home?.code === receipt.unitCode ? this.#state.home : null;
    this.#set({ unit: receipt, home });
    await this.#loadHome(receipt.unitCode);
    return receipt;
  }

  /** The places a resident may name as home (villages and communes the district lists), for the picker. */
  async homeUnitChoices(): Promise<HomeUnitChoice[]> {
    return (await this.#s.rollout.homeUnits?.()) ?? [];
  }

  /**
   * A fresh checkpoint pass: a token signed with the install's key, committing to the identifier
   * this phone advertises right now (the gatekeeper's app listens for it). The install must have
   * joined a unit.
   */
  async checkpointPass(): Promise<CheckpointPass> {
    if (this.#state.unit === null)
      throw new AppError('not_joined', 'join a unit first so the checkpoint knows this install');
    return buildCheckpointPass(
      await this.#checkpointKeyPair(),
      {
        issuedAtMs: this.#s.clock.now(),
        tracingActive: this.#state.tracing,
        advertisement: await this.#client.keySchedule.advertisement(),
      },
      this.#s.random,
    );
  }

  async #loadFieldTest(): Promise<void> {
    this.#set({ fieldTest: (await this.#client.fieldTest()) ?? null });
  }

  /**
   * Makes this phone a test phone of the field test a health authority's code (`BZFT1.…`, scanned
   * from its QR or pasted) names, once the SDK verified it; throws `field_test_rejected`.
   */
  async enrolFieldTest(token: string): Promise<FieldTestEnrolment> {
    const enrolment = await fieldTestCall(() => this.#client.enrolFieldTest(token));
    this.#set({ fieldTest: enrolment });
    return enrolment;
  }

  /**
   * Forgets the enrolment: the phone is an ordinary install again and can export nothing; a
   * recording it shared is deleted.
   */
  async leaveFieldTest(): Promise<void> {
    await this.#client.leaveFieldTest();
    this.#set({ fieldTest: null });
    await this.#s.clearSharedFiles?.();
  }

  /**
   * The field test's recording (this phone's keys and what it heard within the test's window, as
   * the SDK exports it), handed to the person as `<testId>-<phone>.json` (on a phone the file stays
   * until `clearSharedFiles` or the next export, for receiving apps that read it late). Throws
   * `field_test_not_enrolled` (also once the export time is over) or `field_test_not_started`.
   */
  async exportFieldTest(): Promise<SharedFile> {
    const enrolment = await this.#client.fieldTest();
    if (enrolment === undefined) {
      this.#set({ fieldTest: null });
      throw new AppError('field_test_not_enrolled', 'this phone is not enrolled in a field test');
    }
    const text = await fieldTestCall(() => this.#client.exportFieldTest(this.#s.device));
    const file: SharedFile = {
      name: `${enrolment.testId}-${enrolment.phone}.json`,
      mimeType: 'application/json',
      text,
    };
    await this.#s.shareFile(file);
    return file;
  }

  /**
   * "Delete all my data": tracing keys, sightings, exposure windows, notified days and their
   * estimates, the install id (a new random one replaces it, unlinked to the old), the checkpoint
   * key, the unit joined and its home, the last check time, a gatekeeper pairing, a field
   * test's enrolment and a recording it shared. The SDK is
   * rebuilt so no key stays in memory. Kept: onboarding done, the language, tracing on or off.
   */
  async deleteAllData(): Promise<void> {
    const { store, random } = this.#s;
    const wasTracing = this.#state.tracing;
    await this.#client.stop();
    this.#unsubscribe();
    const far = Number.MAX_SAFE_INTEGER;
    await store.deleteKeysEndingBefore(far);
    await store.deleteScansBefore(far);
    await store.deleteExposureWindowsBefore(far);
    await store.deleteNotifiedDaysBefore(far);
    // The store has no setting delete: an empty value reads as never set.
    for (const name of [S.checkpointSeed, S.unit, S.home, S.estimates, S.lastCheck, FIELD_TEST_SETTING])
      await store.setSetting(name, '');
    const installId = toBase64url(random.bytes(16));
    await store.setSetting(S.installId, installId);
    this.#checkpointKey = undefined;
    this.#estimates.clear();
    await this.gatekeeper.unpair();
    this.#client = this.#s.createClient(store);
    this.#unsubscribe = this.#client.onEvent((e) => void this.#onExposureEvent(e));
    this.#set({ exposures: [], unit: null, home: null, lastCheckMs: null, installId, fieldTest: null });
    if (wasTracing) await this.setTracing(true);
    await this.refresh();
    // Last, so a failure to delete it still leaves everything else deleted (and says so).
    await this.#s.clearSharedFiles?.();
  }
}

/** Runs an SDK field-test call, its refusals as the app's errors (the screens word them by code). */
async function fieldTestCall<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    if (!(err instanceof ClientError)) throw err;
    switch (err.code) {
      case 'field_test_rejected':
      case 'field_test_not_enrolled':
      case 'field_test_not_started':
        throw new AppError(err.code, err.message, { cause: err });
      default:
        throw err;
    }
  }
}

/** A JSON setting, or null when never set (or emptied by "delete all data"). */
function stored<T>(value: string | undefined): T | null {
  return value ? (JSON.parse(value) as T) : null;
}
