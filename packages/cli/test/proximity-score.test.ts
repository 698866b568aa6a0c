// `bluezone proximity-score`: real sightings against their ground truth, as the outside
// evaluation scores pairs. A hand-made log: one receiver hears B close (attenuation 21 dB) and
// C and D far (81 dB) for 30 minutes each in GAEN-like scans; E is in the truth but never heard.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decisionQuantileFor } from '@bluezone/protocol';
import { describe, expect, it } from 'vitest';
import { runCli } from './support/run-cli';

describe('bluezone proximity-score', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bluezone-proximity-score-'));
  const t0 = Date.UTC(2026, 2, 2, 9, 0);
  const lines = ['time_ms,receiver,transmitter,rssi,tx_power,receiver_model,transmitter_model'];
  for (let m = 0; m < 30; m += 5)
    for (const [tx, rssi] of [
      ['phoneB', -45],
      ['phoneC', -105],
      ['phoneD', -105],
    ] as const)
      lines.push(`${t0 + m * 60_000},phoneA,${tx},${rssi},-24,iPhone 8,Pixel 4`);
  writeFileSync(join(dir, 'in.csv'), `${lines.join('\n')}\n`);
  // B close for 30 minutes over two sessions; C never within 2 m; D 12 minutes (close, though far
  // by its readings); E close but unheard; a pair the truth does not name (none here) is not scored.
  writeFileSync(
    join(dir, 'truth.csv'),
    [
      'receiver,transmitter,day,distance_m,true_close_minutes,minutes',
      'phoneA,phoneB,2026-03-02,1.00,20,20',
      'phoneA,phoneB,2026-03-02,1.00,10,10',
      'phoneA,phoneC,2026-03-02,6.00,0,30',
      'phoneA,phoneD,2026-03-02,1.50,12,30',
      'phoneA,phoneE,2026-03-02,1.00,15,15',
      '',
    ].join('\n'),
  );

  it('scores the estimator, the rules and the bars in hindsight over the truth file’s pairs', async () => {
    const c = await runCli(dir, ['proximity-score', '--input', 'in.csv', '--truth', 'truth.csv', '--json']);
    expect(c.code).toBe(0);
    const score = JSON.parse(c.stdout[0] as string) as {
      rows: { method: string; accuracy: { pairs: number; closePairs: number; flagged: number; precision: number } }[];
      reliability: { pairs: number }[];
    };
    const row = (prefix: string) => score.rows.find((r) => r.method.startsWith(prefix))?.accuracy;
    // Four pairs (B's two lines summed), three of them close (B, D, E).
    expect(row('bluezone-hmm-v6')).toMatchObject({ pairs: 4, closePairs: 3, flagged: 1, precision: 1 });
    // Every pair heard for 30 minutes is flagged: B, C and D.
    expect(row('every pair heard')).toMatchObject({ flagged: 3 });
    expect(row('single threshold in hindsight')).toBeDefined();
    expect(row('bluezone-hmm-v6, probability cut in hindsight (P ≥ ')).toBeDefined();
    expect(score.reliability.reduce((n, b) => n + b.pairs, 0)).toBe(4);
  });

  it('prints the table and the calibration without --json', async () => {
    const c = await runCli(dir, ['proximity-score', '--input', 'in.csv', '--truth', 'truth.csv']);
    expect(c.code).toBe(0);
    expect(c.stdout[0]).toBe('| method | pairs (close) | flagged | precision | recall | F1 | close-minute MAE |');
    expect(c.stdout.some((l) => l.startsWith('| bluezone-hmm-v6 | 4 (3) | 1 | 100 % | 33 % |'))).toBe(true);
    expect(c.stdout).toContain('| probability of 10 close minutes | pairs | mean probability | truly close |');
    // One receiver: the cut it points to is named, and there are no other receivers to check it on.
    expect(c.stdout).toContain('Too few receivers or close pairs to check a cut on pairs it was not chosen on.');
  });

  it('says whether the cut a field test points to holds on receivers it was not chosen on', async () => {
    // Three receivers, each hearing a phone at 21 dB (close) and one at 58 or 62 dB: R1's at 58 dB
    // was close, R2's was not, R3's at 62 dB was not. On all of them the best cut flags both 58 dB
    // pairs; chosen without R1 it flags neither (R1's close one is missed), chosen without R2 it
    // flags both (R2's is a false alarm), chosen without R3 it flags the 58 dB pairs only.
    const plan = {
      R1: [
        ['near', -45, 30],
        ['mid', -82, 30],
      ],
      R2: [
        ['near', -45, 30],
        ['mid', -82, 0],
      ],
      R3: [
        ['near', -45, 30],
        ['mid', -86, 0],
      ],
    } as const;
    const log = ['time_ms,receiver,transmitter,rssi,tx_power,receiver_model,transmitter_model'];
    const truth = ['receiver,transmitter,true_close_minutes'];
    for (const [rx, heard] of Object.entries(plan)) {
      for (let m = 0; m < 30; m += 5)
        for (const [tx, rssi] of heard) log.push(`${t0 + m * 60_000},${rx},${rx}-${tx},${rssi},-24,iPhone 8,Pixel 4`);
      for (const [tx, , close] of heard) truth.push(`${rx},${rx}-${tx},${close}`);
    }
    writeFileSync(join(dir, 'three.csv'), `${log.join('\n')}\n`);
    writeFileSync(join(dir, 'three-truth.csv'), `${truth.join('\n')}\n`);
    const json = await runCli(dir, ['proximity-score', '--input', 'three.csv', '--truth', 'three-truth.csv', '--json']);
    expect(json.code).toBe(0);
    const { cut, rows } = JSON.parse(json.stdout[0] as string) as {
      rows: { method: string; accuracy: { f1: number } }[];
      cut: {
        probability: number;
        decisionQuantile: number;
        crossValidated: { folds: number; cuts: number[]; accuracy: Record<string, number> };
      };
    };
    expect(cut.probability).toBeGreaterThan(0);
    expect(cut.probability).toBeLessThan(0.5);
    // The quantile the web admin's preview would name for that cut: the next thousandth above 1 − P.
    expect(cut.decisionQuantile).toBe(decisionQuantileFor(cut.probability));
    expect(cut.decisionQuantile).toBeCloseTo(1 - cut.probability + 0.001, 10);
    expect(cut.crossValidated.folds).toBe(3);
    expect(cut.crossValidated.cuts[0]).toBeGreaterThan(cut.probability);
    expect(cut.crossValidated.cuts.slice(1)).toEqual([cut.probability, cut.probability]);
    expect(cut.crossValidated.accuracy).toMatchObject({
      pairs: 6,
      closePairs: 4,
      flagged: 4,
      precision: 0.75,
      recall: 0.75,
    });
    // The cut in hindsight (0.89 here) is above the decision; on receivers it was not chosen on, below it.
    expect(rows[0]?.accuracy.f1).toBeGreaterThan(0.75);
    const text = await runCli(dir, ['proximity-score', '--input', 'three.csv', '--truth', 'three-truth.csv']);
    expect(text.stdout).toContain(
      `The probability cut in hindsight (P ≥ ${cut.probability.toFixed(3)}) is the decision decisionQuantile ${cut.decisionQuantile.toFixed(3)} takes, served in the configuration document's proximity.`,
    );
    expect(text.stdout.at(-1)).toMatch(
      /^Chosen on the other receivers' pairs and scored on each fold's own \(3 folds by receiver\), such a cut scores F1 0\.75 \(75 % \/ 75 %\) against the decision's 0\.\d\d on the same pairs: this field test does not support serving another decisionQuantile\.$/,
    );

    // Where every receiver's 58 dB phone was close, a cut chosen on the others flags it: the test
    // supports serving the quantile it points to.
    const allClose = truth.map((l) => (l.endsWith('-mid,0') && l.startsWith('R2') ? 'R2,R2-mid,30' : l));
    writeFileSync(join(dir, 'three-close-truth.csv'), `${allClose.filter((l) => !l.startsWith('R3')).join('\n')}\n`);
    writeFileSync(join(dir, 'two.csv'), `${log.filter((l) => !l.includes(',R3,')).join('\n')}\n`);
    const supported = await runCli(dir, ['proximity-score', '--input', 'two.csv', '--truth', 'three-close-truth.csv']);
    expect(supported.code).toBe(0);
    expect(supported.stdout.at(-1)).toMatch(
      /\(2 folds by receiver\), such a cut scores F1 1\.00 \(100 % \/ 100 %\) against the decision's 0\.67 on the same pairs: this field test supports serving decisionQuantile 0\.9\d\d\.$/,
    );
  });

  it('names a bad truth file by its option and line, and a missing one', async () => {
    writeFileSync(join(dir, 'no-minutes.csv'), 'receiver,transmitter,day\nphoneA,phoneB,2026-03-02\n');
    writeFileSync(join(dir, 'bad-minutes.csv'), 'receiver,transmitter,true_close_minutes\nphoneA,phoneB,soon\n');
    for (const [file, message] of [
      [
        'no-minutes.csv',
        '--truth no-minutes.csv: line 1: the truth header must name receiver, transmitter, true_close_minutes; missing true_close_minutes',
      ],
      ['bad-minutes.csv', '--truth bad-minutes.csv: line 2: true_close_minutes must be a number, got "soon"'],
      ['absent.csv', '--truth absent.csv'],
    ] as const) {
      const c = await runCli(dir, ['proximity-score', '--input', 'in.csv', '--truth', file]);
      expect(c.code).not.toBe(0);
      expect(c.stderr.join('\n')).toContain(message);
      expect(c.stdout).toEqual([]);
    }
    const c = await runCli(dir, ['proximity-score', '--input', 'in.csv']);
    expect(c.code).toBe(2);
    expect(c.stderr.join('\n')).toContain('--truth');
  });
});
