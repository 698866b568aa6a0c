/**
 * One pair's readings → encounters: runs of time bins from the first reading to the last,
 * split where the pair went unheard for longer than `maxGapMinutes`. Each bin is one of
 *   - unknown: the receiver did not scan (or we cannot tell), so silence says nothing;
 *   - miss: the receiver scanned (it heard someone in this bin) but not this transmitter;
 *   - readings: the bin's median attenuation and the variance of that median.
 * This is what makes the estimator indifferent to the sampling pattern: continuous scanning
 * gives many readings per bin (whose median is precise only down to `binSdDb`, because
 * fading is correlated over `readingCorrelationSeconds`), GAEN-style 4-second scans every few
 * minutes give one short bin of readings and unknown bins between, which the model bridges.
 */
import type { ProximityParameters } from './proximity-parameters';

export interface AttenuationReading {
  timeMs: number;
  /** Calibrated attenuation, dB (`attenuationDb(txPower, rssi, receiverCalibration)`). */
  attenuationDb: number;
}

export const BIN_UNKNOWN = 0;
export const BIN_MISS = 1;
export const BIN_READINGS = 2;

export interface Encounter {
  /** Absolute index of the first bin (time / bin length). */
  firstBin: number;
  kind: Uint8Array;
  /** Median attenuation of a readings bin. */
  level: Float64Array;
  /** Variance of that median, dB². */
  variance: Float64Array;
  /**
   * How many transmitters the receiver heard in the bin (between its scans: in the nearest bin
   * it scanned), when its activity says so: how crowded the place was (see `crowdCloseCount`).
   */
  heard?: Uint16Array;
}

/**
 * When the receiver was scanning, as sorted distinct bin indices: the bins in which it heard
 * anyone. Built once per receiver from all of its readings (a phone knows its own scans).
 */
export interface ReceiverActivity {
  binSeconds: number;
  bins: Int32Array;
  /** Median spacing of consecutive scanned bins (1 for continuous scanning, ~5 for GAEN's cadence). */
  typicalGapBins: number;
  /** Distinct transmitters heard in each of `bins`, when known (`receiverActivityOfSightings`). */
  heard?: Uint16Array;
}

export function receiverActivity(timesMs: Iterable<number>, binSeconds: number): ReceiverActivity {
  const binMs = binSeconds * 1000;
  const set = new Set<number>();
  for (const t of timesMs) set.add(Math.floor(t / binMs));
  return activityOfBins(Int32Array.from(set).sort(), binSeconds);
}

/**
 * How many distinct transmitters were heard in each slot (slots named by their start, ms), one
 * entry per slot in time order: what a receiver's activity counts (`receiverActivityOfSightings`)
 * and a phone's census of its scans is (the SDK's `scanCensusOf`, the simulator's radio log).
 */
export function heardPerSlot(
  sightings: Iterable<{ slotMs: number; transmitter: string | number }>,
): { timeMs: number; heard: number }[] {
  const bySlot = new Map<number, Set<string | number>>();
  for (const s of sightings) {
    let set = bySlot.get(s.slotMs);
    if (!set) {
      set = new Set();
      bySlot.set(s.slotMs, set);
    }
    set.add(s.transmitter);
  }
  return Array.from(bySlot, ([timeMs, set]) => ({ timeMs, heard: set.size })).sort((a, b) => a.timeMs - b.timeMs);
}

/**
 * The receiver's activity with how many distinct transmitters it heard in each scanned bin:
 * from all of its own sightings (a phone counts the identifiers of its own scans; nothing leaves
 * it). An identifier that rotated within a bin counts twice, which a one-minute bin makes rare.
 */
export function receiverActivityOfSightings(
  sightings: Iterable<{ timeMs: number; transmitter: string }>,
  binSeconds: number,
): ReceiverActivity {
  const binMs = binSeconds * 1000;
  function* slotted() {
    for (const s of sightings) yield { slotMs: Math.floor(s.timeMs / binMs) * binMs, transmitter: s.transmitter };
  }
  return receiverActivityOfCounts(heardPerSlot(slotted()), binSeconds);
}

/**
 * The same from a census of the receiver's scans: how many distinct identifiers each scan heard
 * (what a phone that stores its scans per identifier can count, `ScanCensus` in the SDK). Scans
 * that fall in one bin count the most any of them heard; scans that heard nobody are left out.
 */
export function receiverActivityOfCounts(
  scans: Iterable<{ timeMs: number; heard: number }>,
  binSeconds: number,
): ReceiverActivity {
  const binMs = binSeconds * 1000;
  const byBin = new Map<number, number>();
  for (const s of scans) {
    if (!(s.heard > 0)) continue;
    const bin = Math.floor(s.timeMs / binMs);
    byBin.set(bin, Math.max(byBin.get(bin) ?? 0, s.heard));
  }
  const bins = Int32Array.from(byBin.keys()).sort();
  const heard = Uint16Array.from(bins, (b) => Math.min(65_535, byBin.get(b) as number));
  return { ...activityOfBins(bins, binSeconds), heard };
}

function activityOfBins(bins: Int32Array, binSeconds: number): ReceiverActivity {
  // Gaps of over an hour are pauses (nobody around, phone off), not the scan cadence.
  const gaps: number[] = [];
  for (let i = 1; i < bins.length; i++) {
    const g = (bins[i] as number) - (bins[i - 1] as number);
    if (g * binSeconds <= 3600) gaps.push(g);
  }
  gaps.sort((a, b) => a - b);
  return { binSeconds, bins, typicalGapBins: gaps[gaps.length >> 1] ?? 1 };
}

