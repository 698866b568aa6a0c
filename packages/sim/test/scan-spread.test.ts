// The per-scan spread and its trend with distance (scan-spread.ts), on recordings built so the
// answer is known by hand.
import { describe, expect, it } from 'vitest';
import { recordingScanSpread, type StaticRecording, scanSpreadTrend } from '../src/index';

/** One recording whose every 4-second scan holds −60 − δ, −60, −60 + δ (sample SD δ). */
function recording(experiment: string, distanceM: number, deltas: number[]): StaticRecording {
  const offsets: number[] = [];
  const rssi: number[] = [];
  deltas.forEach((d, scan) => {
    [-d, 0, d].forEach((v, i) => {
      offsets.push(scan * 4000 + i * 1000);
      rssi.push(-60 + v);
    });
  });
  return {
    dataset: experiment.startsWith('mit') ? 'mit-matrix' : 'rss-smartphone',
    experiment,
    receiver: 'phone',
    distanceM,
    offsetsMs: Float64Array.from(offsets),
    rssi: Float64Array.from(rssi),
  };
}

describe('per-scan spread', () => {
  it('is the median over scans of each scan’s sample standard deviation', () => {
    expect(recordingScanSpread(recording('mit:a', 1, [1, 2, 5]))).toBe(2);
  });

  it('skips scans with fewer than three readings and gives undefined when none is left', () => {
    const r = recording('mit:a', 1, [2]);
    expect(recordingScanSpread({ ...r, offsetsMs: Float64Array.from([0, 4000, 8000]) })).toBeUndefined();
  });
});

describe('spread trend with distance', () => {
  it('pools within-group slopes per dataset, so a carry’s own spread does not pass for distance', () => {
    const trend = scanSpreadTrend([
      // Two MIT groups rising by 1 dB per decade, one at a spread three dB higher throughout:
      // pooled across groups without intercepts the gap would bend the slope, within them it is 1.
      recording('mit:a', 1, [2]),
      recording('mit:a', 10, [3]),
      recording('mit:b', 1, [5]),
      recording('mit:b', 10, [6]),
      // rss: one group falling by 2 per decade, one rising by 1; equal weights pool to −0.5.
      recording('rss:a', 1, [4]),
      recording('rss:a', 10, [2]),
      recording('rss:b', 1, [1]),
      recording('rss:b', 10, [2]),
      // One distance only: no trend to see, not counted.
      recording('rss:c', 1, [9]),
    ]);
    expect(trend['mit-matrix']?.slopeDbPerDecade).toBeCloseTo(1, 12);
    expect(trend['mit-matrix']).toMatchObject({ rising: 2, falling: 0 });
    expect(trend['rss-smartphone']?.slopeDbPerDecade).toBeCloseTo(-0.5, 12);
    expect(trend['rss-smartphone']).toMatchObject({ rising: 1, falling: 1 });
  });
});
