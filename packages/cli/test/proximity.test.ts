import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_PROXIMITY_PARAMETERS } from '@bluezone/protocol';
import { describe, expect, it } from 'vitest';
import { type CliRun, runCli } from './support/run-cli';

const HEADER = 'time_ms,receiver,transmitter,rssi,tx_power,receiver_model,transmitter_model';

describe('bluezone proximity', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bluezone-proximity-'));
  const t0 = Date.UTC(2026, 2, 2, 9, 0);
  const lines = [HEADER];
  for (let m = 0; m < 30; m += 5) {
    lines.push(`${t0 + m * 60_000},phoneA,phoneB,-45,-24,iPhone 8,Pixel 4`);
    lines.push(`${t0 + m * 60_000},phoneA,phoneC,-105,-24,iPhone 8,Pixel 4`);
  }
  writeFileSync(join(dir, 'in.csv'), `${lines.join('\n')}\n`);

  it('prints one JSON line per receiver, transmitter and day, close minutes from the estimator', async () => {
    const c = await runCli(dir, ['proximity', '--input', 'in.csv', '--json']);
    expect(c.code).toBe(0);
    const out = c.stdout.map((l) => JSON.parse(l));
    expect(out).toHaveLength(2);
    expect(Object.keys(out[0])).toEqual([
      'receiver',
      'transmitter',
      'day',
      'closeMinutes',
      'closeMinutesLow',
      'closeMinutesHigh',
      'meanCloseMinutes',
      'notifyProbability',
      'heardMinutes',
      'score',
      'exposed',
    ]);
    // Attenuation −24 − (−45) = 21 dB in six scans 5 minutes apart: close for the 26 minutes heard.
    expect(out[0]).toMatchObject({ receiver: 'phoneA', transmitter: 'phoneB', day: '2026-03-02', exposed: true });
    expect(out[0].closeMinutes).toBeGreaterThanOrEqual(20);
    expect(out[0].closeMinutes).toBeLessThanOrEqual(out[0].heardMinutes);
    expect(out[0].score).toBeGreaterThan(0);
    // 81 dB: far, unless both phones were deep in back pockets (the interval says how unlikely).
    expect(out[1]).toMatchObject({ transmitter: 'phoneC', score: 0, exposed: false });
    expect(out[1].closeMinutes).toBeLessThan(out[0].closeMinutes / 2);
  });

  it('reads receivers’ corrections from a newer calibration list, and names a bad one', async () => {
    // A list saying the receiver's model reads 60 dB stronger than an iPhone: its −45 dBm counts as
    // −105, and phoneB's 21 dB becomes 81 dB, far.
    writeFileSync(
      join(dir, 'newer-list.csv'),
      'oem,model,rssi correction,tx,has direct measurement\nSamsung,SM-A505F,-60,-24,yes\n',
    );
    const samsung = lines.map((l, i) => (i === 0 ? l : l.replace('iPhone 8', 'SM-A505F'))).join('\n');
    writeFileSync(join(dir, 'samsung.csv'), `${samsung}\n`);
    const listed = await runCli(dir, ['proximity', '--input', 'samsung.csv', '--json']);
    expect(listed.code).toBe(0);
    const newer = await runCli(dir, [
      'proximity',
      '--input',
      'samsung.csv',
      '--json',
      '--calibration',
      'newer-list.csv',
    ]);
    expect(newer.code).toBe(0);
    const closeOf = (c: CliRun) => JSON.parse(c.stdout[0] as string).closeMinutes as number;
    // The protocol's list has SM-A505F at −3 dB: 24 dB, close.
    expect(closeOf(listed)).toBeGreaterThanOrEqual(20);
    expect(closeOf(newer)).toBeLessThan(closeOf(listed) / 2);
    writeFileSync(join(dir, 'bad-list.csv'), 'oem,model\nSamsung,SM-A505F\n');
    const bad = await runCli(dir, ['proximity', '--input', 'samsung.csv', '--calibration', 'bad-list.csv']);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr.join('\n')).toMatch(/--calibration bad-list\.csv: calibration CSV header must be/);
    const missing = await runCli(dir, ['proximity', '--input', 'samsung.csv', '--calibration', 'no-list.csv']);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr.join('\n')).toMatch(/cannot read --calibration no-list\.csv/);
  });

  it('takes estimator parameters from a file and names a bad one', async () => {
    writeFileSync(
      join(dir, 'params.json'),
      JSON.stringify({ ...DEFAULT_PROXIMITY_PARAMETERS, notifyCloseMinutes: 60 }),
    );
    const c = await runCli(dir, ['proximity', '--input', 'in.csv', '--json', '--parameters', 'params.json']);
    expect(c.code).toBe(0);
    expect(JSON.parse(c.stdout[0] as string).exposed).toBe(false);
    writeFileSync(join(dir, 'bad.json'), JSON.stringify({ ...DEFAULT_PROXIMITY_PARAMETERS, binSeconds: 7 }));
    const bad = await runCli(dir, ['proximity', '--input', 'in.csv', '--parameters', 'bad.json']);
    expect(bad.code).toBe(1);
    expect(bad.stderr.join()).toMatch(/--parameters bad.json: proximity parameters: binSeconds/);
  });

  it('accepts a preset configuration and rejects an unknown one', async () => {
    const c = await runCli(dir, ['proximity', '--input', 'in.csv', '--json', '--config', 'swisscovid-dp3t-sdk']);
    expect(c.code).toBe(0);
    const bad = await runCli(dir, ['proximity', '--input', 'in.csv', '--config', 'nope']);
    expect(bad.code).toBe(1);
    expect(bad.stderr.join()).toMatch(/--config nope: not a preset/);
  });

  it('prints the risk score to the hundredth, not the sum of its floating-point terms', async () => {
    // 40 scans at 56 dB (CWA weight 0.8) summed to 224.00000000000003 before.
    const long = [HEADER];
    for (let m = 0; m < 200; m += 5) long.push(`${t0 + m * 60_000},phoneA,phoneB,-80,-24,iPhone 8,Pixel 4`);
    writeFileSync(join(dir, 'long.csv'), `${long.join('\n')}\n`);
    const c = await runCli(dir, ['proximity', '--input', 'long.csv', '--json']);
    expect(c.code).toBe(0);
    expect(c.stdout).toHaveLength(1);
    expect(c.stdout[0]).toContain('"score":224,');
  });

  it("reads census lines as the receiver's scans and their crowd, in proximity and proximity-score alike", async () => {
    // phoneB heard at 64 dB for an hour; with census lines, every scan also heard twenty others.
    const heard = [HEADER];
    const crowd = [HEADER];
    for (let m = 0; m < 60; m += 5) {
      const line = `${t0 + m * 60_000},phoneA,phoneB,-88,-24,iPhone 8,Pixel 4`;
      heard.push(line);
      crowd.push(line);
      for (let k = 1; k <= 21; k++) crowd.push(`${t0 + m * 60_000},phoneA,#${k},,,iPhone 8,`);
    }
    writeFileSync(join(dir, 'heard.csv'), `${heard.join('\n')}\n`);
    writeFileSync(join(dir, 'crowd.csv'), `${crowd.join('\n')}\n`);
    writeFileSync(join(dir, 'far.csv'), 'receiver,transmitter,true_close_minutes\nphoneA,phoneB,0\n');
    const verdicts = async (file: string) => {
      const c = await runCli(dir, ['proximity', '--input', file, '--json']);
      expect(c.code).toBe(0);
      return c.stdout.map((l) => JSON.parse(l) as { transmitter: string; closeMinutes: number });
    };
    const [alone] = await verdicts('heard.csv');
    const among = await verdicts('crowd.csv');
    expect(among.map((v) => v.transmitter)).toEqual(['phoneB']);
    expect(among[0]?.closeMinutes).toBeLessThan(alone?.closeMinutes as number);
    // Scored against a truth of 0 close minutes, the error is the close minutes given.
    const error = async (file: string) => {
      const c = await runCli(dir, ['proximity-score', '--input', file, '--truth', 'far.csv', '--json']);
      expect(c.code).toBe(0);
      return (JSON.parse(c.stdout[0] as string) as { rows: { accuracy: { maeMinutes: number } }[] }).rows[0]?.accuracy
        .maeMinutes;
    };
    expect(await error('heard.csv')).toBe(alone?.closeMinutes);
    expect(await error('crowd.csv')).toBe(among[0]?.closeMinutes);
  });

  it('with --each-key estimates each transmitter on its own, as a phone estimates a matched key', async () => {
    // phoneB heard for two hours at 80 dB, phoneC for an hour at 66 dB: together they tell phoneA
    // its own offset, which moves phoneC's verdict; each on its own, phoneC is read as a phone
    // with one key would read it.
    const pair = [HEADER];
    for (let m = 0; m < 120; m += 5) pair.push(`${t0 + m * 60_000},phoneA,phoneB,-104,-24,iPhone 8,Pixel 4`);
    for (let m = 0; m < 60; m += 5) pair.push(`${t0 + m * 60_000 + 2000},phoneA,phoneC,-90,-24,iPhone 8,Pixel 4`);
    writeFileSync(join(dir, 'pair.csv'), `${pair.join('\n')}\n`);
    writeFileSync(join(dir, 'pair-c.csv'), `${pair.filter((l) => !l.includes('phoneB')).join('\n')}\n`);
    const verdict = async (file: string, ...flags: string[]) => {
      const c = await runCli(dir, ['proximity', '--input', file, '--json', ...flags]);
      expect(c.code).toBe(0);
      return c.stdout
        .map((l) => JSON.parse(l) as { transmitter: string; meanCloseMinutes: number })
        .find((v) => v.transmitter === 'phoneC');
    };
    const together = await verdict('pair.csv');
    const eachKey = await verdict('pair.csv', '--each-key');
    expect(eachKey).toEqual(await verdict('pair-c.csv'));
    expect(eachKey?.meanCloseMinutes).not.toBe(together?.meanCloseMinutes);
    writeFileSync(join(dir, 'pair-truth.csv'), 'receiver,transmitter,true_close_minutes\nphoneA,phoneC,0\n');
    const s = await runCli(dir, ['proximity-score', '--input', 'pair.csv', '--truth', 'pair-truth.csv', '--each-key']);
    expect(s.code).toBe(0);
    expect(s.stdout.some((l) => l.startsWith('| bluezone-hmm-v6 (each key, as a phone) | 1 (0) |'))).toBe(true);
  });

  it('names an --input it cannot read, and refuses it before any other option is read', async () => {
    const missing = await runCli(dir, ['proximity', '--input', 'nope.csv', '--config', 'nope']);
    expect(missing.code).toBe(1);
    expect(missing.stderr.join()).toMatch(/cannot read --input nope\.csv: ENOENT/);
    const folder = await runCli(dir, ['proximity', '--input', '.']);
    expect(folder.code).toBe(1);
    expect(folder.stderr.join()).toMatch(/cannot read --input \.: EISDIR/);
  });

  it('reports a malformed CSV with its line', async () => {
    writeFileSync(join(dir, 'bad.csv'), `${HEADER}\n1,a,b,-60,-24,m\n`);
    const c = await runCli(dir, ['proximity', '--input', 'bad.csv']);
    expect(c.code).toBe(1);
    expect(c.stderr.join()).toMatch(/line 2: expected 7 fields/);
  });
});

describe('bluezone sim proximity-eval --candidate', () => {
  it('refuses a candidate document it cannot read or validate, naming the option and the field', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bluezone-candidate-'));
    writeFileSync(join(dir, 'bad.json'), JSON.stringify({ ...DEFAULT_PROXIMITY_PARAMETERS, decisionQuantile: 2 }));
    const bad = await runCli(dir, ['sim', 'proximity-eval', '--candidate', 'bad.json']);
    expect(bad.code).toBe(1);
    expect(bad.stderr.join()).toMatch(/--candidate bad.json: proximity parameters: decisionQuantile/);
    const missing = await runCli(dir, ['sim', 'proximity-eval', '--candidate', 'none.json']);
    expect(missing.code).toBe(1);
    expect(missing.stderr.join()).toMatch(/cannot read --candidate none.json/);
  });
});
