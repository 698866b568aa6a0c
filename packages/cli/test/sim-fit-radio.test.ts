import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mitMatrixPath } from '@bluezone/sim';
import { describe, expect, it } from 'vitest';
import { runCli } from './support/run-cli';

const present = existsSync(mitMatrixPath(undefined));
if (!present)
  console.warn(`bluezone sim fit-radio test SKIPPED: MIT Matrix data absent at ${mitMatrixPath(undefined)}`);

describe('bluezone sim fit-radio', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bluezone-fit-radio-'));

  it.skipIf(!present)(
    'prints the fit and the held-out comparison as JSON',
    async () => {
      const c = await runCli(dir, ['sim', 'fit-radio', '--json']);
      expect(c.code).toBe(0);
      const result = JSON.parse(c.stdout.join('\n'));
      expect(result.fit.pathLossExponent).toBeGreaterThan(0.8);
      expect(result.heldOut.map((r: { distanceM: number }) => r.distanceM)).toEqual([1.22, 2.44, 3.66]);
      // On the GAEN scale: within 4 dB of the Dublin tram's mean attenuation from 1.6 to 2.3 m.
      expect(result.gaenOffsetDb).toBeGreaterThan(10);
      for (const r of result.tram.rows.filter((x: { distanceM: number }) => x.distanceM >= 1.5 && x.distanceM <= 2.5))
        expect(Math.abs(r.simMeanDb - r.tramMeanDb)).toBeLessThan(4);
      // Reading the 14 MB archive and fitting takes seconds; a loaded CI machine may need more.
    },
    120_000,
  );

  it('says clearly when the data is absent', async () => {
    const c = await runCli(dir, ['sim', 'fit-radio', '--data', '/nonexistent/mit.tar.gz']);
    expect(c.code).toBe(3);
    expect(c.stderr.join('\n')).toMatch(/MIT Matrix BLE data not found at \/nonexistent\/mit\.tar\.gz/);
  });
});
