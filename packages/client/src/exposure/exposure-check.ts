/**
 * The daily exposure check, GAEN-style and entirely on the phone:
 *   1. fetch the region's `index.txt` and download only export files not seen before;
 *   2. verify each file's signature against the configured public keys (an unsigned or badly
 *      signed file is rejected with an event and never matched);
 *   3. match its keys against the last 14 days of sightings (protocol matcher); keys the file
 *      revises replace their earlier windows, revoked ones just remove them;
 *   4. store the exposure windows, each with its share of the proximity estimator's close
 *      minutes for its key and day, re-score every stored window of the last 14 days (protocol
 *      scorer; Corona-Warn-App parameters by default) and classify each day: high when the
 *      estimated close minutes reach the estimator's `notifyCloseMinutes` (exposure-proximity.ts);
 *   5. notify once per day and level: a day is notified when its level reaches `notifyAt` and
 *      is higher than anything notified for that day before.
 * Idempotent: an export is processed once; a re-check adds nothing and notifies nothing. The
 * export and its windows are stored atomically before notifying, and notifications are derived
 * from all stored windows, so a crash between the two re-notifies rather than losing one.
 */
import {
  type AttenuationReading,
  buildExposureWindows,
  buildSightingIndex,
  type Clock,
  type CryptoBackend,
  CWA_RISK_CONFIGURATION,
  type DailySummary,
  DEFAULT_DATA_MAPPING,
  DEFAULT_PROXIMITY_PARAMETERS,
  type DeviceCalibration,
  type DiagnosisKeysDataMapping,
  type Encounter,
  type ExposureWindow,
  type ExposureWindowOptions,
  exportIndexPath,
  matchDiagnosisKeysSync,
  type ParsedExport,
  ProtocolError,
  type ProximityParameters,
  parseExportIndex,
  type ReceiverActivity,
  ReportType,
  type RiskConfiguration,
  type RiskLevel,
  readExportZip,
  receiverActivityOfCounts,
  scoreExposureWindows,
  toHex,
  verifyExportSignature,
} from '@bluezone/protocol';
import { ClientError } from '../client-error';
import { currentPhoneCalibration } from '../configuration/served-calibration';
import { appliedConfiguration } from '../configuration/served-configuration';
import type { RandomSource } from '../environment';
import type { PhoneDevice } from '../phone-calibration';
import { type Fetch, trimSlash } from '../report/key-server-client';
import { type RetryPolicy, type Sleep, withRetry } from '../report/retry';
import { SCAN_PERIOD_MS } from '../sighting-recorder';
import type { ClientStore, ScanRecord, StoredExposureWindow } from '../storage/client-store';
import type { ExportPublicKey } from './export-public-key';
import { type DayCloseEstimate, keyReadings, proximityRiskDays, withCloseMinutes } from './exposure-proximity';
import { HeardEvidence, type HeardScan, heardScansOf } from './heard-evidence';
import { type ScanCount, scanCensusOf, scansAround } from './scan-census';
import { scanRecordSightings } from './scan-record-sightings';

export type { ExportPublicKey };

const DAY_MS = 86_400_000;
const RETENTION_DAYS = 14;
const LEVEL_RANK: Record<RiskLevel, number> = { none: 0, low: 1, high: 2 };

export type ExposureEvent =
  | { type: 'export-rejected'; path: string; reason: string }
  | {
      type: 'exposure-notification';
      /** `YYYY-MM-DD` (UTC) of the exposure. */
      day: string;
      dayStartMs: number;
      level: RiskLevel;
      previousLevel: RiskLevel;
      summary: DailySummary;
      /**
       * The proximity estimator's view of the day: estimated close minutes, their 10–90 %
       * interval, and how likely the contact definition was met (what the resident is told).
       * Absent for a day decided from windows stored before estimates were kept.
       */
      estimate?: DayCloseEstimate;
    };

export type ExposureNotification = Extract<ExposureEvent, { type: 'exposure-notification' }>;

export interface ExposureCheckOptions {
  backend: CryptoBackend;
  store: ClientStore;
  clock: Clock;
  random: RandomSource;
  fetch: Fetch;
  sleep: Sleep;
  /** Root the export paths are relative to, e.g. `https://keys.example/exports/`. */
  exportBaseUrl: string;
  region: string;
  publicKeys: readonly ExportPublicKey[];
  /**
   * This phone's RSSI correction (see `phoneCalibration`). Absent: what `fetchCalibration` stored
   * (served-calibration.ts), else the list's median; an iPhone's (`device`) is 0 either way.
   */
  receiverCalibration?: DeviceCalibration;
  /** This phone as its platform describes it: an iPhone is the calibration list's reference (`currentPhoneCalibration`). */
  device?: PhoneDevice;
  /** Pins the risk configuration; unset, the applied served document's, else Corona-Warn-App's. */
  riskConfiguration?: RiskConfiguration;
  /**
   * Pins the proximity estimator's parameters (its close minutes decide notifications); unset, the
   * applied served document's (`fetchConfiguration`), else the fitted defaults.
   */
  proximityParameters?: ProximityParameters;
  dataMapping?: DiagnosisKeysDataMapping;
  /** Lowest level that notifies the user; default 'high' (CWA shows low risk without alerting). */
  notifyAt?: Exclude<RiskLevel, 'none'>;
  retry?: RetryPolicy;
  /**
   * Sees each matched key's readings as the estimator does (key data hex, calibrated
   * attenuation per sighting): the simulator records them to preview other parameters.
   */
  onKeyMatched?: (key: string, readings: readonly AttenuationReading[], scans: readonly ScanCount[]) => void;
  /**
   * The census of this phone's scans since `sinceMs` (scan-census.ts); unset, counted from the
   * stored scans. The simulator's sparse checks store only the scans that can match, so it gives
   * the census of its whole radio log instead, and a sparse check decides as a full one.
   */
  scanCensus?: (sinceMs: number) => readonly ScanCount[];
  /**
   * Every identifier this phone's scans heard since `sinceMs`, for parameters that learn its offset
   * from them (`allHeardTxPowerSdDb`, heard-evidence.ts); unset, the stored scans. The simulator's
   * sparse checks give its whole radio log, as for the census.
   */
  heardScans?: (sinceMs: number) => Iterable<HeardScan>;
}

