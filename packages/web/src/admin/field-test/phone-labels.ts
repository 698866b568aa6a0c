/**
 * The phone labels an admin types for a field test, as the card reads them: a list separated by
 * commas, semicolons, spaces or new lines, where an item may be a range `T01–T20` (an en or em
 * dash, `-` or `..` between two labels with the same prefix, each ending in a number). A range
 * keeps the numbers' width when both ends are written with the same number of digits (`T01–T20`:
 * T01 … T20; `T8–T12`: T8 … T12). The labels themselves are judged by the protocol's own rule
 * (isFieldTestLabel, which validateFieldTestEnrolment applies), and a label given twice by the
 * protocol's repeatedFieldTestLabels, as the server finds it, so the page and the server refuse the
 * same ones.
 */
import { isFieldTestLabel, repeatedFieldTestLabels } from '@bluezone/protocol';
import { fieldTestApi } from '@bluezone/protocol/api';

/** The most phones one sheet enrols: the contract's. */
export const MAX_PHONES = fieldTestApi.MAX_FIELD_TEST_PHONES;

export type LabelProblem =
  /** A range whose end comes before its start, or that alone would exceed MAX_PHONES. */
  | { kind: 'badRange'; text: string }
  /** A label the protocol refuses (letters, digits, `.`, `_`, `-`; 1–64; no space). */
  | { kind: 'badLabel'; label: string }
  /** The same label twice (letters' case aside: T07 and t07 are one line of a truth file). */
  | { kind: 'duplicate'; label: string }
  | { kind: 'tooMany'; count: number }
  | { kind: 'none' };

export interface PhoneLabels {
  labels: string[];
  problems: LabelProblem[];
}

const RANGE = /^(.*?)(\d+)\s*(?:[–—]|-|\.\.)\s*(.*?)(\d+)$/;

/** The labels of one range item, or undefined when `item` is not a range. */
function expandRange(item: string): string[] | 'bad' | undefined {
  const m = RANGE.exec(item);
  if (!m) return undefined;
  const [, prefix = '', from = '', otherPrefix = '', to = ''] = m;
  if (prefix !== otherPrefix) return undefined;
  const start = Number(from);
  const end = Number(to);
  if (end < start || end - start >= MAX_PHONES) return 'bad';
  const width = from.length === to.length ? from.length : 0;
  return Array.from({ length: end - start + 1 }, (_, i) => `${prefix}${String(start + i).padStart(width, '0')}`);
}

export function parsePhoneLabels(text: string): PhoneLabels {
  const labels: string[] = [];
  const problems: LabelProblem[] = [];
  // Spaces around a dash belong to a range: `T01 – T20` is one item (no label starts with one).
  const items = text
    .replace(/\s*([–—-]|\.\.)\s*/g, '$1')
    .split(/[\s,;]+/)
    .filter((s) => s !== '');
  for (const item of items) {
    const range = expandRange(item);
    if (range === 'bad') problems.push({ kind: 'badRange', text: item });
    else labels.push(...(range ?? [item]));
  }
  // Each bad label said once; each good one given again said once, where it first comes again.
  const repeatedAt = new Set(repeatedFieldTestLabels(labels.filter(isFieldTestLabel)).map((r) => r.index));
  const reported = new Set<string>();
  let good = 0;
  for (const label of labels) {
    if (isFieldTestLabel(label)) {
      if (repeatedAt.has(good)) problems.push({ kind: 'duplicate', label });
      good += 1;
    } else if (!reported.has(label)) {
      problems.push({ kind: 'badLabel', label });
      reported.add(label);
    }
  }
  if (labels.length > MAX_PHONES) problems.push({ kind: 'tooMany', count: labels.length });
  if (labels.length === 0 && problems.length === 0) problems.push({ kind: 'none' });
  return { labels, problems };
}
