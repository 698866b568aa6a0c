/**
 * Everything a phone remembers, behind one interface with three implementations that pass the
 * same test suite: `MemoryStore` (tests, simulator), `SqlStore` (SQLite on a phone or in Node)
 * and `IndexedDbStore` (the browser build). Asynchronous because React Native SQLite libraries
 * (op-sqlite, expo-sqlite) and IndexedDB are.
 *
 * Data is raw and minimal: our own TEKs, what the scanner heard (aggregated per RPI per scan),
 * which export files were processed, the exposure windows they matched, which days were already
 * notified, and a few settings. Retention (14 days, GAEN) is the callers' `delete…Before` calls.
 */
import type { RecordedScan, TemporaryExposureKey } from '@bluezone/protocol';

/** One advertisement heard, already decoded, assigned to the scan it arrived in. */
export interface SightingObservation {
  rpi: Uint8Array;
  aem: Uint8Array;
  /** Start of the scan (Unix ms) this sighting belongs to. */
  scanTimeMs: number;
  /** Raw RSSI in dBm as the radio reported it; calibration is applied at matching time. */
  rssi: number;
}

/**
 * All sightings of one RPI in one scan (GAEN ScanInstance before attenuation is computed): the
 * protocol's RecordedScan, which a field test's recording carries as the phone stores it.
 */
export type ScanRecord = RecordedScan;

export type ExportStatus = 'processed' | 'rejected';

export interface ProcessedExport {
  /** Path as listed in index.txt; the identity of an export file. */
  path: string;
  status: ExportStatus;
  processedAtMs: number;
  keyCount: number;
  /** Why it was rejected (signature, format); empty when processed. */
  reason: string;
}

/** A matched exposure window, kept so later checks can re-score whole days. */
export interface StoredExposureWindow {
  /** UTC midnight (Unix ms) of the window's day. */
  dayStartMs: number;
  /** The export file whose keys produced it. */
  source: string;
  /** Hex of the diagnosis key that produced it, so a later revision or revocation can replace it. */
  key: string;
  /** JSON of the protocol's ExposureWindow (opaque here so storage never depends on its shape). */
  json: string;
}

/** The highest risk level already shown to the user for a day, so checks never re-notify. */
export interface NotifiedDay {
  dayStartMs: number;
  riskLevel: number;
  notifiedAtMs: number;
}

export interface ClientStore {
  /** Inserts or replaces a key (identity: its key data). */
  putKey(key: TemporaryExposureKey): Promise<void>;
  /** All stored keys, oldest rollingStartIntervalNumber first. */
  listKeys(): Promise<TemporaryExposureKey[]>;
  deleteKey(keyData: Uint8Array): Promise<void>;
  /** Deletes keys whose validity ended at or before `enin`; returns how many. */
  deleteKeysEndingBefore(enin: number): Promise<number>;

  /** Adds sightings, merging those of the same RPI and scan into one record. Atomic. */
  addSightings(observations: readonly SightingObservation[]): Promise<void>;
  /** Scan records with `sinceMs <= scanTimeMs < untilMs`, ordered by scan time then RPI. */
  listScans(sinceMs: number, untilMs: number): Promise<ScanRecord[]>;
  deleteScansBefore(ms: number): Promise<number>;

  getExport(path: string): Promise<ProcessedExport | undefined>;
  /**
   * Records an export and the windows it produced in one atomic step (idempotent checks): first
   * drops the windows of `revisedKeys` (hex; keys the export revises or revokes, from whatever
   * export they came) and any earlier windows of this export, then adds `windows`.
   */
  recordExport(
    entry: ProcessedExport,
    windows: readonly StoredExposureWindow[],
    revisedKeys?: readonly string[],
  ): Promise<void>;
  listExports(): Promise<ProcessedExport[]>;

  listExposureWindows(sinceDayMs: number): Promise<StoredExposureWindow[]>;
  deleteExposureWindowsBefore(dayMs: number): Promise<number>;

  getNotifiedDay(dayStartMs: number): Promise<NotifiedDay | undefined>;
  putNotifiedDay(day: NotifiedDay): Promise<void>;
  listNotifiedDays(): Promise<NotifiedDay[]>;
  /** Forgets notified days before `dayStartMs` (retention, "delete all data"); returns how many. */
  deleteNotifiedDaysBefore(dayStartMs: number): Promise<number>;

  getSetting(name: string): Promise<string | undefined>;
  setSetting(name: string, value: string): Promise<void>;

  close(): Promise<void>;
}
