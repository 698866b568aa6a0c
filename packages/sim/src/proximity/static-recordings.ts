/**
 * Real BLE recordings at one fixed distance, from any source, in one shape: what the proximity
 * fit and the pair-level evaluation read. Sources:
 *   - MIT Matrix (mitll/MIT-Matrix-Data, CC BY 4.0): iPhone pairs, 13 carry combinations
 *     (one experiment each), 3–15 ft, ~25 readings a second for 2 minutes;
 *   - rss-smartphone (pc-ng/rss_smartphone, MIT licence; Ng, Spachos & Plataniotis, IEEE
 *     Systems Journal 2021): two people's phones, 6 hand/pocket/backpack combinations (one
 *     experiment each, both phones receiving), 0.2–5 m, ~7 readings a second for ~1–5 minutes.
 * Neither records the GAEN TX power: a recording's absolute level is only known up to a
 * per-receiver constant (see proximity-fit.ts).
 */

import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { splitCsvRecord } from '@bluezone/protocol';
import type { MitMatrixLog } from '../radio/mit-matrix';
import { SimError } from '../sim-error';

export interface StaticRecording {
  dataset: 'mit-matrix' | 'rss-smartphone';
  /** One carry combination of one dataset: the unit left out in leave-one-experiment-out. */
  experiment: string;
  /** Receiving phone (its calibration constant is fitted per dataset and receiver). */
  receiver: string;
  distanceM: number;
  /** Milliseconds from the recording's first reading. */
  offsetsMs: Float64Array;
  rssi: Float64Array;
}

export function mitRecordings(logs: readonly MitMatrixLog[]): StaticRecording[] {
  return logs
    .filter((l) => l.readings.length > 0)
    .map((l) => {
      const t0 = l.readings[0]?.timeMs ?? 0;
      return {
        dataset: 'mit-matrix' as const,
        experiment: `mit:${l.scenario}`,
        receiver: `mit:${l.receiverModel}`,
        distanceM: l.distanceM,
        offsetsMs: Float64Array.from(l.readings, (r) => r.timeMs - t0),
        rssi: Float64Array.from(l.readings, (r) => r.rssi),
      };
    });
}

export const RSS_SMARTPHONE_ENV = 'BLUEZONE_RSS_SMARTPHONE';
export const DEFAULT_RSS_SMARTPHONE_DIR = fileURLToPath(
  new URL('../../../../../shared/testdata/rss-smartphone/', import.meta.url),
);
const RSS_FILES = ['HH', 'HP', 'HB', 'PP', 'PB', 'BB'] as const;

export function rssSmartphoneDir(explicit?: string, env: Record<string, string | undefined> = process.env): string {
  return explicit ?? env[RSS_SMARTPHONE_ENV] ?? DEFAULT_RSS_SMARTPHONE_DIR;
}

export function requireRssSmartphone(dir: string): string {
  if (!existsSync(`${dir}/RSS_humanHH.csv`)) {
    throw new SimError(
      'data_missing',
      `rss-smartphone BLE data not found in ${dir}; put RSS_human*.csv in ../shared/testdata/rss-smartphone/ ` +
        `or set ${RSS_SMARTPHONE_ENV}`,
    );
  }
  return dir;
}

/** Parses one `RSS_human<XY>.csv` (device,elapsed,rss,mRSS10,mRSS100,dist,label): one recording per device and distance. */
export function parseRssSmartphoneCsv(combination: string, text: string): StaticRecording[] {
  const lines = text.split(/\r?\n/);
  const header = splitCsvRecord((lines[0] ?? '').replace(/^\uFEFF/, '')).map((h) => h.trim());
  const col = (name: string) => {
    const i = header.indexOf(name);
    if (i < 0) throw new SimError('invalid_data', `rss-smartphone ${combination}: no column "${name}"`);
    return i;
  };
  const [iDev, iT, iR, iD] = [col('device'), col('elapsed'), col('rss'), col('dist')];
  const groups = new Map<string, { device: string; cm: number; t: number[]; r: number[] }>();
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i] as string;
    if (line.trim() === '') continue;
    const f = line.split(',');
    const device = (f[iDev] ?? '').trim();
    const t = Number(f[iT]);
    const r = Number(f[iR]);
    const cm = Number(f[iD]);
    if (!device || !Number.isFinite(t) || !Number.isFinite(r) || !(cm > 0)) {
      throw new SimError('invalid_data', `rss-smartphone ${combination} line ${i + 1}: bad row "${line.slice(0, 80)}"`);
    }
    const key = `${device}\u0000${cm}`;
    let g = groups.get(key);
    if (!g) {
      g = { device, cm, t: [], r: [] };
      groups.set(key, g);
    }
    g.t.push(t);
    g.r.push(r);
  }
  const out: StaticRecording[] = [];
  for (const g of groups.values()) {
    const order = g.t.map((_, i) => i).sort((a, b) => (g.t[a] as number) - (g.t[b] as number));
    const t0 = g.t[order[0] as number] as number;
    out.push({
      dataset: 'rss-smartphone',
      experiment: `rss:${combination}`,
      receiver: `rss:${g.device}`,
      distanceM: g.cm / 100,
      offsetsMs: Float64Array.from(order, (i) => ((g.t[i] as number) - t0) * 1000),
      rssi: Float64Array.from(order, (i) => g.r[i] as number),
    });
  }
  return out.sort((a, b) => a.receiver.localeCompare(b.receiver) || a.distanceM - b.distanceM);
}

export async function readRssSmartphone(dir: string): Promise<StaticRecording[]> {
  const out: StaticRecording[] = [];
  for (const c of RSS_FILES) out.push(...parseRssSmartphoneCsv(c, await readFile(`${dir}/RSS_human${c}.csv`, 'utf8')));
  return out;
}
