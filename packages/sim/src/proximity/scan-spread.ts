/**
 * Does how much the readings of one scan scatter tell distance apart, independently of how the
 * phones are carried? Line of sight at close range could make fading Rician (a steady direct
 * path, little scatter) and distance Rayleigh (more scatter): evidence a phone has in every
 * scan, and one a carry offset would not shift. The estimator would use it only if the
 * recordings agreed on its direction.
 *
 * Each recording is cut into GAEN-length scans; its spread is the median of their readings'
 * standard deviations. Within one carry combination and receiver (a group: the recordings at
 * every distance of one experiment), the spread is regressed on log10 distance, and the groups'
 * slopes are pooled per dataset (a common slope, each group its own intercept), so the carry's
 * own spread does not pass for distance.
 */
import { median } from '@bluezone/protocol';
import { sampleSd } from '../sample-sd';
import { SCAN_SECONDS } from './mit-matrix-sightings';
import type { StaticRecording } from './static-recordings';

/** A scan needs this many readings for its spread to mean anything. */
const MIN_SCAN_READINGS = 3;

export interface ScanSpreadTrend {
  /** Pooled within-group slope: dB of per-scan standard deviation per tenfold distance. */
  slopeDbPerDecade: number;
  /** Groups (experiment × receiver) whose own slope is positive or negative. */
  rising: number;
  falling: number;
}

/** Median over a recording's scans of the standard deviation of each scan's readings; undefined without a full scan. */
export function recordingScanSpread(r: StaticRecording): number | undefined {
  const scans = new Map<number, number[]>();
  r.offsetsMs.forEach((t, i) => {
    const s = Math.floor(t / (SCAN_SECONDS * 1000));
    let values = scans.get(s);
    if (!values) {
      values = [];
      scans.set(s, values);
    }
    values.push(r.rssi[i] as number);
  });
  const sds = [...scans.values()].filter((v) => v.length >= MIN_SCAN_READINGS).map(sampleSd);
  return sds.length > 0 ? median(sds) : undefined;
}

/** The spread's trend with distance, per dataset. */
export function scanSpreadTrend(recordings: readonly StaticRecording[]): Record<string, ScanSpreadTrend> {
  const groups = new Map<string, { dataset: string; points: { x: number; y: number }[] }>();
  for (const r of recordings) {
    const spread = recordingScanSpread(r);
    if (spread === undefined) continue;
    const key = `${r.experiment}|${r.receiver}`;
    let g = groups.get(key);
    if (!g) {
      g = { dataset: r.dataset, points: [] };
      groups.set(key, g);
    }
    g.points.push({ x: Math.log10(r.distanceM), y: spread });
  }
  const sums = new Map<string, { sxy: number; sxx: number; rising: number; falling: number }>();
  for (const { dataset, points } of groups.values()) {
    const mx = points.reduce((a, p) => a + p.x, 0) / points.length;
    const my = points.reduce((a, p) => a + p.y, 0) / points.length;
    let sxy = 0;
    let sxx = 0;
    for (const p of points) {
      sxy += (p.x - mx) * (p.y - my);
      sxx += (p.x - mx) ** 2;
    }
    if (sxx === 0) continue; // one distance: no trend to see
    let s = sums.get(dataset);
    if (!s) {
      s = { sxy: 0, sxx: 0, rising: 0, falling: 0 };
      sums.set(dataset, s);
    }
    s.sxy += sxy;
    s.sxx += sxx;
    if (sxy > 0) s.rising++;
    else if (sxy < 0) s.falling++;
  }
  return Object.fromEntries(
    [...sums].map(([dataset, s]) => [
      dataset,
      { slopeDbPerDecade: s.sxy / s.sxx, rising: s.rising, falling: s.falling },
    ]),
  );
}