export interface ExposureCheckResult {
  /** Export files downloaded and matched in this check. */
  processed: string[];
  rejected: string[];
  keysMatched: number;
  newWindows: number;
  /** Scores of the last 14 days, all stored windows included. */
  dailySummaries: DailySummary[];
  notifications: ExposureNotification[];
}

/** The paths the server's index lists; a malformed index is an invalid response from the server. */
function exportIndexOf(text: string): string[] {
  try {
    return parseExportIndex(text);
  } catch (err) {
    if (err instanceof ProtocolError) throw new ClientError('invalid_response', err.message, { cause: err });
    throw err;
  }
}

export class ExposureChecker {
  readonly #o: ExposureCheckOptions;
  readonly #listeners = new Set<(event: ExposureEvent) => void>();
  #running: Promise<ExposureCheckResult> | undefined;

  constructor(options: ExposureCheckOptions) {
    if (options.publicKeys.length === 0) {
      throw new ClientError('invalid_config', 'at least one export public key is required');
    }
    this.#o = options;
  }

  onEvent(listener: (event: ExposureEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Runs a check; concurrent calls share the one in progress. */
  check(): Promise<ExposureCheckResult> {
    this.#running ??= this.#check().finally(() => {
      this.#running = undefined;
    });
    return this.#running;
  }

