import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DEFAULT_PROXIMITY_PARAMETERS,
  PROXIMITY_PARAMETER_VERSIONS,
  type ProximityParameters,
  parsePreviewSample,
  previewNotifications,
} from '@bluezone/protocol';
import type { SimulationReport } from '@bluezone/sim';
import { describe, expect, it } from 'vitest';
import { runCli } from './support/run-cli';

/** The report's notification figures as `previewNotifications` gives them. */
const figuresOf = ({ detection: d }: SimulationReport) => ({
  notified: d.notified,
  truePositives: d.truePositives,
  trueContacts: d.trueF1,
  precision: d.precision,
  recall: d.recall,
});

describe('bluezone simulate', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bluezone-simulate-'));

  it('runs a scenario file and writes the JSON and HTML reports, with time and memory on stderr', async () => {
    writeFileSync(
      join(dir, 'village.yaml'),
      [
        'name: Test village',
        'days: 2',
        'communes:',
        '  - name: A',
        '    population: 150',
        'epidemic:',
        '  initialInfected: 10',
        '  latentDays: 0.5',
        '  testDelayDays: 0',
        '  symptomaticShare: 1',
      ].join('\n'),
    );
    const c = await runCli(dir, [
      'simulate',
      '--scenario',
      'village.yaml',
      '--seed',
      '3',
      '--adoption',
      'residents=0.9,students=0.9',
      '--out',
      'out',
      '--json',
      '--progress',
      '--preview-sample',
      'sample.json',
    ]);
    expect(c.code).toBe(0);
    const report = JSON.parse(c.stdout.join('\n'));
    expect(report.scenario).toMatchObject({ name: 'Test village', people: 150, days: 2, seed: 3 });
    expect(report.scenario.adoption.residents).toBe(0.9);
    expect(report.digest).toMatch(/^[0-9a-f]{64}$/);
    expect(report.proximityParameters).toBe('bluezone-hmm-v6');
    expect(JSON.parse(readFileSync(join(dir, 'out', 'report.json'), 'utf8')).digest).toBe(report.digest);
    const html = readFileSync(join(dir, 'out', 'report.html'), 'utf8');
    expect(html).toContain('<svg');
    expect(html).not.toMatch(/<script|https?:\/\//);
    expect(c.stderr.at(-1)).toMatch(
      /simulated 150 people × 2 days in [\d.]+ s wall \([\d.]+ s CPU\), peak memory \d+ MB/,
    );
    expect(c.stderr.some((l) => /simulate 50%/.test(l))).toBe(true);
    // The preview sample of the same run: re-scored under the run's parameters, the report's figures.
    const sample = parsePreviewSample(readFileSync(join(dir, 'sample.json'), 'utf8'));
    expect(sample.source).toBe('Test village, seed 3, 2 days');
    expect(report.detection.notified).toBeGreaterThan(10);
    expect(previewNotifications(sample, DEFAULT_PROXIMITY_PARAMETERS)).toEqual(figuresOf(report));
  }, 120_000);

  it('serves estimator parameters as the configuration document with --proximity', async () => {
    const args = ['simulate', '--scenario', 'village.yaml', '--seed', '3', '--json', '--proximity', 'v2'];
    // The first test's adoption, so that the served parameters decide enough notifications to compare.
    const adoption = ['--adoption', 'residents=0.9,students=0.9', '--preview-sample', 'served.json'];
    const c = await runCli(dir, [...args, ...adoption]);
    expect(c.code).toBe(0);
    const report = JSON.parse(c.stdout.join('\n'));
    expect(report.proximityParameters).toBe('bluezone-hmm-v2');
    // Its preview sample re-scored under the served parameters gives its figures, under stricter ones fewer.
    const v2 = PROXIMITY_PARAMETER_VERSIONS.find((p) => p.name === 'bluezone-hmm-v2') as ProximityParameters;
    const sample = parsePreviewSample(readFileSync(join(dir, 'served.json'), 'utf8'));
    expect(report.detection.notified).toBeGreaterThan(10);
    expect(previewNotifications(sample, v2)).toEqual(figuresOf(report));
    expect(previewNotifications(sample, { ...v2, notifyCloseMinutes: 120 }).notified).toBeLessThan(
      report.detection.notified,
    );
    const d = await runCli(dir, ['simulate', '--scenario', 'village.yaml', '--proximity', 'nowhere.json']);
    expect(d.code).toBe(1);
    expect(d.stderr.join()).toMatch(/cannot read --proximity nowhere\.json/);
  }, 120_000);

  it('rejects a bad scenario and bad options with one clear line', async () => {
    writeFileSync(join(dir, 'bad.json'), JSON.stringify({ name: 'x', communes: [{ name: 'c', population: 0 }] }));
    const c = await runCli(dir, ['simulate', '--scenario', 'bad.json']);
    expect(c.code).toBe(1);
    expect(c.stderr.join()).toMatch(/bad\.json: communes\.0\.population/);
    const d = await runCli(dir, ['simulate', '--adoption', 'pilots=0.5']);
    expect(d.code).toBe(2);
    expect(d.stderr.join()).toMatch(/unknown group "pilots"/);
    expect(existsSync(join(dir, 'bad'))).toBe(false);
  });
});
