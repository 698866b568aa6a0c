// The estimator's default band priors are the social settings' own geometry: the share of the
// time two phones are in range that they spend in each distance band, over many drawn days. If
// the settings change (or the priors are edited by hand), this says which one moved. So is the
// crowd's close count: how many others are within 2 m, which hardly grows with the group.
import { DEFAULT_PROXIMITY_PARAMETERS as P } from '@bluezone/protocol';
import { describe, expect, it } from 'vitest';
import { settingBandShares, settingCloseCount } from '../src/index';

describe('settingBandShares', () => {
  const shares = settingBandShares(P);

  it('divides all in-range time among the bands, and more of it the farther the band reaches', () => {
    expect(shares).toHaveLength(P.states.length);
    expect(shares.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
    for (const s of shares) expect(s).toBeGreaterThan(0.05);
    expect(shares.at(-1)).toBeGreaterThan(shares[0] as number);
  });

  it('settles: another draw of days gives the same shares within a point', () => {
    settingBandShares(P, 2).forEach((s, i) => {
      expect(Math.abs(s - (shares[i] as number))).toBeLessThan(0.01);
    });
  });

  it('is what the default priors are, the in-range share of each band times the share in range', () => {
    P.states.forEach((state, i) => {
      expect(Math.abs(state.prior - (shares[i] as number) * (1 - P.absentPrior)), state.name).toBeLessThan(0.01);
    });
  });
});

describe('settingCloseCount', () => {
  const count = settingCloseCount(P);

  it('is the default crowdCloseCount', () => {
    expect(Math.abs(count - (P.crowdCloseCount as number))).toBeLessThan(0.1);
  });

  it('hardly grows with the group while the share of close time falls', () => {
    const twenty = settingCloseCount(P, 1, 20);
    expect(twenty).toBeGreaterThan(count);
    expect(twenty).toBeLessThan(count * 1.4);
  });
});
