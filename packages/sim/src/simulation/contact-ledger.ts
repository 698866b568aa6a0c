/**
 * Ground truth: for every pair of people, minutes closer than the contact distance per day,
 * kept sparse (only pairs that came close), and the day's close contacts (≥ the contact
 * duration). With `trackRange`, also every pair of app users within radio range per day, so
 * tests can check that no phone heard another it was never near.
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

  constructor(
    readonly size: number,
    readonly closeMinutes: number,
    readonly stepMinutes: number,
    readonly trackRange: boolean,
  ) {}

  key(a: number, b: number): number {
    return a < b ? a * this.size + b : b * this.size + a;
  }

  addClose(a: number, b: number): void {
    const k = this.key(a, b);
    this.#close.set(k, (this.#close.get(k) ?? 0) + this.stepMinutes);
  }

  addInRange(a: number, b: number): void {
    if (this.trackRange) this.#inRange.add(this.key(a, b));
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