  async #check(): Promise<ExposureCheckResult> {
    const o = this.#o;
    const base = `${trimSlash(o.exportBaseUrl)}/`;
    const now = o.clock.now();
    const sinceMs = Math.floor(now / DAY_MS) * DAY_MS - (RETENTION_DAYS - 1) * DAY_MS;
    const index = exportIndexOf(await this.#get(`${base}${exportIndexPath(o.region)}`, 'text'));
    const result: ExposureCheckResult = {
      processed: [],
      rejected: [],
      keysMatched: 0,
      newWindows: 0,
      dailySummaries: [],
      notifications: [],
    };

    let sightingIndex: ReturnType<typeof buildSightingIndex> | undefined;
    let census: readonly ScanCount[] = [];
    let activity: ReceiverActivity | undefined;
    let storedScans: readonly ScanRecord[] = [];
    let heard: HeardEvidence | undefined;
    // The health authority's served document (served-configuration.ts) unless the app pins its own.
    const served = await appliedConfiguration(o.store);
    const proximity = o.proximityParameters ?? served?.proximity ?? DEFAULT_PROXIMITY_PARAMETERS;
    // This phone's correction: pinned by the app, else looked up in the served list, else the median.
    const receiver = o.receiverCalibration ?? (await currentPhoneCalibration(o.store, o.device)).calibration;
    for (const path of index) {
      if ((await o.store.getExport(path)) !== undefined) continue;
      let zip: Uint8Array;
      try {
        // Plain concatenation of validated relative paths: React Native's URL polyfill does not resolve
        // a base the RFC 3986 way, so the same code behaves alike everywhere.
        zip = await this.#get(`${base}${path}`, 'bytes');
      } catch (err) {
        // Listed but gone (retention ran between index and download): skip it, keep checking.
        if (err instanceof ClientError && err.status === 404) continue;
        throw err;
      }
      const parsed = this.#verify(path, zip);
      if (typeof parsed === 'string') {
        await o.store.recordExport({ path, status: 'rejected', processedAtMs: now, keyCount: 0, reason: parsed }, []);
        result.rejected.push(path);
        this.#emit({ type: 'export-rejected', path, reason: parsed });
        continue;
      }
      if (sightingIndex === undefined) {
        storedScans = await o.store.listScans(sinceMs, Number.MAX_SAFE_INTEGER);
        sightingIndex = buildSightingIndex(scanRecordSightings(storedScans));
        census = o.scanCensus ? o.scanCensus(sinceMs) : scanCensusOf(storedScans);
        activity = receiverActivityOfCounts(census, proximity.binSeconds);
      }
      // Revised keys (export.proto `revised_keys`) replace what their earlier version matched:
      // a revoked key's windows go, any other revision is matched again with its new report type.
      const revised = parsed.revisedKeys ?? [];
      const keys = [...parsed.keys, ...revised.filter((k) => k.reportType !== ReportType.Revoked)];
      const windowOptions: ExposureWindowOptions = {
        dataMapping: o.dataMapping ?? DEFAULT_DATA_MAPPING,
        receiverCalibration: () => receiver,
        scanIntervalSeconds: SCAN_PERIOD_MS / 1000,
      };
      const match = matchDiagnosisKeysSync(o.backend, keys, sightingIndex, windowOptions);
      const windows: StoredExposureWindow[] = match.matches.flatMap((m) => {
        const key = toHex(m.key.keyData);
        const readings = keyReadings(m, receiver);
        o.onKeyMatched?.(key, readings, scansAround(census, readings));
        let evidence: Encounter[][] | undefined;
        if (proximity.allHeardTxPowerSdDb !== undefined) {
          heard ??= new HeardEvidence(
            o.heardScans ? o.heardScans(sinceMs) : heardScansOf(storedScans),
            receiver,
            proximity,
            activity,
          );
          evidence = heard.around(readings, new Set(m.sightings.map((s) => toHex(s.sighting.rpi))));
        }
        return withCloseMinutes(
          readings,
          buildExposureWindows(m, windowOptions),
          proximity,
          SCAN_PERIOD_MS / 1000,
          activity,
          evidence,
        ).map((w) => ({ dayStartMs: w.dayUnixSeconds * 1000, source: path, key, json: JSON.stringify(w) }));
      });
      await o.store.recordExport(
        { path, status: 'processed', processedAtMs: now, keyCount: parsed.keys.length, reason: '' },
        windows,
        revised.map((k) => toHex(k.keyData)),
      );
      result.processed.push(path);
      result.keysMatched += match.matches.length;
      result.newWindows += windows.length;
    }

    await o.store.deleteExposureWindowsBefore(sinceMs);
    await o.store.deleteNotifiedDaysBefore(sinceMs);
    const config = o.riskConfiguration ?? served?.risk ?? CWA_RISK_CONFIGURATION;
    const windows = (await o.store.listExposureWindows(sinceMs)).map((w) => JSON.parse(w.json) as ExposureWindow);
    result.dailySummaries = scoreExposureWindows(windows, config);
    const threshold = LEVEL_RANK[o.notifyAt ?? 'high'];
    for (const { summary, level, estimate } of proximityRiskDays(windows, config, proximity)) {
      if (LEVEL_RANK[level] < threshold) continue;
      const dayStartMs = summary.dayUnixSeconds * 1000;
      const before = await o.store.getNotifiedDay(dayStartMs);
      const previousLevel = levelOf(before?.riskLevel ?? 0);
      if (LEVEL_RANK[level] <= LEVEL_RANK[previousLevel]) continue;
      await o.store.putNotifiedDay({ dayStartMs, riskLevel: LEVEL_RANK[level], notifiedAtMs: now });
      const notification: ExposureNotification = {
        type: 'exposure-notification',
        day: new Date(dayStartMs).toISOString().slice(0, 10),
        dayStartMs,
        level,
        previousLevel,
        summary,
        ...(estimate ? { estimate } : {}),
      };
      result.notifications.push(notification);
      this.#emit(notification);
    }
    return result;
  }

  /** The parsed export, or why it is rejected. */
  #verify(path: string, zip: Uint8Array): ParsedExport | string {
    const o = this.#o;
    let parsed: ParsedExport;
    try {
      parsed = readExportZip(zip);
    } catch (err) {
      if (err instanceof ProtocolError) return `not a valid export file: ${err.message}`;
      throw err;
    }
    if (parsed.region !== o.region) return `export of region "${parsed.region}", expected "${o.region}"`;
    const signed = o.publicKeys.some((k) => verifyExportSignature(o.backend, parsed, k.pem, k.keyId));
    if (!signed) {
      return parsed.signatures.length === 0
        ? `${path} is not signed`
        : `${path}: no signature verifies with the configured public keys`;
    }
    return parsed;
  }

  async #get(url: string, as: 'text'): Promise<string>;
  async #get(url: string, as: 'bytes'): Promise<Uint8Array>;
  async #get(url: string, as: 'text' | 'bytes'): Promise<string | Uint8Array> {
    return withRetry(
      async () => {
        let response: Response;
        try {
          response = await this.#o.fetch(url);
        } catch (err) {
          throw new ClientError('network', `GET ${url} failed: ${(err as Error).message}`, { cause: err });
        }
        if (!response.ok) {
          throw new ClientError('server_rejected', `GET ${url}: HTTP ${response.status}`, { status: response.status });
        }
        return as === 'text' ? response.text() : new Uint8Array(await response.arrayBuffer());
      },
      this.#o.retry ?? {},
      this.#o,
    );
  }

  #emit(event: ExposureEvent): void {
    for (const l of this.#listeners) l(event);
  }
}

function levelOf(rank: number): RiskLevel {
  return rank >= 2 ? 'high' : rank === 1 ? 'low' : 'none';
}
