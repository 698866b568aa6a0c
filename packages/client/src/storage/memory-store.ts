/** In-memory `ClientStore`: for tests and the simulator, where thousands of phones share a process. */
import { compareBytes, type TemporaryExposureKey, toHex } from '@bluezone/protocol';
import type {
  ClientStore,
  NotifiedDay,
  ProcessedExport,
  ScanRecord,
  SightingObservation,
  StoredExposureWindow,
} from './client-store';
import { mergeObservation } from './merge-observation';

/** Binary string order, as SQLite's default collation sorts TEXT. */
const byString = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

const copyKey = (k: TemporaryExposureKey): TemporaryExposureKey => ({
  keyData: k.keyData.slice(),
  rollingStartIntervalNumber: k.rollingStartIntervalNumber,
  rollingPeriod: k.rollingPeriod,
});

export class MemoryStore implements ClientStore {
  readonly #keys = new Map<string, TemporaryExposureKey>();
  readonly #scans = new Map<string, ScanRecord>();
  readonly #exports = new Map<string, ProcessedExport>();
  #windows: StoredExposureWindow[] = [];
  readonly #notified = new Map<number, NotifiedDay>();
  readonly #settings = new Map<string, string>();

  async putKey(key: TemporaryExposureKey): Promise<void> {
    this.#keys.set(toHex(key.keyData), copyKey(key));
  }

  async listKeys(): Promise<TemporaryExposureKey[]> {
    return [...this.#keys.values()]
      .map(copyKey)
      .sort((a, b) => a.rollingStartIntervalNumber - b.rollingStartIntervalNumber);
  }

  async deleteKey(keyData: Uint8Array): Promise<void> {
    this.#keys.delete(toHex(keyData));
  }

  async deleteKeysEndingBefore(enin: number): Promise<number> {
    let n = 0;
    for (const [id, k] of this.#keys) {
      if (k.rollingStartIntervalNumber + k.rollingPeriod <= enin) {
        this.#keys.delete(id);
        n++;
      }
    }
    return n;
  }

  async addSightings(observations: readonly SightingObservation[]): Promise<void> {
    for (const o of observations) mergeObservation(this.#scans, o);
  }

  async listScans(sinceMs: number, untilMs: number): Promise<ScanRecord[]> {
    const out: ScanRecord[] = [];
    for (const r of this.#scans.values()) {
      if (r.scanTimeMs >= sinceMs && r.scanTimeMs < untilMs) out.push({ ...r, rpi: r.rpi.slice(), aem: r.aem.slice() });
    }
    return out.sort((a, b) => a.scanTimeMs - b.scanTimeMs || compareBytes(a.rpi, b.rpi));
  }

  async deleteScansBefore(ms: number): Promise<number> {
    let n = 0;
    for (const [id, r] of this.#scans) {
      if (r.scanTimeMs < ms) {
        this.#scans.delete(id);
        n++;
      }
    }
    return n;
  }

  async getExport(path: string): Promise<ProcessedExport | undefined> {
    const e = this.#exports.get(path);
    return e === undefined ? undefined : { ...e };
  }

  async recordExport(
    entry: ProcessedExport,
    windows: readonly StoredExposureWindow[],
    revisedKeys: readonly string[] = [],
  ): Promise<void> {
    this.#exports.set(entry.path, { ...entry });
    const revised = new Set(revisedKeys);
    this.#windows = this.#windows
      .filter((w) => w.source !== entry.path && !revised.has(w.key))
      .concat(windows.map((w) => ({ ...w })));
  }

  async listExports(): Promise<ProcessedExport[]> {
    return [...this.#exports.values()].map((e) => ({ ...e })).sort((a, b) => byString(a.path, b.path));
  }

  async listExposureWindows(sinceDayMs: number): Promise<StoredExposureWindow[]> {
    return this.#windows
      .filter((w) => w.dayStartMs >= sinceDayMs)
      .map((w) => ({ ...w }))
      .sort(
        (a, b) =>
          a.dayStartMs - b.dayStartMs ||
          byString(a.source, b.source) ||
          byString(a.key, b.key) ||
          byString(a.json, b.json),
      );
  }

  async deleteExposureWindowsBefore(dayMs: number): Promise<number> {
    const before = this.#windows.length;
    this.#windows = this.#windows.filter((w) => w.dayStartMs >= dayMs);
    return before - this.#windows.length;
  }

  async getNotifiedDay(dayStartMs: number): Promise<NotifiedDay | undefined> {
    const d = this.#notified.get(dayStartMs);
    return d === undefined ? undefined : { ...d };
  }

  async putNotifiedDay(day: NotifiedDay): Promise<void> {
    this.#notified.set(day.dayStartMs, { ...day });
  }

  async listNotifiedDays(): Promise<NotifiedDay[]> {
    return [...this.#notified.values()].map((d) => ({ ...d })).sort((a, b) => a.dayStartMs - b.dayStartMs);
  }

  async deleteNotifiedDaysBefore(dayStartMs: number): Promise<number> {
    let deleted = 0;
    for (const day of this.#notified.keys()) {
      if (day < dayStartMs && this.#notified.delete(day)) deleted++;
    }
    return deleted;
  }

  async getSetting(name: string): Promise<string | undefined> {
    return this.#settings.get(name);
  }

  async setSetting(name: string, value: string): Promise<void> {
    this.#settings.set(name, value);
  }

  async close(): Promise<void> {}
}
