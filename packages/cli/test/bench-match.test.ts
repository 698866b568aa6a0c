// `bluezone bench match` at a small size: the result line's shape and a perfect recall
// (speed is the benchmark's business, not the test's).
import { describe, expect, it } from 'vitest';
import { runCli } from './support/run-cli';

async function run(...argv: string[]) {
  const { code, stdout, stderr } = await runCli(process.cwd(), argv);
  return { code, out: stdout, err: stderr };
}

describe('bluezone bench match', () => {
  it('finds every planted sighting and ends with the JSON result line', async () => {
    const { code, out } = await run('bench', 'match', '--keys', '3000', '--encounters', '800', '--json');
    expect(code).toBe(0);
    expect(out).toHaveLength(1);
    const r = JSON.parse(out.at(-1) as string);
    expect(Object.keys(r)).toEqual(
      expect.arrayContaining([
        'keys',
        'rpis',
        'seconds',
        'aesSeconds',
        'ratio',
        'recall',
        'peakRssMb',
        'bulkAesSeconds',
      ]),
    );
    expect(r.keys).toBe(3000);
    expect(r.threads).toBe(1);
    expect(r.parallel).toBeUndefined();
    expect(r.rpis).toBe(3000 * 168); // 144 intervals + 12 on each side
    expect(r.encounters).toBe(800);
    expect(r.planted).toBe(8 * 4); // 800 / 100 keys met, 4 sightings each
    expect(r.recall).toBe(1);
    expect(r.falsePositives).toBe(0);
    // ratio comes from the unrounded times; seconds and aesSeconds are printed to the millisecond,
    // which at this size (~10 ms each) moves their quotient by up to a few percent.
    const rounding = (0.0005 / r.seconds + 0.0005 / r.aesSeconds) * (r.seconds / r.aesSeconds);
    expect(Math.abs(r.ratio - r.seconds / r.aesSeconds)).toBeLessThanOrEqual(rounding + 0.001);
    for (const field of ['seconds', 'aesSeconds', 'bulkAesSeconds', 'peakRssMb']) expect(r[field]).toBeGreaterThan(0);
  });

  it('prints human-readable lines without --json, the JSON line last; --threads adds a parallel run', async () => {
    const { code, out } = await run('bench', 'match', '--keys', '500', '--encounters', '200', '--threads', '2');
    expect(code).toBe(0);
    expect(out.length).toBeGreaterThan(3);
    expect(out[0]).toMatch(/^matched 500 keys \(84000 RPIs\) against 200 sightings/);
    expect(out.some((l) => l.startsWith('baseline per-key AES-128-ECB'))).toBe(true);
    const r = JSON.parse(out.at(-1) as string);
    expect(r.recall).toBe(1);
    expect(r.threads).toBe(2);
    expect(r.parallel).toMatchObject({ recall: 1, falsePositives: 0 });
    expect(out.some((l) => l.startsWith('2 threads:'))).toBe(true);
  });

  it('rejects bad options with a usage error', async () => {
    const { code, err } = await run('bench', 'match', '--keys', 'many');
    expect(code).toBe(2);
    expect(err.join('\n')).toMatch(/--keys must be a non-negative integer/);
    expect((await run('bench', 'match', '--keys', '0')).code).toBe(2);
  });
});
