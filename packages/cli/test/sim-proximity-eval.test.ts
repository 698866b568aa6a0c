import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { methodList, reliabilityTable } from '../src/commands/sim-proximity-eval';
import { runCli } from './support/run-cli';

describe('bluezone sim proximity-eval options', () => {
  // The recordings are not read for a bad option: a path that does not exist proves it.
  const noData = ['--data', '/nonexistent/mit-matrix-data.tar.gz', '--rss-data', '/nonexistent/rss'];

  it('names a bad option before reading any recording', async () => {
    for (const [args, message] of [
      [['--contacts', 'crowd'], '--contacts must be rooms, social or social-day'],
      [['--samplings', 'gaen,sometimes'], '--samplings must list continuous and/or gaen'],
      [['--shifts', '0,40'], '--shifts must be dB values in -30..30'],
      [['--people', '1'], '--people must be an integer 2..60'],
      [['--rooms', 'many'], '--rooms must be an integer 1..100'],
      [
        ['--contacts', 'social', '--samplings', 'gaen', '--scan-loss', '1'],
        '--scan-loss must be a probability in 0..0.9',
      ],
      [
        ['--contacts', 'social', '--samplings', 'gaen', '--scan-loss', ''],
        '--scan-loss must be a probability in 0..0.9',
      ],
      [['--contacts', 'social', '--scan-loss', '0.3'], '--scan-loss applies to GAEN scans of social contacts'],
      [['--samplings', 'gaen', '--scan-loss', '0.3'], '--scan-loss applies to GAEN scans of social contacts'],
      [['--contacts', 'social', '--crowd-exponent', '0'], '--crowd-exponent must be a number in 0.1..1.5'],
      [['--contacts', 'social', '--crowd-exponent', 'open'], '--crowd-exponent must be a number in 0.1..1.5'],
      [['--contacts', 'social', '--crowd-exponent', ' '], '--crowd-exponent must be a number in 0.1..1.5'],
      [['--crowd-exponent', '1'], '--crowd-exponent applies to social contacts'],
      [['--contacts', 'social', '--spread-scale', '2.5'], '--spread-scale must be a number in 0..2'],
      [['--contacts', 'social', '--spread-scale', 'half'], '--spread-scale must be a number in 0..2'],
      [['--contacts', 'social', '--spread-scale', ''], '--spread-scale must be a number in 0..2'],
      [['--spread-scale', '0'], '--spread-scale applies to social contacts'],
      [['--contacts', 'social', '--time-scale', '0'], '--time-scale must be a number in 0.1..2'],
      [['--contacts', 'social', '--time-scale', 'short'], '--time-scale must be a number in 0.1..2'],
      [['--time-scale', '0.5'], '--time-scale applies to social contacts'],
      [['--unread-tx-bias', '25'], '--unread-tx-bias must be a number of dB in -20..20'],
      [['--unread-tx-bias', 'low'], '--unread-tx-bias must be a number of dB in -20..20'],
    ] as const) {
      const c = await runCli(tmpdir(), ['sim', 'proximity-eval', ...args, ...noData]);
      expect(c.code).toBe(2);
      expect(c.stderr.join('\n')).toContain(message);
      expect(c.stdout).toEqual([]);
    }
  });

  it('with good options, goes on to the recordings and says when they are absent', async () => {
    const args = [
      '--contacts',
      'social-day',
      '--samplings',
      'gaen',
      '--scan-loss',
      '0.3',
      '--crowd-exponent',
      '1',
      '--spread-scale',
      '0',
      '--time-scale',
      '0.4',
      '--by-experiment',
      // As the usage line writes it: a negative value after its option.
      '--shifts',
      '-6,0,6',
    ];
    const c = await runCli(tmpdir(), ['sim', 'proximity-eval', ...args, ...noData]);
    expect(c.code).not.toBe(0);
    expect(c.stderr.join('\n')).toMatch(/mit-matrix-data\.tar\.gz/);
    expect(c.stderr.join('\n')).not.toMatch(/must be|usage/);
  });
});

describe('--methods', () => {
  it('splits at commas, but not at a comma followed by a space, which is part of a method’s name', () => {
    expect(methodList('=bluezone-hmm,bluezone-hmm, candidate,cwa')).toEqual([
      '=bluezone-hmm',
      'bluezone-hmm, candidate',
      'cwa',
    ]);
    expect(methodList('single,every,')).toEqual(['single', 'every']);
  });
});

describe('the reliability table', () => {
  it('prints a line per sampling and tenth, and nothing without the estimate’s cut', () => {
    expect(reliabilityTable([])).toEqual([]);
    const lines = reliabilityTable([
      {
        sampling: 'gaen',
        calibrationShiftDb: 6,
        bins: [{ from: 0.2, to: 0.3, pairs: 40, meanProbability: 0.251, closeShare: 0.375 }],
      },
    ]);
    expect(lines.at(-1)).toBe('| gaen | +6 dB | 0.2–0.3 | 40 | 0.25 | 38 % |');
  });
});
