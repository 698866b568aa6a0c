/**
 * The simulation loop: days of 288 five-minute steps (one GAEN scan period each). Every step,
 * people move along their day's schedule and within places; pairs in the same place are found
 * (all pairs in small places, a uniform grid with cells of the radio range in big ones), and
 * each pair closer than the radio range feeds the ground truth, the epidemic and, when both
 * carry the app, the radio (one scan: `readingsPerScan` readings each way from the fitted path-
 * loss model). Phones rotate their identifiers through the SDK. Positives get a code from the
 * health station and report through the SDK to the real key server (in process, on the
 * simulation's clock); its export worker runs every simulated hour, as its timer would, and
 * at the check hour every phone checks the server's exports.
 */

import {
  CWA_RISK_CONFIGURATION,
  DEFAULT_PROXIMITY_PARAMETERS,
  ManualClock,
  type ProximityParameters,
  type RiskConfiguration,
} from '@bluezone/protocol';
import { Prng } from '../prng';
import { CARRY_POSITIONS } from '../radio/mit-matrix';
import { CARRY_POSITION_WEIGHTS, type RadioModel } from '../radio/radio-model';
import type { Scenario } from '../scenario/scenario';
import {
  createDaySchedules,
  drawDaySchedules,
  MAX_SEGMENTS,
  STEP_MINUTES,
  STEPS_PER_DAY,
} from '../world/daily-schedule';
import { buildPopulation, MOVE_EVERY_STEPS, PLACE_KINDS, type Population } from '../world/population';
import { ContactLedger } from './contact-ledger';
import { E, Epidemic, I, R, S } from './epidemic';
import { type Notification, PhoneFleet } from './phone-fleet';
import { simCryptoBackend } from './sim-crypto-backend';
import { type CodeRequest, SimKeyServer } from './sim-key-server';
import { SimRadio } from './sim-radio';

const DAY_MS = 86_400_000;
const STEP_MS = STEP_MINUTES * 60_000;
/** GAEN advertises every 200–270 ms (Bluetooth spec v1.2 §"Advertising"): ~4 per second. */
export const ADVERTISEMENTS_PER_SECOND = 4;
const CARRY_WEIGHTS = CARRY_POSITIONS.map((p) => CARRY_POSITION_WEIGHTS[p]);
/** The estimator's bands (near, close, mid; far runs to the radio's range): the ledger's in-range shares are its priors' counterpart. */
export const IN_RANGE_BAND_EDGES_M = DEFAULT_PROXIMITY_PARAMETERS.states.slice(0, -1).map((s) => s.maxDistanceM);

export interface SimulationOptions {
  seed: number;
  radio: RadioModel;
  risk?: RiskConfiguration;
  /**
   * Estimator parameters the health authority serves (a signed configuration document the key
   * server publishes and phones verify and apply); unset, nothing is served and phones decide with
   * the SDK's defaults.
   */
  proximity?: ProximityParameters;
  /** Run every phone's exposure check, not only those that heard an uploader. */
  fullChecks?: boolean;
  /** Record every in-range app pair per day (tests). */
  trackRange?: boolean;
  /**
   * The key server's padding target per export file (EXPORT_MIN_RECORDS); default the server's
   * own (1000). Tests that run every phone's check on every file use fewer to stay quick.
   */
  exportMinRecords?: number;
  onProgress?: (done: number, total: number) => void;
}

export interface DailyCounts {
  day: number;
  susceptible: number;
  exposed: number;
  infectious: number;
  recovered: number;
  newInfections: number;
  positives: number;
  uploads: number;
  notifications: number;
  /** People counted in some place, summed over the day's steps / steps: must equal the population. */
  peoplePlaced: number;
}

