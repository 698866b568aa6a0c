/**
 * What the field test card holds before it issues (test id, labels as typed, the window as two
 * `datetime-local` values in the browser's time zone), checked as the server will check it: the
 * labels and test id by the protocol's rule, at most MAX_PHONES distinct labels, an end after the
 * start, at most MAX_FIELD_TEST_DAYS later, and not more than FIELD_TEST_EXPORT_DAYS ago (the
 * phones could no longer export). The request is there only when nothing is wrong.
 */
import { FIELD_TEST_EXPORT_DAYS, isFieldTestLabel, MAX_FIELD_TEST_DAYS } from '@bluezone/protocol';
import type { fieldTestApi } from '@bluezone/protocol/api';
import { isoFromLocal } from '../../announcements/local-time';
import type { Translate } from '../../i18n/i18n';
import { type LabelProblem, MAX_PHONES, parsePhoneLabels } from './phone-labels';

const DAY_MS = 86_400_000;

export interface FieldTestDraft {
  testId: string;
  phones: string;
  /** `datetime-local` values. */
  startsAt: string;
  endsAt: string;
}

export type DraftProblem =
  | LabelProblem
  | { kind: 'badTestId' }
  | { kind: 'noWindow' }
  | { kind: 'endBeforeStart' }
  | { kind: 'tooLong' }
  | { kind: 'over' };

export interface CheckedDraft {
  labels: string[];
  problems: DraftProblem[];
  request: fieldTestApi.IssueFieldTestRequest | null;
}

export function checkDraft(draft: FieldTestDraft, nowMs: number): CheckedDraft {
  const { labels, problems: labelProblems } = parsePhoneLabels(draft.phones);
  const problems: DraftProblem[] = [];
  const testId = draft.testId.trim();
  if (!isFieldTestLabel(testId)) problems.push({ kind: 'badTestId' });
  problems.push(...labelProblems);
  const startsAt = isoFromLocal(draft.startsAt);
  const endsAt = isoFromLocal(draft.endsAt);
  if (startsAt === null || endsAt === null) problems.push({ kind: 'noWindow' });
  else {
    const start = Date.parse(startsAt);
    const end = Date.parse(endsAt);
    if (end <= start) problems.push({ kind: 'endBeforeStart' });
    else if (end - start > MAX_FIELD_TEST_DAYS * DAY_MS) problems.push({ kind: 'tooLong' });
    if (nowMs > end + FIELD_TEST_EXPORT_DAYS * DAY_MS) problems.push({ kind: 'over' });
  }
  const request =
    problems.length === 0 && startsAt !== null && endsAt !== null ? { testId, phones: labels, startsAt, endsAt } : null;
  return { labels, problems, request };
}

/** A problem in the page's language. */
export function draftProblemText(t: Translate, p: DraftProblem): string {
  switch (p.kind) {
    case 'badTestId':
      return t('admin.fieldTest.problem.badTestId');
    case 'badLabel':
      return t('admin.fieldTest.problem.badLabel', { label: p.label });
    case 'badRange':
      return t('admin.fieldTest.problem.badRange', { text: p.text, max: MAX_PHONES });
    case 'duplicate':
      return t('admin.fieldTest.problem.duplicate', { label: p.label });
    case 'tooMany':
      return t('admin.fieldTest.problem.tooMany', { count: p.count, max: MAX_PHONES });
    case 'none':
      return t('admin.fieldTest.problem.none');
    case 'noWindow':
      return t('admin.fieldTest.problem.noWindow');
    case 'endBeforeStart':
      return t('admin.fieldTest.problem.endBeforeStart');
    case 'tooLong':
      return t('admin.fieldTest.problem.tooLong', { days: MAX_FIELD_TEST_DAYS });
    case 'over':
      return t('admin.fieldTest.problem.over', { days: FIELD_TEST_EXPORT_DAYS });
  }
}
