/**
 * A day of social settings made of real readings: one group of people goes through a lunch, a
 * train ride, an office, a queue and a party (social-settings.ts) with the same phones, like the
 * published multi-scenario experiments, and every phone hears every other one in range. Each
 * setting is scored on its own, as separate sessions are: a (receiver, transmitter) pair of a
 * setting is close when it spent ≥ 10 minutes within 2 m there. Unlike the rooms of
 * contact-synthesis.ts (half the pairs close), most pairs here spend long periods at 2–6 m and
 * only 10–30 % are close.
 *
 * Each minute a pair at distance d sounds like a random minute of the held-out experiment's
 * recording at the *effective* distance 1.5 m · (d / 1.5 m)^γ — the setting's crowd exponent γ
 * flattens attenuation against distance as bodies and reflections do (γ = 0.3 in a train: the
 * Dublin tram's 3 dB from 0.5 to 5 m) — plus:
 *   - a per-pair, per-setting offset, SD 4 dB (orientation, who stands in between);
 *   - a per-phone receive error and a per-phone TX power error, SD 3 dB each (mixed phone models
 *     after the calibration list's correction); together with the pair term the spread between
 *     pairs at one distance is ~5.8 dB, the tram's 5.9 dB;
 *   - the phone's model: most are iPhones (the list's reference), others Android models whose
 *     listed RSSI correction is taken off their raw readings (so the estimator must look it up)
 *     and one model the list does not know (its median applies).
 * A global calibration shift (the validation's ±10 dB) is added later, to every TX power.
 */
import { type DeviceCalibrationTable, isIPhoneModel, lookupDeviceCalibration } from '@bluezone/protocol';
import type { Prng } from '../prng';
import {
  excerptMinute,
  gaenScanIndex,
  inGaenScan,
  recordingsByDistance,
  type Sampling,
  SCAN_PERIOD_MS,
  type SyntheticContacts,
} from './contact-synthesis';
import { distanceAt, type SettingLayout, SOCIAL_SETTINGS, scaleSettingTime, socialSetting } from './social-settings';
import type { StaticRecording } from './static-recordings';

const MINUTE_MS = 60_000;
/** Settings follow each other with this much time between them (longer than any encounter gap). */
const BREAK_MINUTES = 45;
/** Farther than this, phones do not hear each other (walls, bodies, sensitivity). */
export const SETTING_RANGE_M = 12;
const CLOSE_M = 2;
const PAIR_SD_DB = 4;
const PHONE_SD_DB = 3;
/**
 * How far a phone's carry moves its readings, per phone: the rss-smartphone carry combinations
 * differ by 6.8 dB, additively the receiver's and the transmitter's carry, so 6.8/√2 each.
 */
export const CARRY_SD_DB = 4.8;
const REFERENCE_M = 1.5;
/** Continuous logging keeps one reading per 2 s: the estimator counts readings closer than that as one. */
const CONTINUOUS_SPACING_MS = 2_000;
const GAEN_SPACING_MS = 250;
/** Phone models of the group, in turn: the list's reference, two listed Android models, one it does not know. */
export const SETTING_PHONE_MODELS = [
  'iPhone',
  'Pixel 4',
  'iPhone',
  'SM-A505F',
  'iPhone',
  'Bluezone Test Phone',
] as const;

