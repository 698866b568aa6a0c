// `bluezone proximity-score`: real sightings against their ground truth, as the outside
// evaluation scores pairs. A hand-made log: one receiver hears B close (attenuation 21 dB) and
// C and D far (81 dB) for 30 minutes each in GAEN-like scans; E is in the truth but never heard.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
