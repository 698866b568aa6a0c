/**
 * SEIR by distance and duration: each 5-minute step an infectious person at distance d infects
 * a susceptible one with probability 1 − exp(−β·w(d)·5 min), w(d) = 1/max(d, 1 m)² (dose falls
 * with the square of distance beyond arm's length). Latent and infectious periods are drawn
 * around the scenario's means; a share develops symptoms a day into the infectious period and
 * gets a test result `testDelayDays` later. Positives isolate at home; notified contacts who
 * comply quarantine for 10 days and are tested the next day.
 */
import type { Prng } from '../prng';
import type { Scenario } from '../scenario/scenario';
import { STEP_MINUTES, STEPS_PER_DAY } from '../world/daily-schedule';

export const S = 0;
export const E = 1;
export const I = 2;
export const R = 3;
export const QUARANTINE_DAYS = 10;

export class Epidemic {
  readonly state: Uint8Array;
  /** Step at which the current state ends (E → I, I → R). */
  readonly nextStep: Int32Array;
  readonly infectedStep: Int32Array;
  readonly infectedBy: Int32Array;
  /** Day the test result comes back positive, or -1. */
  readonly positiveDay: Int16Array;
  readonly symptomOnsetDay: Int16Array;
  /** Stays home through this day (isolation or quarantine), or -1. */
  readonly homeUntilDay: Int16Array;
  /** Day of a test taken after a notification, or -1. */
  readonly testDay: Int16Array;
  readonly counts = [0, 0, 0, 0];
  infections = 0;
  readonly #beta: number;

  constructor(
    readonly size: number,
    readonly scenario: Scenario,
    readonly prng: Prng,
  ) {
    this.state = new Uint8Array(size);
    this.nextStep = new Int32Array(size).fill(-1);
    this.infectedStep = new Int32Array(size).fill(-1);
    this.infectedBy = new Int32Array(size).fill(-1);
    this.positiveDay = new Int16Array(size).fill(-1);
    this.symptomOnsetDay = new Int16Array(size).fill(-1);
    this.homeUntilDay = new Int16Array(size).fill(-1);
    this.testDay = new Int16Array(size).fill(-1);
    this.counts[S] = size;
    this.#beta = scenario.epidemic.transmissionPerMinute * STEP_MINUTES;
  }

  seed(count: number): void {
    for (let k = 0; k < count && k < this.size; k++) {
      let i = this.prng.int(this.size);
      while (this.state[i] !== S) i = (i + 1) % this.size;
      this.infect(i, 0, -1);
    }
  }

  #days(mean: number): number {
    // Gamma-like spread (shape 4) around the mean, in steps.
    let x = 0;
    for (let k = 0; k < 4; k++) x += this.prng.exponential(mean / 4);
    return Math.max(1, Math.round(x * STEPS_PER_DAY));
  }

  infect(i: number, step: number, by: number): void {
    this.#move(i, E);
    this.infectedStep[i] = step;
    this.infectedBy[i] = by;
    this.nextStep[i] = step + this.#days(this.scenario.epidemic.latentDays);
    this.infections++;
  }

  #move(i: number, to: number): void {
    const from = this.state[i] as number;
    this.counts[from] = (this.counts[from] as number) - 1;
    this.counts[to] = (this.counts[to] as number) + 1;
    this.state[i] = to;
  }

  /** Transmission between two people `d` metres apart for one step. */
  contact(a: number, b: number, d: number, step: number): void {
    const sa = this.state[a];
    const sb = this.state[b];
    if (sa === I && sb === S) this.#maybeInfect(b, a, d, step);
    else if (sb === I && sa === S) this.#maybeInfect(a, b, d, step);
  }

  #maybeInfect(s: number, i: number, d: number, step: number): void {
    const w = d <= 1 ? 1 : 1 / (d * d);
    if (this.prng.float() < 1 - Math.exp(-this.#beta * w)) this.infect(s, step, i);
  }

  /** State transitions due by `step`; called every hour of simulated time. */
  advance(step: number): void {
    const day = Math.floor(step / STEPS_PER_DAY);
    const ep = this.scenario.epidemic;
    for (let i = 0; i < this.size; i++) {
      const st = this.state[i];
      if (st === E && (this.nextStep[i] as number) <= step) {
        this.#move(i, I);
        this.nextStep[i] = step + this.#days(ep.infectiousDays);
        if (this.prng.chance(ep.symptomaticShare)) {
          const onset = day + 1;
          this.symptomOnsetDay[i] = onset;
          this.#scheduleResult(i, onset + Math.round(ep.testDelayDays));
        }
      } else if (st === I && (this.nextStep[i] as number) <= step) {
        this.#move(i, R);
      }
    }
  }

  #scheduleResult(i: number, day: number): void {
    const current = this.positiveDay[i] as number;
    if (current < 0 || day < current) this.positiveDay[i] = day;
  }

  /** A notified person: quarantine with the scenario's compliance, and a test the next day. */
  notify(i: number, day: number): void {
    const ep = this.scenario.epidemic;
    if (this.prng.chance(ep.quarantineCompliance)) {
      this.homeUntilDay[i] = Math.max(this.homeUntilDay[i] as number, day + QUARANTINE_DAYS);
      this.testDay[i] = day + 1;
    }
  }

  /** Morning of `day`: tests taken after notifications become results `testDelayDays` later. */
  startDay(day: number): void {
    const delay = Math.round(this.scenario.epidemic.testDelayDays);
    for (let i = 0; i < this.size; i++) {
      if (this.testDay[i] === day) {
        const st = this.state[i];
        // A test detects an infection in its latent or infectious phase.
        if (st === E || st === I) this.#scheduleResult(i, day + delay);
      }
      if (this.positiveDay[i] === day) this.homeUntilDay[i] = Math.max(this.homeUntilDay[i] as number, day + 14);
    }
  }
}