export interface SettingSynthesisOptions {
  people: number;
  /**
   * The same phones through the whole day, as in a multi-scenario experiment: each receiver keeps
   * one identifier all day, so its offset is learnt from all five settings, and each phone is
   * carried anew in every setting (on the table, in a pocket, in a bag: a receive and transmit
   * offset of SD `CARRY_SD_DB` per phone and setting). Transmitters are named per setting, as
   * their rotating identifiers would be, so pairs are still scored setting by setting. Otherwise
   * every setting has phones of its own, carried as the held-out recording was.
   */
  samePhones?: boolean;
  sampling: Sampling;
  dayStartMs: number;
  label: string;
  /** Looks up the Android models' RSSI correction; without it every phone is an iPhone. */
  table?: DeviceCalibrationTable;
  /**
   * GAEN sampling only: each scan misses each transmitter in range with this probability, drawn
   * from `prng` (a stream of its own, so the day is the same with and without losses). Real
   * phones miss advertisements — a scan during the other phone's gap, a radio busy elsewhere —
   * while the estimator reads a scan that heard others and not this one as a sign it was away.
   */
  scanLoss?: { probability: number; prng: Prng };
  /**
   * Every setting's crowd exponent, in place of its own (0.3 in the train to 1 in the office): 1
   * reads each distance as the open-room recordings did. How much real readings separate
   * distances in a crowd is what only held-out data can say; this bounds the guess either side.
   */
  crowdExponent?: number;
  /**
   * How much of the spread between pairs at one distance this synthesis adds on top of each
   * recording's own (the pair, receive and TX terms above, ~5.8 dB at 1): 0 keeps only what the
   * recording itself holds — its carry, its room, its phones. The recordings already hold some of
   * that spread, so 1 may count it twice; this bounds the guess from below. Every draw is made
   * whatever the scale, so the day and its readings' timing stay the same.
   */
  spreadScale?: number;
}

/**
 * The layouts of one day, drawn once per experiment so both samplings see the same day; with a
 * `timeScale` every setting lasts that share of its time (`scaleSettingTime`), drawn from the
 * same places.
 */
export function drawSettingDay(prng: Prng, people: number, timeScale = 1): SettingLayout[] {
  return SOCIAL_SETTINGS.map((s) => scaleSettingTime(socialSetting(s, prng.fork(), people), timeScale));
}

