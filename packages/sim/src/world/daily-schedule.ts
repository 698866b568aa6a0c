/**
 * Where each person is during a day, as up to MAX_SEGMENTS segments (start step, place) in
 * 5-minute steps (288 a day). Drawn each morning from the person's group, the weekday and a
 * few random choices (market trip, health station visit); people in isolation or quarantine
 * stay home all day.
 */
import type { Prng } from '../prng';
import type { Scenario } from '../scenario/scenario';
import { GROUP, type Population } from './population';

export const STEPS_PER_DAY = 288;
export const STEP_MINUTES = 5;
export const MAX_SEGMENTS = 8;
const H = 12; // steps per hour

export interface DaySchedules {
  /** Per person × MAX_SEGMENTS: segment start step, and place (-1 ends the list). */
  start: Int16Array;
  place: Int32Array;
}

export function createDaySchedules(size: number): DaySchedules {
  return { start: new Int16Array(size * MAX_SEGMENTS), place: new Int32Array(size * MAX_SEGMENTS) };
}

/** Fills the schedules for one day; `atHome[i]` forces person i home (isolation/quarantine). */
export function drawDaySchedules(
  out: DaySchedules,
  pop: Population,
  s: Scenario,
  weekday: number,
  atHome: Uint8Array,
  prng: Prng,
): void {
  const weekend = weekday === 0 || weekday === 6;
  for (let i = 0; i < pop.size; i++) {
    const base = i * MAX_SEGMENTS;
    let n = 0;
    const seg = (startStep: number, place: number) => {
      if (n > 0 && out.place[base + n - 1] === place) return;
      out.start[base + n] = startStep;
      out.place[base + n] = place;
      n++;
    };
    const home = pop.home[i] as number;
    const c = pop.commune[i] as number;
    const jitter = () => prng.int(H);
    seg(0, home);
    if (atHome[i] !== 1) {
      const g = pop.group[i] as number;
      const work = pop.work[i] as number;
      const bus = pop.bus[i] as number;
      if (!weekend && g === GROUP.students && work >= 0) {
        const leave = 6 * H + 6 + jitter() / 2;
        if (bus >= 0) seg(leave, bus);
        seg(bus >= 0 ? 7 * H : leave, work);
        seg(16 * H + 30 / 5, bus >= 0 ? bus : home);
        if (bus >= 0) seg(17 * H, home);
      } else if (!weekend && g === GROUP.staff && work >= 0) {
        seg(7 * H + jitter(), work);
        seg(11 * H + 6, home);
        seg(13 * H + jitter() / 2, work);
        seg(17 * H + jitter(), home);
      } else if (g === GROUP.tourists) {
        seg(8 * H + jitter(), pop.market[c] as number);
        seg(10 * H, pop.fields[c] as number);
        seg(17 * H + jitter(), home);
      } else if (g === GROUP.residents && !weekend) {
        seg(6 * H + jitter(), pop.fields[c] as number);
        seg(11 * H, home);
        seg(14 * H, pop.fields[c] as number);
        seg(17 * H + jitter(), home);
      }
      // Market trip (morning market, 1–2 h) and, rarely, the health station.
      const shops = g === GROUP.residents || (weekend && g !== GROUP.tourists);
      if (shops && prng.chance(s.marketVisits)) {
        const t = 6 * H + prng.int(3 * H);
        insertVisit(out, base, n, t, t + H + prng.int(H), pop.market[c] as number);
        n = countSegments(out, base);
      }
      if (prng.chance(0.01)) {
        const t = 8 * H + prng.int(6 * H);
        insertVisit(out, base, n, t, t + 6 + prng.int(H), pop.health[c] as number);
        n = countSegments(out, base);
      }
    }
    if (n < MAX_SEGMENTS) out.place[base + n] = -1;
  }
}

function countSegments(out: DaySchedules, base: number): number {
  let n = 0;
  while (n < MAX_SEGMENTS && (out.place[base + n] as number) >= 0) n++;
  return n;
}

/** Replaces [from, to) with `place`, then resumes whatever the person was doing. */
function insertVisit(out: DaySchedules, base: number, n: number, from: number, to: number, place: number): void {
  if (n + 2 > MAX_SEGMENTS) return;
  const starts: number[] = [];
  const places: number[] = [];
  for (let k = 0; k < n; k++) {
    starts.push(out.start[base + k] as number);
    places.push(out.place[base + k] as number);
  }
  const at = (step: number) => {
    let p = places[0] as number;
    for (let k = 0; k < starts.length; k++) if ((starts[k] as number) <= step) p = places[k] as number;
    return p;
  };
  const resume = at(to);
  const ns: number[] = [];
  const np: number[] = [];
  for (let k = 0; k < starts.length; k++) {
    const st = starts[k] as number;
    if (st < from) {
      ns.push(st);
      np.push(places[k] as number);
    }
  }
  ns.push(from);
  np.push(place);
  ns.push(to);
  np.push(resume);
  for (let k = 0; k < starts.length; k++) {
    const st = starts[k] as number;
    if (st > to) {
      ns.push(st);
      np.push(places[k] as number);
    }
  }
  const m = Math.min(ns.length, MAX_SEGMENTS);
  for (let k = 0; k < m; k++) {
    out.start[base + k] = ns[k] as number;
    out.place[base + k] = np[k] as number;
  }
  if (m < MAX_SEGMENTS) out.place[base + m] = -1;
}
