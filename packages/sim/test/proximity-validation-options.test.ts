// The social synthesis's options reach every fold of the validation, on three small made-up
// experiments (a flat level per distance with a little ripple), so this runs without the
// recordings in ../shared.
import { describe, expect, it } from 'vitest';
import { type StaticRecording, type ValidationOptions, validateProximity } from '../src/index';

function experiment(name: string, offsetDb: number): StaticRecording[] {
  return [0.5, 1, 2, 4].map((distanceM) => ({
    dataset: 'mit-matrix' as const,
    experiment: name,
    receiver: `${name}-phone`,
    distanceM,
    offsetsMs: Float64Array.from({ length: 480 }, (_, i) => i * 250),
    rssi: Float64Array.from(
      { length: 480 },
      (_, i) => -50 + offsetDb - 10 * Math.log2(distanceM / 0.5) + ((i * 7) % 5) - 2,
    ),
  }));
}

const RECORDINGS = [...experiment('mit:a', 0), ...experiment('mit:b', -3), ...experiment('mit:c', 2)];

/** Six people a day per made-up experiment, GAEN's scans, calibrated as fitted. */
function validate(options: Partial<ValidationOptions>) {
  return validateProximity(RECORDINGS, {
    seed: 1,
    contacts: 'social',
    roomsPerExperiment: 1,
    people: 6,
    samplings: ['gaen'],
    shiftsDb: [0],
    methods: ['every'],
    ...options,
  }).rows;
}

function heardPairs(options: Partial<ValidationOptions>) {
  const all = validate(options).find((r) => r.dataset === 'all');
  if (!all) throw new Error('no pooled row');
  return all.accuracy;
}

describe('validateProximity on social contacts', () => {
  it('plays every setting in a share of its time with timeScale: the same pairs heard, fewer of them close 10 minutes', () => {
    const whole = heardPairs({});
    const short = heardPairs({ timeScale: 0.3 });
    expect(short.pairs).toBe(whole.pairs);
    expect(whole.closePairs).toBeGreaterThan(0);
    expect(short.closePairs).toBeLessThan(whole.closePairs * 0.7);
    expect(heardPairs({ timeScale: 1 })).toEqual(whole);
  });

  it('scores each held-out experiment on its own with byExperiment, its pairs adding up to all data', () => {
    const run = (byExperiment: boolean) => validate({ methods: ['every', '=bluezone-hmm'], byExperiment });
    const split = run(true);
    for (const method of ['every pair heard ≥ 10 min', 'bluezone-hmm']) {
      const of = (dataset: string) => split.find((r) => r.method === method && r.dataset === dataset)?.accuracy;
      const experiments = ['mit:a', 'mit:b', 'mit:c'].map(of);
      expect(experiments.every((a) => a !== undefined && a.pairs > 0)).toBe(true);
      expect(experiments.reduce((n, a) => n + (a?.pairs ?? 0), 0)).toBe(of('all')?.pairs);
      expect(experiments.reduce((n, a) => n + (a?.closePairs ?? 0), 0)).toBe(of('all')?.closePairs);
    }
    // Without it, the data sets and all data only, as before.
    expect(new Set(run(false).map((r) => r.dataset))).toEqual(new Set(['mit', 'all']));
  });
});