export function synthesizeSettings(
  recordings: readonly StaticRecording[],
  layouts: readonly SettingLayout[],
  prng: Prng,
  options: SettingSynthesisOptions,
): SyntheticContacts {
  const byReceiver = new Map<string, Map<number, StaticRecording>>();
  const grouped = new Map<string, StaticRecording[]>();
  for (const r of recordings) {
    if (r.rssi.length < 20) continue;
    grouped.set(r.receiver, [...(grouped.get(r.receiver) ?? []), r]);
  }
  for (const [k, recs] of grouped) byReceiver.set(k, recordingsByDistance(recs));
  const receivers = [...byReceiver.keys()].sort();
  const rows: SyntheticContacts['rows'] = [];
  const truth: SyntheticContacts['truth'] = [];
  if (receivers.length === 0) return { rows, truth };
  const n = options.people;
  const spread = options.spreadScale ?? 1;
  const phones = Array.from({ length: n }, (_, i) => {
    const model = SETTING_PHONE_MODELS[i % SETTING_PHONE_MODELS.length] as string;
    const listed = options.table && !isIPhoneModel(model) ? lookupDeviceCalibration(options.table, model) : undefined;
    return {
      person: String(i).padStart(2, '0'),
      model: options.table ? model : 'iPhone',
      calibrationKey: receivers[i % receivers.length] as string,
      rssiCorrection: listed?.rssiCorrection ?? 0,
      receiveErrorDb: prng.normal() * PHONE_SD_DB * spread,
      txErrorDb: prng.normal() * PHONE_SD_DB * spread,
      scanPhase: prng.int(SCAN_PERIOD_MS),
    };
  });
  const day = new Date(options.dayStartMs).toISOString().slice(0, 10);
  let start = options.dayStartMs;
  for (const layout of layouts) {
    const exponent = options.crowdExponent ?? layout.crowdExponent;
    const close = new Float64Array(n * n);
    const heard = new Float64Array(n * n);
    const person = (i: number) => `p${(phones[i] as (typeof phones)[number]).person}`;
    const transmitterId = (i: number) => `${options.label}#${layout.setting}#${person(i)}`;
    const receiverId = (i: number) => (options.samePhones ? `${options.label}#${person(i)}` : transmitterId(i));
    // How each phone is carried here (same phones only: a group of its own has one carry each).
    const carry = Float64Array.from({ length: n }, () => (options.samePhones ? prng.normal() * CARRY_SD_DB : 0));
    const pairOffset = new Float64Array(n * n);
    for (let a = 0; a < n; a++)
      for (let b = a + 1; b < n; b++) {
        const o = prng.normal() * PAIR_SD_DB * spread;
        pairOffset[a * n + b] = o;
        pairOffset[b * n + a] = o;
      }
    for (let r = 0; r < n; r++) {
      const rx = phones[r] as (typeof phones)[number];
      const recs = byReceiver.get(rx.calibrationKey) as Map<number, StaticRecording>;
      const distances = [...recs.keys()];
      const keep = (time: number) => options.sampling === 'continuous' || inGaenScan(time, rx.scanPhase);
      for (let t = 0; t < n; t++) {
        if (t === r) continue;
        const tx = phones[t] as (typeof phones)[number];
        const lost = scanLosses(options, rx.scanPhase);
        const shift =
          (pairOffset[r * n + t] as number) +
          rx.receiveErrorDb -
          rx.rssiCorrection +
          (carry[r] as number) +
          (carry[t] as number);
        for (let m = 0; m < layout.minutes; m++) {
          const d = distanceAt(layout, r, t, m);
          if (!(d <= SETTING_RANGE_M)) continue;
          if (d <= CLOSE_M) close[r * n + t] = (close[r * n + t] as number) + 1;
          heard[r * n + t] = (heard[r * n + t] as number) + 1;
          const effective = REFERENCE_M * (Math.max(d, 0.2) / REFERENCE_M) ** exponent;
          const rec = recs.get(nearestInLog(distances, effective)) as StaticRecording;
          const spacing = options.sampling === 'continuous' ? CONTINUOUS_SPACING_MS : GAEN_SPACING_MS;
          excerptMinute(rec, prng, start + m * MINUTE_MS, spacing, keep, (time, rssi) => {
            if (lost?.(time)) return;
            rows.push({
              timeMs: time,
              receiver: receiverId(r),
              transmitter: transmitterId(t),
              rssi: Math.round(rssi + shift),
              receiverModel: rx.model,
              transmitterModel: tx.model,
              calibrationKey: rx.calibrationKey,
              txPowerErrorDb: tx.txErrorDb,
            });
          });
        }
      }
    }
    for (let r = 0; r < n; r++)
      for (let t = 0; t < n; t++) {
        if (r === t || (heard[r * n + t] as number) === 0) continue;
        truth.push({
          receiver: receiverId(r),
          transmitter: transmitterId(t),
          day,
          distanceM: Number.NaN,
          trueCloseMinutes: close[r * n + t] as number,
          minutes: heard[r * n + t] as number,
          pattern: layout.setting,
        });
      }
    start += (layout.minutes + BREAK_MINUTES) * MINUTE_MS;
  }
  rows.sort((a, b) => a.timeMs - b.timeMs);
  return { rows, truth };
}

/** For one pair: whether the scan holding a reading at `time` missed the transmitter (undefined: no losses). */
function scanLosses(options: SettingSynthesisOptions, scanPhase: number): ((time: number) => boolean) | undefined {
  const loss = options.scanLoss;
  if (!loss || loss.probability === 0 || options.sampling !== 'gaen') return undefined;
  const missed = new Map<number, boolean>();
  return (time) => {
    const scan = gaenScanIndex(time, scanPhase);
    let m = missed.get(scan);
    if (m === undefined) {
      m = loss.prng.chance(loss.probability);
      missed.set(scan, m);
    }
    return m;
  };
}

function nearestInLog(distances: readonly number[], d: number): number {
  let best = distances[0] as number;
  for (const x of distances) if (Math.abs(Math.log(x / d)) < Math.abs(Math.log(best / d))) best = x;
  return best;
}
