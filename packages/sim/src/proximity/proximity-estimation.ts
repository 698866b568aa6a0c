/**
 * `bluezone proximity` with the protocol's estimator: sightings (CSV rows) → one verdict per
 * (receiver, transmitter, UTC day) with estimated close minutes and their interval. Each
 * receiver is treated as a phone: its own scan times (every bin in which it heard anyone) make
 * silences informative, counted from its census lines where the file has them (a field test's
 * phones count every identifier of their scans, as their exposure check does) and else from its
 * readings, and, when the parameters ask for it, its own offset is estimated from
 * all of its encounters (with `eachKey`, as a phone, from each key's own sightings). Attenuation per reading as in GAEN: TX power (the CSV's, as decrypted
 * from the AEM) − (RSSI + the receiver model's RSSI correction from the EN calibration list).
 */
import {
  type AttenuationReading,
  attenuationDb,
  buildEncounters,
  type CloseTimeEstimate,
  type DeviceCalibrationTable,
  type Encounter,
  estimateReceiverCloseTime,
  heardPerSlot,
  type ProximityParameters,
  type ReceiverActivity,
  receiverActivityOfCounts,
  receiverActivityOfSightings,
} from '@bluezone/protocol';
import { SimError } from '../sim-error';
import { receiverCalibration } from './proximity-scoring';
import type { CensusSighting, SightingRow } from './sightings-csv';

export interface PairDayEstimate {
  receiver: string;
  transmitter: string;
  /** UTC day, YYYY-MM-DD. */
  day: string;
  /** Estimated minutes within the close distance (the posterior's `decisionQuantile`). */
  closeMinutes: number;
  /** 10th–90th percentile of the same. */
  closeMinutesLow: number;
  closeMinutesHigh: number;
  meanCloseMinutes: number;
  /** Minutes the pair was in view of the model (its encounters). */
  heardMinutes: number;
  /** Posterior probability of at least the notify threshold's close minutes. */
  notifyProbability: number;
  /** closeMinutes reaches the parameters' notify threshold. */
  exposed: boolean;
}

const round1 = (x: number) => Math.round(x * 10) / 10;

export interface SightingsEstimateOptions {
  /** The EN calibration list receivers' corrections come from (without one, every model reads as the list's reference iPhone). */
  calibrationTable?: DeviceCalibrationTable | undefined;
  /** The receivers' census lines, any number of receivers'; a receiver with none counts its scans from its readings. */
  census?: readonly CensusSighting[];
  /**
   * Estimate each transmitter's UTC day on its own, as a phone's exposure check estimates each
   * matched key (GAEN keys never cross midnight): the receiver's offset is then learnt from that
   * key's sightings alone. By default it is learnt from all of the receiver's transmitters, as
   * the outside evaluation runs `bluezone proximity`.
   */
  eachKey?: boolean;
  /**
   * With `eachKey`: the receiver's offset is also learnt from every other transmitter it heard that
   * day, whose TX power a phone cannot read (an unmatched identifier's metadata is encrypted) and so
   * takes as the population's typical one: here the median of the rows' TX powers (on a phone it
   * would be the calibration list's median). A measurement of what a phone could learn; no phone does.
   */
  offsetFromAllHeard?: boolean;
  /** With `offsetFromAllHeard`: dB by which the TX power taken is off the typical one (a measurement's deliberate error). */
  unreadTxPowerBiasDb?: number;
  /** With `offsetFromAllHeard`: how far the typical TX power may be off, dB (`estimateReceiverCloseTime`'s `evidenceBiasSdDb`). */
  unreadTxPowerSdDb?: number;
}

const DAY_MS = 86_400_000;