export interface SimulationResult {
  scenario: Scenario;
  seed: number;
  population: Population;
  days: DailyCounts[];
  contacts: ContactLedger;
  epidemic: Epidemic;
  radio: SimRadio;
  fleet: PhoneFleet;
  /** The key server the phones used; open, so callers can inspect it. `close()` it when done. */
  server: SimKeyServer;
  /** The estimator parameters phones decided with: the served document's, or the SDK's defaults. */
  proximity: ProximityParameters;
  notifications: Notification[];
  uploads: { phone: number; day: number; step: number; positiveStep: number }[];
  /** Step at which each person's positive result came back, or -1. */
  positiveStep: Int32Array;
  counters: { advertisements: number; scans: number; readings: number; pairChecks: number; phones: number };
}

/** Hash of (pair, day, place) → a standard normal: the encounter's fixed radio offset, no storage. */
function encounterNormal(a: number, b: number, day: number, place: number): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(b + 0x632be5ab, 0xc2b2ae35);
  h = Math.imul(h ^ (h >>> 15) ^ Math.imul(day + 1, 0x27d4eb2f) ^ Math.imul(place + 7, 0x165667b1), 0x2c1b3c6d);
  h ^= h >>> 13;
  const h2 = Math.imul(h ^ 0x5bd1e995, 0x1b873593);
  const u1 = ((h >>> 0) + 1) / 4294967297;
  const u2 = ((h2 ^ (h2 >>> 16)) >>> 0) / 4294967296;
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}

