/**
 * A preview of what edited parameters would do, without running a simulation again: a
 * simulation records, for every phone that matched an uploader's key, each key's readings as
 * its exposure check saw them (calibrated attenuation), and whether the phone truly had a
 * close contact with an uploader. Re-scoring those readings with other parameters takes
 * seconds and gives the notifications' precision and recall under them.
 *
 * What it measures, and what it does not: the share of the recorded run's phones the
 * estimator and notify threshold would notify, against that run's true contacts. The epidemic
 * is held as recorded (in a real run notified people quarantine, and the epidemic changes with
 * them); the risk configuration's report-type and infectiousness weights are not applied again
 * (every recorded upload is a confirmed test); and a notified day sums its keys' estimated close
 * minutes as the phone does.
 */
import { ProtocolError } from '../errors';
import { median } from '../median';
import { estimateCloseTime } from '../proximity/estimate-close-time';
import { type AttenuationReading, receiverActivityOfCounts } from '../proximity/proximity-encounters';
import type { ProximityParameters } from '../proximity/proximity-parameters';

export const PREVIEW_SAMPLE_FORMAT = 'bluezone-preview-sample';

export interface PreviewKey {
  /** Time of the key's first reading, ms since the epoch. */
  startMs: number;
  /** Flattened pairs: ms since the previous reading (0 for the first), attenuation in dB. */
  readings: number[];
  /**
   * The phone's scans around the key, as its exposure check counted them: flattened pairs of ms
   * since the previous scan (the first since `startMs`, negative when before it) and how many
   * identifiers the scan heard. Absent in samples recorded before the check used them.
   */
  scans?: number[];
}

export interface PreviewPhone {
  /** The phone truly was within the contact distance long enough of an uploader on a covered day. */
  trueContact: boolean;
  /** Each key it matched, with what it heard of it. */
  keys: PreviewKey[];
}

export interface PreviewSample {
  format: typeof PREVIEW_SAMPLE_FORMAT;
  version: 1;
  /** What was recorded (scenario, seed, days). */
  source: string;
  /** The phones' scan cadence in seconds (GAEN: 300). */
  scanPeriodSeconds: number;
  /** Phones with a true close contact, including those that never matched a key (they cannot be notified). */
  trueContacts: number;
  phones: PreviewPhone[];
}

export interface PreviewResult {
  notified: number;
  truePositives: number;
  trueContacts: number;
  precision: number;
  recall: number;
}

/** Points as flattened pairs: ms since the previous point (the first since `startMs`), value. */
function timePairs<T extends { timeMs: number }>(
  points: readonly T[],
  startMs: number,
  value: (p: T) => number,
): number[] {
  const flat: number[] = [];
  let last = startMs;
  for (const p of [...points].sort((a, b) => a.timeMs - b.timeMs)) {
    flat.push(p.timeMs - last, value(p));
    last = p.timeMs;
  }
  return flat;
}

/** `timePairs` back to (time, value) points. */
function fromTimePairs(flat: readonly number[], startMs: number): { timeMs: number; value: number }[] {
  const out: { timeMs: number; value: number }[] = [];
  let t = startMs;
  for (let i = 0; i + 1 < flat.length; i += 2) {
    t += flat[i] as number;
    out.push({ timeMs: t, value: flat[i + 1] as number });
  }
  return out;
}

/** A key's readings (and the phone's scans around them) in the sample's compact form. */
export function encodePreviewKey(
  readings: readonly AttenuationReading[],
  scans?: readonly { timeMs: number; heard: number }[],
): PreviewKey {
  const startMs = readings.reduce((min, r) => Math.min(min, r.timeMs), Number.POSITIVE_INFINITY);
  const start = Number.isFinite(startMs) ? startMs : 0;
  const flat = timePairs(readings, start, (r) => Math.round(r.attenuationDb * 10) / 10);
  if (!scans) return { startMs: start, readings: flat };
  return { startMs: start, readings: flat, scans: timePairs(scans, start, (c) => c.heard) };
}

/** The phone's scans recorded with a key (`scans`), or undefined for a key recorded without them. */
export function decodePreviewScans(key: PreviewKey): { timeMs: number; heard: number }[] | undefined {
  if (!key.scans) return undefined;
  return fromTimePairs(key.scans, key.startMs).map((p) => ({ timeMs: p.timeMs, heard: p.value }));
}

export function decodePreviewKey(key: PreviewKey): AttenuationReading[] {
  return fromTimePairs(key.readings, key.startMs).map((p) => ({ timeMs: p.timeMs, attenuationDb: p.value }));
}

const bad = (message: string) => new ProtocolError('invalid_config', `preview sample: ${message}`);