export function estimateSightings(
  rows: readonly SightingRow[],
  parameters: ProximityParameters,
  options: SightingsEstimateOptions = {},
): PairDayEstimate[] {
  const calibrate = receiverCalibration(options.calibrationTable);
  // What a phone takes for an identifier it cannot read: the population's typical TX power.
  const fromAllHeard = options.eachKey === true && options.offsetFromAllHeard === true;
  const typicalTxPower = fromAllHeard ? medianOf(rows.map((r) => r.txPower)) + (options.unreadTxPowerBiasDb ?? 0) : 0;
  const byReceiver = new Map<
    string,
    {
      sightings: { timeMs: number; transmitter: string }[];
      pairs: Map<string, AttenuationReading[]>;
      /** The same readings as a phone without the transmitter's key would compute them (`offsetFromAllHeard`). */
      unread: Map<string, AttenuationReading[]>;
    }
  >();
  for (const r of rows) {
    let rx = byReceiver.get(r.receiver);
    if (!rx) {
      rx = { sightings: [], pairs: new Map(), unread: new Map() };
      byReceiver.set(r.receiver, rx);
    }
    rx.sightings.push({ timeMs: r.timeMs, transmitter: r.transmitter });
    let list = rx.pairs.get(r.transmitter);
    if (!list) {
      list = [];
      rx.pairs.set(r.transmitter, list);
    }
    const receiver = calibrate(r.receiverModel);
    list.push({ timeMs: r.timeMs, attenuationDb: attenuationDb(r.txPower, r.rssi, receiver) });
    if (fromAllHeard) {
      let unread = rx.unread.get(r.transmitter);
      if (!unread) {
        unread = [];
        rx.unread.set(r.transmitter, unread);
      }
      unread.push({ timeMs: r.timeMs, attenuationDb: attenuationDb(typicalTxPower, r.rssi, receiver) });
    }
  }
  const censusOf = new Map<string, CensusSighting[]>();
  for (const c of options.census ?? []) {
    const list = censusOf.get(c.receiver);
    if (list) list.push(c);
    else censusOf.set(c.receiver, [c]);
  }
  const out: PairDayEstimate[] = [];
  for (const [receiver, rx] of [...byReceiver].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) {
    const census = censusOf.get(receiver);
    const activity = census
      ? censusActivity(receiver, census, rx.sightings, parameters.binSeconds)
      : receiverActivityOfSightings(rx.sightings, parameters.binSeconds);
    const transmitters = [...rx.pairs.keys()].sort();
    const encountersOf = (readings: readonly AttenuationReading[]) => buildEncounters(readings, parameters, activity);
    // Every other transmitter's encounters of each day, as evidence of the receiver's offset.
    const unreadByDay = new Map<number, Map<string, Encounter[]>>();
    if (fromAllHeard) {
      for (const t of transmitters) {
        for (const { dayStartMs, readings } of readingsByDay(rx.unread.get(t) as AttenuationReading[])) {
          const of = unreadByDay.get(dayStartMs) ?? new Map<string, Encounter[]>();
          of.set(t, encountersOf(readings));
          unreadByDay.set(dayStartMs, of);
        }
      }
    }
    const evidenceFor = (t: string, dayStartMs: number): Encounter[][] => {
      const of = unreadByDay.get(dayStartMs);
      return of ? [...of].filter(([o]) => o !== t).map(([, e]) => e) : [];
    };
    const estimates: CloseTimeEstimate[][] = options.eachKey
      ? transmitters.map((t) =>
          readingsByDay(rx.pairs.get(t) as AttenuationReading[]).flatMap(({ dayStartMs, readings }) => {
            const [estimates = []] = estimateReceiverCloseTime(
              [encountersOf(readings)],
              parameters,
              evidenceFor(t, dayStartMs),
              options.unreadTxPowerSdDb ?? 0,
            ).estimates;
            // A phone keeps a key's estimate for the day its windows are on: not the scans padded across midnight.
            return estimates.filter((e) => e.dayStartMs === dayStartMs);
          }),
        )
      : estimateReceiverCloseTime(
          transmitters.map((t) => encountersOf(rx.pairs.get(t) as AttenuationReading[])),
          parameters,
        ).estimates;
    transmitters.forEach((transmitter, k) => {
      for (const e of estimates[k] ?? []) {
        out.push({
          receiver,
          transmitter,
          day: new Date(e.dayStartMs).toISOString().slice(0, 10),
          closeMinutes: e.closeMinutes,
          closeMinutesLow: e.lowCloseMinutes,
          closeMinutesHigh: e.highCloseMinutes,
          meanCloseMinutes: round1(e.meanCloseMinutes),
          notifyProbability: Math.round(e.notifyProbability * 1000) / 1000,
          heardMinutes: e.heardMinutes,
          exposed: e.closeMinutes >= parameters.notifyCloseMinutes,
        });
      }
    });
  }
  return out;
}

/**
 * A receiver's scans from its census lines, counted as the phone counts its stored scans: distinct
 * identifiers per scan (a census line's time is its scan's), the most of any scan in a bin. A
 * census is the whole record of the receiver's scans, so a reading in a bin it does not cover is
 * a file that was cut or mixed up: refused, naming the receiver and the time.
 */
function censusActivity(
  receiver: string,
  census: readonly CensusSighting[],
  readings: readonly { timeMs: number }[],
  binSeconds: number,
): ReceiverActivity {
  const activity = receiverActivityOfCounts(
    heardPerSlot(census.map((c) => ({ slotMs: c.timeMs, transmitter: c.transmitter }))),
    binSeconds,
  );
  const binMs = binSeconds * 1000;
  const scanned = new Set(activity.bins);
  for (const r of readings) {
    if (!scanned.has(Math.floor(r.timeMs / binMs))) {
      throw new SimError(
        'invalid_csv',
        `receiver ${receiver}: a reading at ${new Date(r.timeMs).toISOString()} is in no scan of its census lines`,
      );
    }
  }
  return activity;
}

function medianOf(values: number[]): number {
  const sorted = values.sort((a, b) => a - b);
  return sorted[sorted.length >> 1] ?? 0;
}

/** One transmitter's readings split by UTC day, days in order: what each of its keys was heard as. */
function readingsByDay(
  readings: readonly AttenuationReading[],
): { dayStartMs: number; readings: AttenuationReading[] }[] {
  const byDay = new Map<number, AttenuationReading[]>();
  for (const r of readings) {
    const dayStartMs = Math.floor(r.timeMs / DAY_MS) * DAY_MS;
    const list = byDay.get(dayStartMs);
    if (list) list.push(r);
    else byDay.set(dayStartMs, [r]);
  }
  return [...byDay].sort((x, y) => x[0] - y[0]).map(([dayStartMs, list]) => ({ dayStartMs, readings: list }));
}
