// `bluezone sim priors`: a simulation report's in-range band shares become the band priors of
// otherwise unchanged parameters (the defaults or a named version), printed as a parameters
// file that `sim preview --parameters` takes; a report without the shares is a one-line error.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DEFAULT_PROXIMITY_PARAMETERS,
  encodePreviewKey,
  PREVIEW_SAMPLE_FORMAT,
  PROXIMITY_PARAMETERS_V4,
  type PreviewSample,
  parseProximityParameters,
  withBandPriors,
} from '@bluezone/protocol';
import { describe, expect, it } from 'vitest';
import { runCli } from './support/run-cli';

const SHARES = [0.04, 0.09, 0.27, 0.6];
const report = (bands: unknown) => ({
  scenario: { name: 'Test village', seed: 5 },
  groundTruth: { closeContacts: 3, inRangeBandShares: bands },
});

describe('bluezone sim priors', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bluezone-sim-priors-'));
  const bands = SHARES.map((share, i) => ({ maxDistanceM: [1, 2, 4, 10][i], share }));
  writeFileSync(join(dir, 'report.json'), JSON.stringify(report(bands)));
  writeFileSync(join(dir, 'old.json'), JSON.stringify({ scenario: {}, groundTruth: { closeContacts: 3 } }));
  writeFileSync(
    join(dir, 'empty.json'),
    JSON.stringify(report(bands.map((b, i) => ({ ...b, share: i === 0 ? 0 : b.share })))),
  );

  it('prints the parameters with the report’s shares as band priors', async () => {
    const r = await runCli(dir, ['sim', 'priors', '--report', 'report.json']);
    expect(r.code).toBe(0);
    const p = parseProximityParameters(r.stdout.join('\n'));
    expect(p).toEqual(
      withBandPriors(DEFAULT_PROXIMITY_PARAMETERS, SHARES, 'bluezone-hmm-v6, priors of Test village seed 5'),
    );
    expect(p.states.map((s) => s.prior)).not.toEqual(DEFAULT_PROXIMITY_PARAMETERS.states.map((s) => s.prior));
    // And sim preview takes the file it printed.
    writeFileSync(join(dir, 'district.json'), r.stdout.join('\n'));
    const sample: PreviewSample = {
      format: PREVIEW_SAMPLE_FORMAT,
      version: 1,
      source: 'test village, seed 5',
      scanPeriodSeconds: 300,
      trueContacts: 1,
      phones: [
        { trueContact: true, keys: [encodePreviewKey([{ timeMs: Date.UTC(2026, 2, 2, 9), attenuationDb: 60 }])] },
      ],
    };
    writeFileSync(join(dir, 'sample.json'), JSON.stringify(sample));
    const preview = await runCli(dir, ['sim', 'preview', '--sample', 'sample.json', '--parameters', 'district.json']);
    expect(preview.code).toBe(0);
    expect(preview.stdout[0]).toMatch(/^test village, seed 5, bluezone-hmm-v6, priors of Test village seed 5: /);
  });

  it('keeps the rest of a named version', async () => {
    const r = await runCli(dir, ['sim', 'priors', '--report', 'report.json', '--parameters', 'v4']);
    expect(r.code).toBe(0);
    const p = parseProximityParameters(r.stdout.join('\n'));
    expect({ ...p, states: [], name: '' }).toEqual({ ...PROXIMITY_PARAMETERS_V4, states: [], name: '' });
    expect(p.name).toBe('bluezone-hmm-v4, priors of Test village seed 5');
  });

  it('refuses a report without the shares, one with an empty band, and a missing file', async () => {
    const old = await runCli(dir, ['sim', 'priors', '--report', 'old.json']);
    expect(old.code).toBe(1);
    expect(old.stderr.join('\n')).toMatch(/no groundTruth\.inRangeBandShares/);
    const empty = await runCli(dir, ['sim', 'priors', '--report', 'empty.json']);
    expect(empty.code).toBe(1);
    expect(empty.stderr.join('\n')).toMatch(/every band needs some in-range time/);
    writeFileSync(join(dir, 'torn.json'), '{"scenario":');
    const torn = await runCli(dir, ['sim', 'priors', '--report', 'torn.json']);
    expect(torn.code).toBe(1);
    expect(torn.stderr.join('\n')).toMatch(/--report .*torn\.json: not JSON/);
    const missing = await runCli(dir, ['sim', 'priors', '--report', 'none.json']);
    expect(missing.code).toBe(1);
    expect(missing.stderr.join('\n')).toMatch(/cannot read --report/);
  });
});
