import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './support/run-cli';

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
  }, 120_000);

  it('serves estimator parameters as the configuration document with --proximity', async () => {
    const args = ['simulate', '--scenario', 'village.yaml', '--seed', '3', '--json', '--proximity', 'v2'];
    const c = await runCli(dir, args);
    expect(c.code).toBe(0);
    expect(JSON.parse(c.stdout.join('\n')).proximityParameters).toBe('bluezone-hmm-v2');
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