/** Index of the first element ≥ value. */
function lowerBound(a: Int32Array, value: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((a[mid] as number) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function median(sorted: Float64Array): number {
  const n = sorted.length;
  const mid = n >> 1;
  return n % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/**
 * Readings in any order → encounters in time order. `activity`, when given, marks the bins in
 * which the receiver scanned (so silence there is evidence); without it silence is unknown.
 * `scanPeriodSeconds` is the receiver's scan cadence when its activity is not given (a phone
 * knows its own), so that even an encounter heard in a single scan stands for its share of time.
 */
export function buildEncounters(
  readings: readonly AttenuationReading[],
  p: ProximityParameters,
  activity?: ReceiverActivity,
  scanPeriodSeconds?: number,
): Encounter[] {
  const valid = readings.filter((r) => Number.isFinite(r.timeMs) && Number.isFinite(r.attenuationDb));
  if (valid.length === 0) return [];
  const sorted = [...valid].sort((a, b) => a.timeMs - b.timeMs);
  const binMs = p.binSeconds * 1000;
  const gapBins = Math.max(1, Math.round((p.maxGapMinutes * 60) / p.binSeconds));
  const corrMs = p.readingCorrelationSeconds * 1000;
  // The median of n independent readings has variance ≈ (π/2)·σ²/n (its asymptotic efficiency).
  const readingVar = (Math.PI / 2) * p.readingSdDb * p.readingSdDb;
  const binVar = p.binSdDb * p.binSdDb;
  const activityBins = activity && activity.binSeconds === p.binSeconds ? activity.bins : undefined;

  // Group readings into bins, then bins into runs split at long silences.
  const groups: { bin: number; values: number[]; slots: number }[] = [];
  let lastSlot = Number.NaN;
  for (const r of sorted) {
    const bin = Math.floor(r.timeMs / binMs);
    let g = groups.at(-1);
    if (!g || g.bin !== bin) {
      g = { bin, values: [], slots: 0 };
      groups.push(g);
      lastSlot = Number.NaN;
    }
    g.values.push(r.attenuationDb);
    const slot = Math.floor(r.timeMs / corrMs);
    if (slot !== lastSlot) {
      g.slots++;
      lastSlot = slot;
    }
  }
  const runs: (typeof groups)[] = [];
  for (const g of groups) {
    const run = runs.at(-1);
    const prev = run?.at(-1);
    if (run && prev && g.bin - prev.bin <= gapBins) run.push(g);
    else runs.push([g]);
  }

  return runs.map((run) => {
    const first = (run[0] as (typeof run)[number]).bin;
    const last = (run.at(-1) as (typeof run)[number]).bin;
    // Each end is padded by half the receiver's scan cadence (a scan stands for the time around
    // it: the contact began somewhere since the previous scan), and never past the middle of the
    // silence to the receiver's previous (next) scan that heard anyone. The cadence: the
    // receiver's typical gap between scans, the given scan period, else this run's typical gap.
    const halfGapCap = Math.floor(gapBins / 2);
    let cadence = 1;
    if (activityBins && activity) cadence = activity.typicalGapBins;
    else if (scanPeriodSeconds !== undefined) cadence = Math.max(1, Math.round(scanPeriodSeconds / p.binSeconds));
    else if (run.length > 1) {
      const gaps = run
        .slice(1)
        .map((g, k) => g.bin - (run[k] as (typeof run)[number]).bin)
        .sort((a, b) => a - b);
      cadence = gaps[gaps.length >> 1] as number;
    }
    let padBefore = Math.min(halfGapCap, Math.floor(cadence / 2));
    let padAfter = padBefore;
    if (activityBins) {
      const i = lowerBound(activityBins, first);
      if (i > 0) padBefore = Math.min(padBefore, Math.floor((first - (activityBins[i - 1] as number)) / 2));
      const j = lowerBound(activityBins, last + 1);
      if (j < activityBins.length) padAfter = Math.min(padAfter, Math.floor(((activityBins[j] as number) - last) / 2));
    }
    const start = first - padBefore;
    const length = last + padAfter - start + 1;
    const kind = new Uint8Array(length);
    const level = new Float64Array(length);
    const variance = new Float64Array(length);
    if (activityBins) {
      for (let i = lowerBound(activityBins, start); i < activityBins.length; i++) {
        const b = activityBins[i] as number;
        if (b >= start + length) break;
        kind[b - start] = BIN_MISS;
      }
    }
    const heard =
      activityBins && activity?.heard ? heardPerBin(activityBins, activity.heard, start, length) : undefined;
    for (const g of run) {
      const k = g.bin - start;
      kind[k] = BIN_READINGS;
      level[k] = median(Float64Array.from(g.values).sort());
      const independent = Math.max(1, Math.min(g.values.length, g.slots));
      variance[k] = binVar + readingVar / independent;
    }
    return { firstBin: start, kind, level, variance, ...(heard ? { heard } : {}) };
  });
}

/** The receiver's count of transmitters heard in each bin of [start, start + length): the nearest scanned bin's. */
function heardPerBin(bins: Int32Array, heard: Uint16Array, start: number, length: number): Uint16Array {
  const out = new Uint16Array(length);
  let i = Math.max(0, lowerBound(bins, start) - 1);
  for (let t = 0; t < length; t++) {
    const b = start + t;
    while (i + 1 < bins.length && Math.abs((bins[i + 1] as number) - b) <= Math.abs((bins[i] as number) - b)) i++;
    out[t] = heard[i] as number;
  }
  return out;
}
