// `bluezone bench cli` at two runs: the result's shape and that its ratio and difference are
// those of the medians it prints (speed is the benchmark's business, not the test's).
import { describe, expect, it } from 'vitest';
import { runCli } from './support/run-cli';

describe('bluezone bench cli', () => {
  it('times bin/bluezone.js help against node -e 0 and ends with the JSON result line', async () => {
    const { code, stdout: out } = await runCli(process.cwd(), ['bench', 'cli', '--runs', '2']);
    expect(code).toBe(0);
    expect(out).toHaveLength(4);
    expect(out[0]).toMatch(/^bluezone help: [\d.]+ s median of 2 runs/);
    const r = JSON.parse(out.at(-1) as string);
    expect(r.runs).toBe(2);
    expect(r.helpSeconds).toBeGreaterThan(0);
    expect(r.nodeSeconds).toBeGreaterThan(0);
    expect(r.helpMinSeconds).toBeLessThanOrEqual(r.helpMaxSeconds);
    // Both are computed from the unrounded medians; the printed values are rounded to 1 ms.
    expect(Math.abs(r.differenceSeconds - (r.helpSeconds - r.nodeSeconds))).toBeLessThanOrEqual(0.0011);
    expect(Math.abs(r.ratio - r.helpSeconds / r.nodeSeconds)).toBeLessThanOrEqual(0.002 / r.nodeSeconds + 0.001);
  });

  it('refuses a run count outside 1..1000', async () => {
    const { code, stderr } = await runCli(process.cwd(), ['bench', 'cli', '--runs', '0']);
    expect(code).toBe(2);
    expect(stderr).toEqual(['bluezone bench cli: --runs must be 1..1000']);
  });
});