/** Parses and checks a recorded sample (a file an administrator loads). */
export function parsePreviewSample(json: string): PreviewSample {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (err) {
    throw bad(`not JSON: ${(err as Error).message}`);
  }
  const s = value as Partial<PreviewSample>;
  if (typeof s !== 'object' || s === null || s.format !== PREVIEW_SAMPLE_FORMAT || s.version !== 1)
    throw bad(`not a ${PREVIEW_SAMPLE_FORMAT} of version 1`);
  if (typeof s.source !== 'string') throw bad('source must be a string');
  if (!(typeof s.scanPeriodSeconds === 'number' && s.scanPeriodSeconds > 0)) throw bad('scanPeriodSeconds must be > 0');
  if (!(Number.isInteger(s.trueContacts) && (s.trueContacts as number) >= 0)) throw bad('trueContacts must be a count');
  if (!Array.isArray(s.phones)) throw bad('phones must be a list');
  s.phones.forEach((p, i) => {
    if (typeof p !== 'object' || p === null || typeof p.trueContact !== 'boolean' || !Array.isArray(p.keys))
      throw bad(`phones.${i} must have trueContact and keys`);
    for (const k of p.keys) {
      if (
        !Number.isFinite(k?.startMs) ||
        !Array.isArray(k.readings) ||
        k.readings.length % 2 !== 0 ||
        !k.readings.every(Number.isFinite)
      )
        throw bad(`phones.${i}: a key needs startMs and pairs of finite readings`);
      if (
        k.scans !== undefined &&
        !(Array.isArray(k.scans) && k.scans.length % 2 === 0 && k.scans.every(Number.isFinite))
      )
        throw bad(`phones.${i}: a key's scans must be pairs of finite numbers`);
    }
  });
  if (s.phones.filter((p) => p.trueContact).length > (s.trueContacts as number))
    throw bad('more phones marked trueContact than trueContacts');
  return s as PreviewSample;
}

/** A day of a phone's matched keys as its exposure check would score it. */
export interface PreviewDay {
  dayStartMs: number;
  /** The keys' estimated close minutes summed, as the phone sums its windows' shares. */
  closeMinutes: number;
  /** The largest of the keys' probabilities of `notifyCloseMinutes` (the phone's `DayCloseEstimate.probability`). */
  probability: number;
  /** Minutes the keys were within the estimator's view, summed. */
  heardMinutes: number;
  /** Median attenuation of the day's readings of the keys, dB. */
  medianAttenuationDb: number;
}

const DAY_MS = 86_400_000;

/** The phone's days under `parameters`, sorted by day. */
export function previewPhoneDays(
  phone: PreviewPhone,
  parameters: ProximityParameters,
  scanPeriodSeconds: number,
): PreviewDay[] {
  const byDay = new Map<number, PreviewDay>();
  const levels = new Map<number, number[]>();
  for (const key of phone.keys) {
    const scans = decodePreviewScans(key);
    const options = scans
      ? { parameters, activity: receiverActivityOfCounts(scans, parameters.binSeconds) }
      : { parameters, scanPeriodSeconds };
    const readings = decodePreviewKey(key);
    for (const r of readings) {
      const day = Math.floor(r.timeMs / DAY_MS) * DAY_MS;
      const list = levels.get(day);
      if (list) list.push(r.attenuationDb);
      else levels.set(day, [r.attenuationDb]);
    }
    for (const e of estimateCloseTime(readings, options)) {
      const day = byDay.get(e.dayStartMs) ?? {
        dayStartMs: e.dayStartMs,
        closeMinutes: 0,
        probability: 0,
        heardMinutes: 0,
        medianAttenuationDb: Number.NaN,
      };
      day.closeMinutes += e.closeMinutes;
      day.probability = Math.max(day.probability, e.notifyProbability);
      day.heardMinutes += e.heardMinutes;
      byDay.set(e.dayStartMs, day);
    }
  }
  for (const day of byDay.values()) day.medianAttenuationDb = median(levels.get(day.dayStartMs) ?? []);
  return [...byDay.values()].sort((a, b) => a.dayStartMs - b.dayStartMs);
}

/** Whether a day's close minutes reach the threshold, compared at a millionth as the exposure check compares its windows' shares. */
export function previewDayNotifies(day: PreviewDay, parameters: ProximityParameters): boolean {
  return Math.round(day.closeMinutes * 1e6) / 1e6 >= parameters.notifyCloseMinutes;
}

/** Whether the phone's exposure check would notify under `parameters`: some day's keys reach notifyCloseMinutes. */
export function previewPhoneNotified(
  phone: PreviewPhone,
  parameters: ProximityParameters,
  scanPeriodSeconds: number,
): boolean {
  return previewPhoneDays(phone, parameters, scanPeriodSeconds).some((d) => previewDayNotifies(d, parameters));
}

/** Precision and recall of notifications under `parameters` on a recorded sample. */
export function previewNotifications(sample: PreviewSample, parameters: ProximityParameters): PreviewResult {
  let notified = 0;
  let truePositives = 0;
  for (const phone of sample.phones) {
    if (!previewPhoneNotified(phone, parameters, sample.scanPeriodSeconds)) continue;
    notified++;
    if (phone.trueContact) truePositives++;
  }
  return previewResult(notified, truePositives, sample.trueContacts);
}

/** Counts of notified phones and true contacts among them, with their precision and recall (0 over none). */
export function previewResult(notified: number, truePositives: number, trueContacts: number): PreviewResult {
  return {
    notified,
    truePositives,
    trueContacts,
    precision: notified === 0 ? 0 : truePositives / notified,
    recall: trueContacts === 0 ? 0 : truePositives / trueContacts,
  };
}
