// `bluezone demo seed` and `bluezone demo clear` in process: the database line first, the demo
// district's figures, a second seed refused in one line, clearing exactly what was seeded.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from './support/run-cli';

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'bz-cli-demo-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('bluezone demo', () => {
  it('seeds a labelled demo district, refuses a second seed, and clears it', { timeout: 120_000 }, async () => {
    const seeded = await runCli(dir, ['demo', 'seed', '--days', '10']);
    expect(seeded.code).toBe(0);
    expect(seeded.stderr[0]).toBe(`bluezone: database: SQLite in ${join(dir, 'data')} (BLUEZONE_DATA_DIR)`);
    const line = seeded.stdout.join('\n');
    expect(line).toMatch(
      /^demo district seeded \(10 days\): (\d+) installs, (\d+) checkpoint scans, 3 campaigns, (\d+) verification codes/,
    );
    const installs = Number(/(\d+) installs/.exec(line)?.[1]);
    expect(installs).toBeGreaterThan(500);

    const again = await runCli(dir, ['demo', 'seed']);
    expect(again.code).not.toBe(0);
    expect(again.stderr.join('\n')).toContain('demo activity is already there: clear it first (bluezone demo clear)');

    const cleared = await runCli(dir, ['demo', 'clear']);
    expect(cleared.code).toBe(0);
    expect(cleared.stdout[0]).toMatch(
      new RegExp(`^demo activity cleared: ${installs} installs, \\d+ checkpoint scans, 3 campaigns`),
    );
    expect((await runCli(dir, ['demo', 'clear'])).stdout).toEqual(['no demo activity to clear']);
  });
});
