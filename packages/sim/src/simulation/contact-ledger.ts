/**
 * Ground truth: for every pair of people, minutes closer than the contact distance per day,
 * kept sparse (only pairs that came close), and the day's close contacts (≥ the contact
 * duration). With `trackRange`, also every pair of app users within radio range per day, so
 * tests can check that no phone heard another it was never near. And how the time app users
 * spend within range of each other divides among distance bands (`bandMinutes`): the district's
 * own answer to what the estimator's band priors assume (shares of in-range time per band).
 */
export interface CloseContact {
  day: number;
  a: number;
  b: number;
  minutes: number;
}

export class ContactLedger {
  readonly contacts: CloseContact[] = [];
  #close = new Map<number, number>();
  #inRange = new Set<number>();
  readonly rangeByDay: Set<number>[] = [];
  /** Pair-minutes of app users in range, per band of `bandEdgesM` (the last band runs to the range). */
  readonly bandMinutes: Float64Array;

  constructor(
    readonly size: number,
    readonly closeMinutes: number,
    readonly stepMinutes: number,
    readonly trackRange: boolean,
    /** Upper edges of the distance bands, nearest first, m. */
    readonly bandEdgesM: readonly number[] = [],
  ) {
    this.bandMinutes = new Float64Array(bandEdgesM.length + 1);
  }

  key(a: number, b: number): number {
    return a < b ? a * this.size + b : b * this.size + a;
  }

  addClose(a: number, b: number): void {
    const k = this.key(a, b);
    this.#close.set(k, (this.#close.get(k) ?? 0) + this.stepMinutes);
  }

  /** Two app users within radio range, `distanceM` apart, for a step. */
  addInRange(a: number, b: number, distanceM: number): void {
    if (this.trackRange) this.#inRange.add(this.key(a, b));
    let band = 0;
    while (band < this.bandEdgesM.length && distanceM > (this.bandEdgesM[band] as number)) band++;
    this.bandMinutes[band] = (this.bandMinutes[band] as number) + this.stepMinutes;
  }

  /** Each band's share of the in-range pair-minutes (zeros before any). */
  bandShares(): number[] {
    const total = this.bandMinutes.reduce((a, v) => a + v, 0);
    return Array.from(this.bandMinutes, (v) => (total === 0 ? 0 : v / total));
  }

  endDay(day: number): void {
    for (const [k, minutes] of this.#close) {
      if (minutes >= this.closeMinutes) {
        this.contacts.push({ day, a: Math.floor(k / this.size), b: k % this.size, minutes });
      }
    }
    this.#close = new Map();
    if (this.trackRange) this.rangeByDay[day] = this.#inRange;
    this.#inRange = new Set();
  }
}
