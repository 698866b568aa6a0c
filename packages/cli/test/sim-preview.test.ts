// `bluezone sim preview`: a recorded preview sample re-scored under the defaults, an earlier
// parameter version or a file, with the curve of what any threshold could give; a file that is
// not a sample, or none given, is a one-line error.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  bestPrecisionAtRecall,
  DEFAULT_PROXIMITY_PARAMETERS,
  decisionQuantileFor,
  encodePreviewKey,
  PREVIEW_SAMPLE_FORMAT,
  PROXIMITY_PARAMETERS_V2,
  type PreviewSample,
  previewCurve,
  previewNotifications,
} from '@bluezone/protocol';
import { describe, expect, it } from 'vitest';
import { quartiles } from '../src/commands/sim-preview';
import { runCli } from './support/run-cli';

const T0 = Date.UTC(2026, 2, 2, 9, 0);
const key = (level: number) =>
  encodePreviewKey(Array.from({ length: 12 }, (_, k) => ({ timeMs: T0 + k * 300_000, attenuationDb: level })));
const sample: PreviewSample = {
  format: PREVIEW_SAMPLE_FORMAT,
  version: 1,
  source: 'test village, seed 7',
  scanPeriodSeconds: 300,
  trueContacts: 4,
  phones: [55, 60, 63, 66, 70, 75].map((level, i) => ({ trueContact: i % 2 === 0, keys: [key(level)] })),
};

describe('bluezone sim preview', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bluezone-sim-preview-'));
  writeFileSync(join(dir, 'sample.json'), JSON.stringify(sample));
  writeFileSync(join(dir, 'v2.json'), JSON.stringify(PROXIMITY_PARAMETERS_V2));
  writeFileSync(join(dir, 'other.json'), JSON.stringify({ format: 'something else' }));

  it('prints the notifications under the defaults', async () => {
    const r = await runCli(dir, ['sim', 'preview', '--sample', 'sample.json']);
    expect(r.code).toBe(0);
    const expected = previewNotifications(sample, DEFAULT_PROXIMITY_PARAMETERS);
    expect(r.stdout).toEqual([
      `test village, seed 7, bluezone-hmm-v6: ${expected.notified} notified (${expected.truePositives} true contacts): ` +
        `precision ${(100 * expected.precision).toFixed(1)} %, recall ${(100 * expected.recall).toFixed(1)} % of 4`,
    ]);
  });

  it('re-scores under an earlier version by name or from a file, the same either way', async () => {
    const byName = await runCli(dir, ['sim', 'preview', '--sample', 'sample.json', '--parameters', 'v2', '--json']);
    const byFile = await runCli(dir, [
      'sim',
      'preview',
      '--sample',
      'sample.json',
      '--parameters',
      'v2.json',
      '--json',
    ]);
    expect(byName.code).toBe(0);
    expect(byFile.stdout).toEqual(byName.stdout);
    expect(JSON.parse(byName.stdout[0] as string)).toEqual({
      source: sample.source,
      parameters: 'bluezone-hmm-v2',
      ...previewNotifications(sample, PROXIMITY_PARAMETERS_V2),
    });
  });

  it('prints the most precise cut at each recall with --curve', async () => {
    const r = await runCli(dir, ['sim', 'preview', '--sample', 'sample.json', '--curve', '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout[0] as string);
    const curve = previewCurve(sample, DEFAULT_PROXIMITY_PARAMETERS);
    expect(out.decision).toEqual(previewNotifications(sample, DEFAULT_PROXIMITY_PARAMETERS));
    const at = (recall: number) => out.atRecall.find((a: { recall: number }) => a.recall === recall).best;
    expect(at(0.5)).toEqual(bestPrecisionAtRecall(curve, 0.5));
    const half = out.atRecall.find((a: { recall: number }) => a.recall === 0.5);
    expect(half.decisionQuantile).toBe(decisionQuantileFor(half.best.probability));
    // Three of the four true contacts matched a key: no threshold reaches 85 %.
    expect(at(0.75)).toMatchObject({ truePositives: 3 });
    expect(at(0.85)).toBeNull();
    // The errors: the wrongly notified and the missed true contacts, by what they heard.
    const wrong = curve.errors.wronglyNotified;
    expect(out.errors.wronglyNotified.phones).toBe(curve.decision.notified - curve.decision.truePositives);
    expect(out.errors.missed.phones).toBe(3 - curve.decision.truePositives);
    expect(wrong.length).toBeGreaterThan(0);
    expect(out.errors.wronglyNotified.medianAttenuationDb.median).toBe(
      [...wrong].map((d) => d.medianAttenuationDb).sort((a, b) => a - b)[Math.ceil(wrong.length / 2) - 1],
    );
    const text = await runCli(dir, ['sim', 'preview', '--sample', 'sample.json', '--curve']);
    expect(text.stdout[1]).toMatch(
      /^ {2}wrongly notified: \d+ phones; median \(quartiles\) heard \d+ \(\d+–\d+\) min at /,
    );
    expect(text.stdout[2]).toMatch(/^ {2}true contacts missed \(matched a key\): \d+ phones/);
    expect(out.reliability).toEqual(curve.reliability);
    const header = text.stdout.findIndex((l) => l.startsWith('how often the phones at each probability'));
    expect(header).toBeGreaterThan(0);
    expect(text.stdout.slice(header + 1)).toHaveLength(curve.reliability.length);
    expect(text.stdout[header - 3]).toMatch(/^ {2}recall ≥ 85\.0 %: no threshold reaches it/);
    expect(text.stdout[4]).toMatch(
      /^ {2}recall ≥ 50\.0 %: probability ≥ 0\.\d{3} \(decisionQuantile 0\.\d+\), \d+ notified/,
    );
  });

  it('takes quartiles by nearest rank', () => {
    expect(quartiles([])).toBeUndefined();
    expect(quartiles([5])).toEqual({ q1: 5, median: 5, q3: 5 });
    expect(quartiles([4, 1, 3, 2])).toEqual({ q1: 1, median: 2, q3: 3 });
    expect(quartiles([10, 20, 30, 40, 50, 60, 70, 80])).toEqual({ q1: 20, median: 40, q3: 60 });
  });

  it('refuses a file that is not a sample, and a missing --sample', async () => {
    const other = await runCli(dir, ['sim', 'preview', '--sample', 'other.json']);
    expect(other.code).toBe(1);
    expect(other.stderr.join('\n')).toMatch(/--sample .*other\.json: preview sample: not a bluezone-preview-sample/);
    const missing = await runCli(dir, ['sim', 'preview', '--sample', 'none.json']);
    expect(missing.code).toBe(1);
    expect(missing.stderr.join('\n')).toMatch(/cannot read --sample .*none\.json/);
    const usage = await runCli(dir, ['sim', 'preview']);
    expect(usage.code).not.toBe(0);
    expect(usage.stderr.join('\n')).toMatch(/--sample/);
  });
});
