/**
 * Multi-minute contacts made of real readings, for pair-level evaluation like the outside
 * evaluator's (sum a pair's close minutes, flag ≥ 10 minutes; truth: ≥ 10 minutes within 2 m).
 *
 * A "room" is one receiver hearing several transmitters at once (so the receiver's scan times
 * cover silences, and a receiver-level offset is shared, as in a crowded place). Each
 * transmitter follows one pattern over the room's 90 minutes: sitting at one distance, walking
 * up and away again, mingling (distance redrawn every 2–8 minutes), a brief pass, or mingling
 * with periods out of range. Every minute at distance d takes a random minute-long excerpt of
 * the real recording at d (circularly), so minute-to-minute variation is the recording's own.
 * Distances are drawn half from ≤ 2 m, half from beyond, among those the recordings have plus
 * 7 and 10 m: the recordings stop at 4.6–5 m, while a real room has people farther away, so those
 * are the farthest recording weakened by free-space loss (exponent 2, as the simulator's radio
 * continues beyond its data; an assumption, not a measurement).
 *
 * Sampling: `continuous` keeps one reading per 250 ms (phones logging every advertisement);
 * `gaen` keeps only 4-second scans every 5 minutes (GAEN's duty cycle), one reading per 250 ms.
 */
import type { Prng } from '../prng';
import type { PairTruth } from './mit-matrix-sightings';
import type { SightingRow } from './sightings-csv';
import type { StaticRecording } from './static-recordings';

export type Sampling = 'continuous' | 'gaen';
export const PATTERNS = ['sit', 'approach', 'mingle', 'brief', 'intermittent'] as const;
export type ContactPattern = (typeof PATTERNS)[number];

/** Rows without TX power (set per fold from its calibration) plus the truth of each pair. */
export interface SyntheticContacts {
  rows: (Omit<SightingRow, 'txPower'> & {
    /** Whose fitted calibration gives the TX power (the receiving phone's recordings). */
    calibrationKey: string;
    /** The transmitting phone's own error of its advertised TX power, dB. */
    txPowerErrorDb?: number;
  })[];
  /** `pattern`: how the pair moved (a room's pattern, or the social settings' day). */
  truth: (PairTruth & { pattern: string })[];
}

const ROOM_MINUTES = 90;
const MINUTE_MS = 60_000;
const READING_SPACING_MS = 250;
const SCAN_MS = 4_000;
/** GAEN's scan cadence: a scan every 5 minutes. */
export const SCAN_PERIOD_MS = 300_000;
const CLOSE_M = 2;
/** Distances beyond the recordings, made from the farthest one (see above). */
export const EXTRAPOLATED_DISTANCES_M = [7, 10] as const;

function pick<T>(prng: Prng, items: readonly T[]): T {
  return items[prng.int(items.length)] as T;
}

/** A distance per minute (undefined: out of range) for one pattern. */
function timeline(prng: Prng, pattern: ContactPattern, near: number[], far: number[]): (number | undefined)[] {
  const out: (number | undefined)[] = new Array(ROOM_MINUTES).fill(undefined);
  const anyDistance = () => (prng.chance(0.5) ? pick(prng, near) : pick(prng, far));
  const start = prng.int(30);
  const fill = (from: number, minutes: number, d: number | undefined) => {
    for (let m = from; m < Math.min(ROOM_MINUTES, from + minutes); m++) out[m] = d;
  };
  switch (pattern) {
    case 'sit':
      fill(start, 10 + prng.int(51), anyDistance());
      break;
    case 'approach': {
      const a = 3 + prng.int(8);
      const b = 5 + prng.int(26);
      fill(start, a, pick(prng, far));
      fill(start + a, b, pick(prng, near));
      fill(start + a + b, 3 + prng.int(8), pick(prng, far));
      break;
    }
    case 'brief':
      fill(start, 3 + prng.int(7), anyDistance());
      break;
    case 'mingle':
    case 'intermittent': {
      let m = start;
      const end = start + 20 + prng.int(41);
      while (m < end) {
        const len = 2 + prng.int(7);
        const away = pattern === 'intermittent' && prng.chance(0.35);
        fill(m, len, away ? undefined : anyDistance());
        m += len;
      }
      break;
    }
  }
  return out;
}

/** GAEN's duty cycle: a reading at `time` is kept when it falls in a 4-second scan every 5 minutes. */
export function inGaenScan(time: number, scanPhase: number): boolean {
  return (((time - scanPhase) % SCAN_PERIOD_MS) + SCAN_PERIOD_MS) % SCAN_PERIOD_MS < SCAN_MS;
}

/** Which of a receiver's scans (counted from its phase) holds `time`. */
export function gaenScanIndex(time: number, scanPhase: number): number {
  return Math.floor((time - scanPhase) / SCAN_PERIOD_MS);
}

/**
 * One receiver's recordings by distance, plus the distances beyond them (7 and 10 m) made from
 * the farthest one weakened by free-space loss.
 */
