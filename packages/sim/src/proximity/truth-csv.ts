/**
 * Ground truth for real sightings, as `bluezone sim mit-csv --truth` writes it and a field test
 * would: a CSV with a header naming at least `receiver`, `transmitter` and `true_close_minutes`
 * (the minutes the pair spent within 2 m; other columns, such as `day`, are read past). A pair
 * on several lines (one per day or session) is the sum of them, as the outside evaluator sums
 * a pair's close minutes.
 */
import { SimError } from '../sim-error';
import { pairKey, type TruePair } from './pair-accuracy';
import { numberField, splitFields } from './sightings-csv';

/** The columns a truth file must name (in any order, among others). */
export const TRUTH_COLUMNS = ['receiver', 'transmitter', 'true_close_minutes'] as const;

export function parseTruthCsv(text: string): TruePair[] {
  const lines = text.split(/\r?\n/);
  const header = splitFields((lines[0] ?? '').replace(/^\uFEFF/, ''), 1).map((h) => h.trim());
  const at = TRUTH_COLUMNS.map((name) => header.indexOf(name));
  const missing = TRUTH_COLUMNS.filter((_, i) => at[i] === -1);
  if (missing.length > 0)
    throw new SimError(
      'invalid_csv',
      `line 1: the truth header must name ${TRUTH_COLUMNS.join(', ')}; missing ${missing.join(', ')}`,
    );
  const [rx, tx, close] = at as [number, number, number];
  const pairs = new Map<string, TruePair>();
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i] as string;
    if (line.trim() === '') continue;
    const f = splitFields(line, i + 1);
    if (f.length !== header.length)
      throw new SimError('invalid_csv', `line ${i + 1}: expected ${header.length} fields, got ${f.length}`);
    const receiver = f[rx] as string;
    const transmitter = f[tx] as string;
    if (receiver === '' || transmitter === '')
      throw new SimError('invalid_csv', `line ${i + 1}: receiver and transmitter must not be empty`);
    const minutes = numberField(f[close] as string, 'true_close_minutes', i + 1, false);
    if (minutes < 0) throw new SimError('invalid_csv', `line ${i + 1}: true_close_minutes must not be negative`);
    const key = pairKey(receiver, transmitter);
    const pair = pairs.get(key) ?? { receiver, transmitter, trueCloseMinutes: 0 };
    pair.trueCloseMinutes += minutes;
    pairs.set(key, pair);
  }
  if (pairs.size === 0) throw new SimError('invalid_csv', 'the truth file names no pair');
  return [...pairs.values()];
}
