/**
 * How a day of the social settings (social-settings.ts: seating, trains, offices, queues and
 * party groups from published floor plans and movement) divides the time two phones are in range
 * among the estimator's distance bands. These shares are the band priors of the default
 * proximity parameters, so the estimator's idea of how often people heard are near is the same
 * geometry the validation's social settings are made of, not a second guess.
 */
import type { ProximityParameters } from '@bluezone/protocol';
import { Prng } from '../prng';
import { drawSettingDay, SETTING_RANGE_M } from './setting-synthesis';
import { distanceAt } from './social-settings';

/** Days drawn and people per day: enough that the shares settle to ±0.5 points. */
const DAYS = 40;
const PEOPLE = 10;

/** Share of in-range pair-minutes in each of `p`'s bands (by `maxDistanceM`; the last takes everything to the range). */
export function settingBandShares(p: Pick<ProximityParameters, 'states'>, seed = 1): number[] {
  const bounds = p.states.map((s, i) => (i === p.states.length - 1 ? SETTING_RANGE_M : s.maxDistanceM));
  const minutes = new Float64Array(bounds.length);
  for (let day = 0; day < DAYS; day++)
    for (const layout of drawSettingDay(new Prng(seed * 1_000 + day), PEOPLE))
      for (let a = 0; a < PEOPLE; a++)
        for (let b = 0; b < PEOPLE; b++) {
          if (a === b) continue;
          for (let m = 0; m < layout.minutes; m++) {
            const d = distanceAt(layout, a, b, m);
            if (!(d <= SETTING_RANGE_M)) continue;
            const band = bounds.findIndex((x) => d <= x);
            minutes[band] = (minutes[band] as number) + 1;
          }
        }
  const total = minutes.reduce((x, y) => x + y, 0);
  return Array.from(minutes, (v) => v / total);
}

/**
 * How many others are within `closeDistanceM` of a person in a crowd, in the same settings: the
 * crowd's close count (`crowdCloseCount`). "In a crowd" is where the estimator applies it: the
 * minutes in which more are in range than the priors' share of close time explains (in range ×
 * share > count), so the count is the fixed point of that condition. It hardly grows with the
 * group — 2.5 with 10 people, 2.6 with 16, 2.7 with 20 — while the number in range doubles: why
 * the priors' share of close time must shrink in a crowd.
 */
export function settingCloseCount(
  p: Pick<ProximityParameters, 'closeDistanceM' | 'states'>,
  seed = 1,
  people = PEOPLE,
): number {
  const shares = settingBandShares(p, seed);
  const closeShare = p.states.reduce(
    (s, b, i) => s + (b.maxDistanceM <= p.closeDistanceM ? (shares[i] as number) : 0),
    0,
  );
  // Per minute in company: how many were in range and how many of them close.
  const inRange: number[] = [];
  const close: number[] = [];
  for (let day = 0; day < DAYS; day++)
    for (const layout of drawSettingDay(new Prng(seed * 1_000 + day), people))
      for (let a = 0; a < people; a++)
        for (let m = 0; m < layout.minutes; m++) {
          let n = 0;
          let c = 0;
          for (let b = 0; b < people; b++) {
            if (a === b) continue;
            const d = distanceAt(layout, a, b, m);
            if (!(d <= SETTING_RANGE_M)) continue;
            n++;
            if (d <= p.closeDistanceM) c++;
          }
          if (n === 0) continue;
          inRange.push(n);
          close.push(c);
        }
  let count = close.reduce((s, c) => s + c, 0) / close.length;
  for (let round = 0; round < 20; round++) {
    let sum = 0;
    let minutes = 0;
    inRange.forEach((n, i) => {
      if (n * closeShare <= count) return;
      sum += close[i] as number;
      minutes++;
    });
    const next = minutes > 0 ? sum / minutes : count;
    if (Math.abs(next - count) < 1e-9) break;
    count = next;
  }
  return count;
}
