// A cut chosen on other receivers' pairs, scored on each receiver's own (`crossValidatedCut`):
// hand-made probabilities whose best cut differs from receiver to receiver.
import { describe, expect, it } from 'vitest';
import { bestCut, crossValidatedCut, pairAccuracy, pairKey, type TruePair } from '../src/index';

/** [receiver, transmitter, probability of 10 close minutes, true close minutes] */
function pairs(rows: readonly [string, string, number, number][]) {
  const scores = new Map<string, { minutes: number; probability: number }>();
  const truth: TruePair[] = [];
  for (const [receiver, transmitter, probability, close] of rows) {
    scores.set(pairKey(receiver, transmitter), { minutes: probability >= 0.5 ? 20 : 0, probability });
    truth.push({ receiver, transmitter, trueCloseMinutes: close });
  }
  return { scores, truth };
}

describe('crossValidatedCut', () => {
  it('calls each receiver’s pairs with the cut chosen on the others’, so a cut that fits only its own data scores lower', () => {
    // A is close at 0.8 and not at 0.5; B is close at 0.45 and not at 0.2. On all four the best
    // cut is 0.45 (F1 0.8); chosen on B alone it is 0.45, which flags A's 0.5 too, and on A alone
    // 0.8, which misses B's 0.45.
    const { scores, truth } = pairs([
      ['A', 'a1', 0.8, 30],
      ['A', 'a2', 0.5, 0],
      ['B', 'b1', 0.45, 30],
      ['B', 'b2', 0.2, 0],
    ]);
    expect(bestCut(scores, truth).probability).toBe(0.45);
    expect(pairAccuracy(bestCut(scores, truth).calls, truth).f1).toBeCloseTo(0.8, 10);
    const cv = crossValidatedCut(scores, truth);
    expect(cv?.folds).toBe(2);
    expect(cv?.cuts).toEqual([0.45, 0.8]);
    // A: a1 flagged (true), a2 flagged (false alarm); B: b1 missed, b2 not flagged.
    expect(cv?.accuracy).toMatchObject({ pairs: 4, closePairs: 2, flagged: 2, precision: 0.5, recall: 0.5 });
    expect(cv?.accuracy.f1).toBeCloseTo(0.5, 10);
  });

  it('chooses a fold’s cut without the pairs heard from its receivers, the same meetings seen from the other side', () => {
    // A and B met (0.45 both ways, close); each also has a clear close pair at 0.8, and C a close
    // one at 0.8 and a far one at 0.5. Chosen with B's reading of A, A's fold would get the cut
    // 0.45 that only that meeting supports; without it, 0.8, which misses A–B.
    const { scores, truth } = pairs([
      ['A', 'B', 0.45, 30],
      ['A', 'a', 0.8, 30],
      ['B', 'A', 0.45, 30],
      ['B', 'b', 0.8, 30],
      ['C', 'c1', 0.8, 30],
      ['C', 'c2', 0.5, 0],
    ]);
    const cv = crossValidatedCut(scores, truth);
    expect(cv?.cuts).toEqual([0.8, 0.8, 0.45]);
    // A–B missed both ways, a, b and c1 found, c2 a false alarm.
    expect(cv?.accuracy).toMatchObject({ pairs: 6, closePairs: 5, flagged: 4, precision: 0.75, recall: 0.6 });
  });

  it('keeps a receiver’s pairs in one fold, and uses at most five folds', () => {
    const rows: [string, string, number, number][] = [];
    for (let r = 0; r < 12; r++)
      for (let t = 0; t < 3; t++) rows.push([`r${r}`, `t${t}`, (t + 1) / 4, t === 2 ? 15 : 0]);
    const { scores, truth } = pairs(rows);
    const cv = crossValidatedCut(scores, truth);
    expect(cv?.folds).toBe(5);
    // Every receiver ranks alike, so every fold's cut is the one that separates them, and each
    // pair is called as the cut on all the data would call it.
    expect(cv?.cuts).toEqual([0.75, 0.75, 0.75, 0.75, 0.75]);
    expect(cv?.accuracy).toMatchObject({ pairs: 36, closePairs: 12, flagged: 12, precision: 1, recall: 1 });
  });

  it('has nothing to say with one receiver, or where a fold leaves no close pair to choose a cut on', () => {
    const alone = pairs([
      ['A', 'a1', 0.8, 30],
      ['A', 'a2', 0.1, 0],
    ]);
    expect(crossValidatedCut(alone.scores, alone.truth)).toBeUndefined();
    const noneCloseBesideA = pairs([
      ['A', 'a1', 0.8, 30],
      ['B', 'b1', 0.3, 0],
    ]);
    expect(crossValidatedCut(noneCloseBesideA.scores, noneCloseBesideA.truth)).toBeUndefined();
  });
});