export function recordingsByDistance(recs: readonly StaticRecording[]): Map<number, StaticRecording> {
  const byDistance = new Map<number, StaticRecording>();
  for (const r of recs) if (!byDistance.has(r.distanceM)) byDistance.set(r.distanceM, r);
  const farthest = byDistance.get(Math.max(...byDistance.keys())) as StaticRecording;
  for (const d of EXTRAPOLATED_DISTANCES_M) {
    const loss = 20 * Math.log10(d / farthest.distanceM);
    if (loss > 0)
      byDistance.set(d, { ...farthest, distanceM: d, rssi: farthest.rssi.map((v) => Math.round(v - loss)) });
  }
  return byDistance;
}

/**
 * A random minute-long excerpt of a recording (circularly) from `minuteStart`: the readings
 * `keep` accepts (the receiver was scanning), at least `spacingMs` apart, as `emit(time, rssi)`.
 * Minute-to-minute variation is the recording's own.
 */
export function excerptMinute(
  rec: StaticRecording,
  prng: Prng,
  minuteStart: number,
  spacingMs: number,
  keep: (timeMs: number) => boolean,
  emit: (timeMs: number, rssi: number) => void,
): void {
  const span = (rec.offsetsMs.at(-1) as number) + READING_SPACING_MS;
  const from = prng.float() * span;
  let last = Number.NEGATIVE_INFINITY;
  const n = rec.offsetsMs.length;
  let i = 0;
  while (i < n && (rec.offsetsMs[i] as number) < from) i++;
  let base = -from;
  for (let guard = 0; guard < 100_000; guard++) {
    if (i >= n) {
      i = 0;
      base += span;
    }
    const t = base + (rec.offsetsMs[i] as number);
    if (t >= MINUTE_MS) break;
    const time = minuteStart + Math.floor(t);
    const rssi = rec.rssi[i] as number;
    i++;
    if (time - last < spacingMs || !keep(time)) continue;
    last = time;
    emit(time, rssi);
  }
}

/**
 * `rooms` rooms from the recordings of one receiver set (typically one experiment), with
 * 2–6 transmitters each. Recordings are grouped by receiver; a room uses one receiver.
 */
export function synthesizeContacts(
  recordings: readonly StaticRecording[],
  prng: Prng,
  options: { rooms: number; sampling: Sampling; dayStartMs: number; label: string },
): SyntheticContacts {
  const byReceiver = new Map<string, StaticRecording[]>();
  for (const r of recordings) {
    if (r.rssi.length < 20) continue;
    const list = byReceiver.get(r.receiver) ?? [];
    list.push(r);
    byReceiver.set(r.receiver, list);
  }
  const receivers = [...byReceiver.keys()].sort();
  const rows: SyntheticContacts['rows'] = [];
  const truth: SyntheticContacts['truth'] = [];
  for (let room = 0; room < options.rooms && receivers.length > 0; room++) {
    const receiverKey = receivers[room % receivers.length] as string;
    const recs = byReceiver.get(receiverKey) as StaticRecording[];
    const byDistance = recordingsByDistance(recs);
    const near = [...byDistance.keys()].filter((d) => d <= CLOSE_M);
    const far = [...byDistance.keys()].filter((d) => d > CLOSE_M);
    if (near.length === 0 || far.length === 0) continue;
    const receiver = `${options.label}#room${room}`;
    const roomStart = options.dayStartMs + room * 2 * ROOM_MINUTES * MINUTE_MS;
    const scanPhase = prng.int(SCAN_PERIOD_MS);
    const transmitters = 2 + prng.int(5);
    for (let tx = 0; tx < transmitters; tx++) {
      const pattern = pick(prng, PATTERNS);
      const minutes = timeline(prng, pattern, near, far);
      const transmitter = `${receiver}/tx${tx}`;
      let closeMinutes = 0;
      let heard = 0;
      minutes.forEach((d, m) => {
        if (d === undefined) return;
        heard++;
        if (d <= CLOSE_M) closeMinutes++;
        const rec = byDistance.get(d) as StaticRecording;
        const keep = (time: number) => options.sampling === 'continuous' || inGaenScan(time, scanPhase);
        excerptMinute(rec, prng, roomStart + m * MINUTE_MS, READING_SPACING_MS, keep, (time, rssi) => {
          rows.push({
            timeMs: time,
            receiver,
            transmitter,
            rssi,
            receiverModel: 'iPhone',
            transmitterModel: 'iPhone',
            calibrationKey: receiverKey,
          });
        });
      });
      truth.push({
        receiver,
        transmitter,
        day: new Date(options.dayStartMs).toISOString().slice(0, 10),
        distanceM: Number.NaN,
        trueCloseMinutes: closeMinutes,
        minutes: heard,
        pattern,
      });
    }
  }
  rows.sort((a, b) => a.timeMs - b.timeMs);
  return { rows, truth };
}
