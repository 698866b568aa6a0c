// A social day in a share of its time (`drawSettingDay`'s timeScale, `scaleSettingTime`): the same
// places, every stay shorter in proportion.
import { describe, expect, it } from 'vitest';
import { distanceAt, drawSettingDay, Prng, type SettingLayout, scaleSettingTime } from '../src/index';

const PEOPLE = 10;

/** Per setting: every pair's minutes within 2 m, and the longest unbroken run of them. */
function closeTime(layout: SettingLayout): { minutes: number; longest: number } {
  let minutes = 0;
  let longest = 0;
  for (let a = 0; a < PEOPLE; a++)
    for (let b = a + 1; b < PEOPLE; b++) {
      let run = 0;
      for (let m = 0; m < layout.minutes; m++) {
        if (distanceAt(layout, a, b, m) <= 2) {
          minutes++;
          longest = Math.max(longest, ++run);
        } else run = 0;
      }
    }
  return { minutes, longest };
}

describe('a social day in a share of its time', () => {
  const full = drawSettingDay(new Prng(41), PEOPLE);

  it('is the same day at 1', () => {
    expect(drawSettingDay(new Prng(41), PEOPLE, 1)).toEqual(full);
  });

  it('keeps who stood where, minute m being minute ⌊m / scale⌋ of the full day', () => {
    const short = drawSettingDay(new Prng(41), PEOPLE, 0.4);
    short.forEach((layout, i) => {
      const whole = full[i] as SettingLayout;
      expect(layout.setting).toBe(whole.setting);
      expect(layout.crowdExponent).toBe(whole.crowdExponent);
      expect(layout.minutes).toBe(Math.round(whole.minutes * 0.4));
      for (let p = 0; p < PEOPLE; p++)
        for (let m = 0; m < layout.minutes; m++) {
          const from = Math.floor(m / 0.4);
          expect([layout.position[p]?.[2 * m], layout.position[p]?.[2 * m + 1]]).toEqual([
            whole.position[p]?.[2 * from],
            whole.position[p]?.[2 * from + 1],
          ]);
        }
    });
  });

  it('shortens every setting’s close time and its longest stay in proportion, and lengthens them above 1', () => {
    for (const scale of [0.4, 2]) {
      for (const whole of full) {
        const scaled = closeTime(scaleSettingTime(whole, scale));
        const base = closeTime(whole);
        // Sampling every 1/scale-th minute: the share of close minutes is the day's, to within the
        // ends of stays that fall between the minutes kept.
        expect(scaled.minutes / (base.minutes * scale)).toBeGreaterThan(0.8);
        expect(scaled.minutes / (base.minutes * scale)).toBeLessThan(1.2);
        // The longest stay: twice as long at 2 (every minute kept twice); at 0.4 at least its share,
        // less the minute cut at either end, and shorter than the full day's (two stays a minute
        // apart may run together when the minute between is not kept).
        if (scale === 2) expect(scaled.longest).toBe(2 * base.longest);
        else {
          expect(scaled.longest).toBeGreaterThanOrEqual(Math.floor(base.longest * scale) - 1);
          expect(scaled.longest).toBeLessThan(base.longest);
        }
      }
    }
  });

  it('keeps at least a minute', () => {
    const [lunch] = full;
    expect(scaleSettingTime(lunch as SettingLayout, 0.001).minutes).toBe(1);
  });
});
