/**
 * A server's refusal in the user's language. Our servers answer every error with a problem body
 * carrying a stable `code` (@bluezone/protocol/api problem-codes.ts), maybe the request `field`
 * at fault, and for a batch (a CSV import, a phone list) each bad `line` or `index` with its
 * column and code. Each app's catalogues hold a message per code under `problem.<code>`, and the
 * names of fields under `field.<name>`; the English `detail` is never shown. An unknown code, or
 * an answer without a body (a bare 500), gets the generic message with the request id, so
 * whoever takes the call can find the server's log line.
 *
 * Catalogue keys used (each app has them in both languages):
 *   problem.<code>        one per ProblemCode
 *   problem.unknown       "{status}" — the generic message
 *   problem.network       the server could not be reached
 *   problem.inField       "{message} ({field})"
 *   problem.atLine        "Line {line}: {message}"; problem.atLineField "Line {line}, {field}: {message}"
 *   problem.atIndex       "Entry {index}: {message}"; problem.atIndexField
 *   problem.more          "… and {n} more"
 *   problem.requestId     "Request id: {id}"
 */
import type { Translate } from './translate';

/** One bad entry of a batch, as the problem body lists it. */
export interface ProblemEntry {
  line?: number | undefined;
  index?: number | undefined;
  field?: string | undefined;
  code?: string | undefined;
}

/** What a page knows of a failed request. `status` 0 means the server was not reached. */
export interface ProblemInfo {
  status: number;
  /** The problem's code; absent when the answer had no problem body. */
  code?: string | undefined;
  field?: string | undefined;
  entries?: readonly ProblemEntry[] | undefined;
  requestId?: string | undefined;
}

/** The sentence and the list of bad entries (at most `maxEntries`, then "… and n more"). */
export interface ProblemText {
  message: string;
  entries: string[];
  /** "Request id: …" when the message is the generic one (worth quoting to support). */
  reference?: string;
}

const MAX_ENTRIES = 8;

/** `t(key)` when the catalogue has the key (the runtime shows a missing key as the key itself). */
function known<K extends string>(t: Translate<K>, key: string, params?: Record<string, string | number>) {
  const text = t(key as K, params);
  return text === key ? undefined : text;
}

/** A field's name as the user knows it: `field.<last part>` when the catalogue has it. */
export function fieldLabel<K extends string>(t: Translate<K>, field: string): string {
  const last =
    field
      .split('.')
      .filter((p) => !/^\d+$/.test(p))
      .pop() ?? field;
  return known(t, `field.${last}`) ?? field;
}

function entryText<K extends string>(t: Translate<K>, e: ProblemEntry, fallbackCode: string | undefined): string {
  const message =
    (e.code && known(t, `problem.${e.code}`)) ||
    (fallbackCode && known(t, `problem.${fallbackCode}`)) ||
    (known(t, 'problem.invalid_input') ?? '');
  const field = e.field === undefined ? undefined : fieldLabel(t, e.field);
  if (e.line !== undefined)
    return field === undefined
      ? t('problem.atLine' as K, { line: e.line, message })
      : t('problem.atLineField' as K, { line: e.line, field, message });
  if (e.index !== undefined)
    // People count from 1.
    return field === undefined
      ? t('problem.atIndex' as K, { index: e.index + 1, message })
      : t('problem.atIndexField' as K, { index: e.index + 1, field, message });
  return field === undefined ? message : t('problem.inField' as K, { field, message });
}

export function problemText<K extends string>(
  t: Translate<K>,
  p: ProblemInfo,
  maxEntries: number = MAX_ENTRIES,
): ProblemText {
  if (p.status === 0) return { message: t('problem.network' as K), entries: [] };
  const coded = p.code === undefined ? undefined : known(t, `problem.${p.code}`);
  const reference = p.requestId === undefined ? undefined : t('problem.requestId' as K, { id: p.requestId });
  if (coded === undefined) {
    return {
      message: t('problem.unknown' as K, { status: p.status }),
      entries: [],
      ...(reference ? { reference } : {}),
    };
  }
  const message =
    p.field === undefined ? coded : t('problem.inField' as K, { field: fieldLabel(t, p.field), message: coded });
  const all = (p.entries ?? []).map((e) => entryText(t, e, p.code === 'csv_invalid' ? undefined : p.code));
  const entries =
    all.length > maxEntries
      ? [...all.slice(0, maxEntries), t('problem.more' as K, { n: all.length - maxEntries })]
      : all;
  // A server fault (5xx) is worth quoting even when its code is known.
  return { message, entries, ...(reference && p.status >= 500 ? { reference } : {}) };
}

/** The keys every catalogue needs besides `problem.<code>`: what the completeness tests check. */
export const PROBLEM_MESSAGE_KEYS = [
  'problem.unknown',
  'problem.network',
  'problem.inField',
  'problem.atLine',
  'problem.atLineField',
  'problem.atIndex',
  'problem.atIndexField',
  'problem.more',
  'problem.requestId',
] as const;

/**
 * What a catalogue lacks for `codes`: each `problem.<code>` and the generic keys. Empty when
 * complete; each app's test asserts it for both languages.
 */
export function missingProblemMessages(
  catalogue: Readonly<Record<string, string>>,
  codes: readonly string[],
): string[] {
  return [...codes.map((c) => `problem.${c}`), ...PROBLEM_MESSAGE_KEYS].filter(
    (key) => typeof catalogue[key] !== 'string' || catalogue[key].trim() === '',
  );
}
