// The ledger's in-range time per distance band: a distance on a band's edge belongs to that band
// (the estimator's bands are "within 1 m", "within 2 m", …), beyond the last edge is the last band,
// and the shares are of all in-range pair-minutes.
import { describe, expect, it } from 'vitest';
import { ContactLedger } from '../src/simulation/contact-ledger';

describe('contact ledger', () => {
  it('counts in-range minutes per band, edges inclusive', () => {
    const ledger = new ContactLedger(10, 15, 5, false, [1, 2, 4]);
    expect(ledger.bandShares()).toEqual([0, 0, 0, 0]);
    for (const d of [0.5, 1, 1.5, 2, 3, 4, 7, 9.9]) ledger.addInRange(0, 1, d);
    expect(Array.from(ledger.bandMinutes)).toEqual([10, 10, 10, 10]);
    ledger.addInRange(2, 3, 0.2);
    expect(ledger.bandShares()).toEqual([15 / 45, 10 / 45, 10 / 45, 10 / 45]);
  });

  it('keeps the pairs in range per day only when asked', () => {
    const tracked = new ContactLedger(10, 15, 5, true, [1, 2, 4]);
    tracked.addInRange(3, 1, 2.5);
    tracked.endDay(0);
    expect([...(tracked.rangeByDay[0] ?? [])]).toEqual([tracked.key(1, 3)]);
    const untracked = new ContactLedger(10, 15, 5, false, [1, 2, 4]);
    untracked.addInRange(3, 1, 2.5);
    untracked.endDay(0);
    expect(untracked.rangeByDay[0]).toBeUndefined();
    expect(Array.from(untracked.bandMinutes)).toEqual([0, 0, 5, 0]);
  });
});