export async function runSimulation(scenario: Scenario, options: SimulationOptions): Promise<SimulationResult> {
  const master = new Prng(options.seed);
  const popPrng = master.fork();
  const moveDraws = master.fork();
  const epiPrng = master.fork();
  const radioPrng = master.fork();
  const keyPrng = master.fork();
  const pop = buildPopulation(scenario, popPrng);
  const n = pop.size;
  const startMs = Date.parse(`${scenario.startDate}T00:00:00Z`);
  // One clock for the phones and the server; the step loop advances it.
  const clock = new ManualClock(startMs);
  const radioModel = options.radio;
  const radio = new SimRadio(n, startMs);
  const server = await SimKeyServer.start(clock, master.fork(), options.exportMinRecords);
  const risk = options.risk ?? CWA_RISK_CONFIGURATION;
  if (options.proximity) await server.serveConfiguration(options.proximity, risk);
  const fleet = new PhoneFleet(
    pop.hasApp,
    radio,
    simCryptoBackend(keyPrng),
    server,
    risk,
    clock,
    keyPrng.fork(),
    options.fullChecks ?? false,
    options.proximity !== undefined,
  );
  const epidemic = new Epidemic(n, scenario, epiPrng);
  epidemic.seed(scenario.epidemic.initialInfected);
  const ledger = new ContactLedger(
    n,
    scenario.contact.closeMinutes,
    STEP_MINUTES,
    options.trackRange ?? false,
    IN_RANGE_BAND_EDGES_M,
  );
  const rangeM = scenario.radio.rangeM;
  const range2 = rangeM * rangeM;
  const close2 = scenario.contact.closeDistanceM ** 2;
  const readings = scenario.radio.readingsPerScan;

  // Per person.
  const place = new Int32Array(n).fill(-1);
  const seg = new Int32Array(n);
  const x = new Float32Array(n);
  const y = new Float32Array(n);
  const carry = new Uint8Array(n);
  const phoneOffset = new Float32Array(n);
  for (let i = 0; i < n; i++) if (pop.hasApp[i] === 1) phoneOffset[i] = radioModel.drawPhoneOffset(radioPrng);
  const atHome = new Uint8Array(n);
  const positiveStep = new Int32Array(n).fill(-1);
  const uploaded = new Uint8Array(n);
  let pending: { phone: number; step: number }[] = [];
  // Per place: members (counting sort each step).
  const placeCount = pop.placeCount;
  const placeStart = new Int32Array(placeCount + 1);
  const members = new Int32Array(n);
  const cursor = new Int32Array(placeCount);
  // Grid scratch for big places.
  const cellOf = new Int32Array(n);
  const gridOrder = new Int32Array(n);
  const schedules = createDaySchedules(n);
  const moveEvery = PLACE_KINDS.map((k) => MOVE_EVERY_STEPS[k]);
  const homeKind = PLACE_KINDS.indexOf('home');

  const days: DailyCounts[] = [];
  const uploads: SimulationResult['uploads'] = [];
  const counters = { advertisements: 0, scans: 0, readings: 0, pairChecks: 0, phones: 0 };
  for (let i = 0; i < n; i++) if (pop.hasApp[i] === 1) counters.phones++;
  const totalSteps = scenario.days * STEPS_PER_DAY;
  const dayOf = (ms: number) => Math.floor((ms - startMs) / DAY_MS);
  const isoDay = (day: number) => new Date(startMs + day * DAY_MS).toISOString().slice(0, 10);
  /**
   * What the health station enters on `today`: the symptom onset if there was one by now (a
   * person tested after a notification may have none yet), else the day the test was taken;
   * never more than 14 days back (the server refuses older dates).
   */
  const codeRequest = (i: number, today: number): CodeRequest => {
    const onset = epidemic.symptomOnsetDay[i] as number;
    if (onset >= 0 && onset <= today) {
      return { testType: 'confirmed', symptomDate: isoDay(Math.max(today - 14, onset)) };
    }
    const tested = (epidemic.positiveDay[i] as number) - Math.round(scenario.epidemic.testDelayDays);
    return { testType: 'confirmed', testDate: isoDay(Math.max(today - 14, 0, Math.min(today, tested))) };
  };

  const handlePair = (a: number, b: number, d2: number, day: number, q: number, step: number) => {
    counters.pairChecks++;
    if (d2 >= range2) return;
    if (d2 < close2) ledger.addClose(a, b);
    const d = Math.sqrt(d2);
    if (epidemic.state[a] === I || epidemic.state[b] === I) epidemic.contact(a, b, d, step);
    if (pop.hasApp[a] !== 1 || pop.hasApp[b] !== 1) return;
    ledger.addInRange(a, b, d);
    const enc = encounterNormal(Math.min(a, b), Math.max(a, b), day, q) * radioModel.fit.sigmaEncounterDb;
    const pa = CARRY_POSITIONS[carry[a] as number] ?? 'hand';
    const pb = CARRY_POSITIONS[carry[b] as number] ?? 'hand';
    const mean = radioModel.meanRssi(d, pa, pb) + enc + (phoneOffset[a] as number) + (phoneOffset[b] as number);
    const t0 = clock.now() + radioPrng.int(4000);
    for (let k = 0; k < readings; k++) {
      const ra = radioModel.sampleRssi(radioPrng, mean);
      if (ra !== undefined) radio.hear(a, b, t0 + k * 250, ra);
      const rb = radioModel.sampleRssi(radioPrng, mean);
      if (rb !== undefined) radio.hear(b, a, t0 + k * 250 + 120, rb);
    }
  };

  for (let day = 0; day < scenario.days; day++) {
    const infectionsBefore = epidemic.infections;
    let positives = 0;
    let dayUploads = 0;
    let dayNotifications = 0;
    let placed = 0;
    epidemic.startDay(day);
    for (let i = 0; i < n; i++) {
      atHome[i] = (epidemic.homeUntilDay[i] as number) >= day ? 1 : 0;
      if (epidemic.positiveDay[i] === day && (positiveStep[i] as number) < 0) {
        // Results come back during office hours (08:00–17:00); app users upload some hours later.
        positiveStep[i] = day * STEPS_PER_DAY + 8 * 12 + epiPrng.int(9 * 12);
        positives++;
        if (pop.hasApp[i] === 1 && epiPrng.chance(scenario.epidemic.uploadShare)) {
          pending.push({
            phone: i,
            step: (positiveStep[i] as number) + epiPrng.int(scenario.uploadWithinHours * 12 + 1),
          });
        }
      }
    }
    const weekday = new Date(startMs + day * DAY_MS).getUTCDay();
    drawDaySchedules(schedules, pop, scenario, weekday, atHome, moveDraws);
    seg.fill(0);
    for (let s = 0; s < STEPS_PER_DAY; s++) {
      const step = day * STEPS_PER_DAY + s;
      clock.set(startMs + step * STEP_MS);
      if (s % 12 === 0) epidemic.advance(step);
      // 1. Where everyone is.
      placeStart.fill(0);
      for (let i = 0; i < n; i++) {
        const base = i * MAX_SEGMENTS;
        let k = seg[i] as number;
        while (
          k + 1 < MAX_SEGMENTS &&
          (schedules.place[base + k + 1] as number) >= 0 &&
          (schedules.start[base + k + 1] as number) <= s
        )
          k++;
        seg[i] = k;
        const q = schedules.place[base + k] as number;
        const kind = pop.placeKind[q] as number;
        if (q !== place[i]) {
          place[i] = q;
          carry[i] = kind === homeKind && moveDraws.chance(0.5) ? 0 : pickCarry(moveDraws);
          x[i] = moveDraws.float() * (pop.placeWidth[q] as number);
          y[i] = moveDraws.float() * (pop.placeHeight[q] as number);
        } else if ((step + i) % (moveEvery[kind] as number) === 0) {
          x[i] = moveDraws.float() * (pop.placeWidth[q] as number);
          y[i] = moveDraws.float() * (pop.placeHeight[q] as number);
        }
        placeStart[q + 1] = (placeStart[q + 1] as number) + 1;
      }
      for (let q = 0; q < placeCount; q++)
        placeStart[q + 1] = (placeStart[q + 1] as number) + (placeStart[q] as number);
      placed += placeStart[placeCount] as number;
      cursor.set(placeStart.subarray(0, placeCount));
      for (let i = 0; i < n; i++) {
        const q = place[i] as number;
        members[cursor[q] as number] = i;
        cursor[q] = (cursor[q] as number) + 1;
      }
      // 2. Phones rotate identifiers (every app phone advertises continuously).
      await fleet.advertise();
      counters.advertisements += counters.phones * ADVERTISEMENTS_PER_SECOND * STEP_MINUTES * 60;
      counters.scans += counters.phones;
      // 3. Pairs within each place.
      for (let q = 0; q < placeCount; q++) {
        const from = placeStart[q] as number;
        const to = placeStart[q + 1] as number;
        const count = to - from;
        if (count < 2) continue;
        if (count <= 48 || (pop.placeWidth[q] as number) <= 2 * rangeM) {
          for (let u = from; u < to; u++) {
            const a = members[u] as number;
            const ax = x[a] as number;
            const ay = y[a] as number;
            for (let v = u + 1; v < to; v++) {
              const b = members[v] as number;
              const dx = ax - (x[b] as number);
              const dy = ay - (y[b] as number);
              handlePair(a, b, dx * dx + dy * dy, day, q, step);
            }
          }
        } else {
          gridPairs(q, from, to, day, step);
        }
      }
      // 4. Positives whose upload is due report their keys; the export worker runs every hour
      // (windows close every 4 hours); at the check hour phones check.
      if (pending.length > 0) {
        const due = pending.filter((u) => u.step <= step);
        pending = pending.filter((u) => u.step > step);
        for (const { phone: i } of due) {
          if (uploaded[i] === 1) continue;
          uploaded[i] = 1;
          const published = await fleet.upload(i, codeRequest(i, day));
          if (published !== undefined) {
            uploads.push({ phone: i, day, step, positiveStep: positiveStep[i] as number });
            dayUploads++;
          }
        }
      }
      if (s % 12 === 0) await server.runExport();
      if (s % (scenario.checkEveryHours * 12) === 0) {
        const raised = await fleet.checkAll(step, dayOf);
        for (const notification of raised) epidemic.notify(notification.phone, day);
        dayNotifications += raised.length;
      }
      options.onProgress?.(step + 1, totalSteps);
    }
    ledger.endDay(day);
    const c = epidemic.counts;
    days.push({
      day,
      susceptible: c[S] as number,
      exposed: c[E] as number,
      infectious: c[I] as number,
      recovered: c[R] as number,
      newInfections: epidemic.infections - infectionsBefore,
      positives,
      uploads: dayUploads,
      notifications: dayNotifications,
      peoplePlaced: placed / STEPS_PER_DAY,
    });
  }
  counters.readings = radio.readingsLogged;
  return {
    scenario,
    seed: options.seed,
    population: pop,
    days,
    contacts: ledger,
    epidemic,
    radio,
    fleet,
    server,
    proximity: options.proximity ?? DEFAULT_PROXIMITY_PARAMETERS,
    notifications: fleet.notifications,
    uploads,
    positiveStep,
    counters,
  };

  /** Pairs within range in a big place: a uniform grid with cells one radio range wide. */
  function gridPairs(q: number, from: number, to: number, day: number, step: number): void {
    const cols = Math.max(1, Math.ceil((pop.placeWidth[q] as number) / rangeM));
    const rows = Math.max(1, Math.ceil((pop.placeHeight[q] as number) / rangeM));
    const cells = cols * rows;
    const start = new Int32Array(cells + 1);
    for (let u = from; u < to; u++) {
      const a = members[u] as number;
      const c =
        Math.min(rows - 1, Math.floor((y[a] as number) / rangeM)) * cols +
        Math.min(cols - 1, Math.floor((x[a] as number) / rangeM));
      cellOf[a] = c;
      start[c + 1] = (start[c + 1] as number) + 1;
    }
    for (let c = 0; c < cells; c++) start[c + 1] = (start[c + 1] as number) + (start[c] as number);
    const fill = start.slice(0, cells);
    for (let u = from; u < to; u++) {
      const a = members[u] as number;
      const c = cellOf[a] as number;
      gridOrder[from + (fill[c] as number)] = a;
      fill[c] = (fill[c] as number) + 1;
    }
    for (let c = 0; c < cells; c++) {
      const cx = c % cols;
      const cy = (c - cx) / cols;
      for (let u = start[c] as number; u < (start[c + 1] as number); u++) {
        const a = gridOrder[from + u] as number;
        const ax = x[a] as number;
        const ay = y[a] as number;
        // Own cell (later members only), then the four forward neighbours: each pair once.
        for (let v = u + 1; v < (start[c + 1] as number); v++) {
          const b = gridOrder[from + v] as number;
          const dx = ax - (x[b] as number);
          const dy = ay - (y[b] as number);
          handlePair(a, b, dx * dx + dy * dy, day, q, step);
        }
        for (const [ox, oy] of NEIGHBOURS) {
          const nx = cx + ox;
          const ny = cy + oy;
          if (nx < 0 || nx >= cols || ny >= rows) continue;
          const nc = ny * cols + nx;
          for (let v = start[nc] as number; v < (start[nc + 1] as number); v++) {
            const b = gridOrder[from + v] as number;
            const dx = ax - (x[b] as number);
            const dy = ay - (y[b] as number);
            handlePair(a, b, dx * dx + dy * dy, day, q, step);
          }
        }
      }
    }
  }
}

const NEIGHBOURS: readonly [number, number][] = [
  [1, 0],
  [-1, 1],
  [0, 1],
  [1, 1],
];

function pickCarry(prng: Prng): number {
  let u = prng.float();
  for (let k = 0; k < CARRY_WEIGHTS.length; k++) {
    u -= CARRY_WEIGHTS[k] as number;
    if (u < 0) return k;
  }
  return 0;
}
