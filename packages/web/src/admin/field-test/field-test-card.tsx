/**
 * Field test (POST /api/configuration/field-test): the admin names the test, its phones' labels (a
 * list, or ranges such as `T01–T20`, expanded here and shown before anything is issued) and its
 * window, and gets a printable sheet of one QR code per phone for the resident app's field-test
 * mode. An enrolled phone exports its keys and what it heard during the test, which ties what it
 * heard to it: the card says so, and that only the authority's own test phones are to be enrolled.
 * The server keeps nothing; a code cannot be withdrawn and works until its export time is over.
 */
import { FIELD_TEST_EXPORT_DAYS, MAX_FIELD_TEST_DAYS } from '@bluezone/protocol';
import type { fieldTestApi } from '@bluezone/protocol/api';
import { type FormEvent, useState } from 'react';
import { api } from '../../api/api-client';
import { ActionNotices } from '../../components/action-notices';
import { useAction } from '../../hooks/use-action';
import { useI18n } from '../../i18n/i18n';
import { checkDraft, draftProblemText, type FieldTestDraft } from './field-test-draft';
import { FieldTestSheet } from './field-test-sheet';
import { MAX_PHONES } from './phone-labels';

const EMPTY: FieldTestDraft = { testId: '', phones: '', startsAt: '', endsAt: '' };

export function FieldTestCard({ now = () => Date.now() }: { now?: () => number }) {
  const { t } = useI18n();
  const [draft, setDraft] = useState<FieldTestDraft>(EMPTY);
  const [issued, setIssued] = useState<fieldTestApi.IssueFieldTestResponse | null>(null);
  const action = useAction();
  const checked = checkDraft(draft, now());
  // Until something is typed, an empty field is no problem worth a red line.
  const shown = draft === EMPTY ? [] : checked.problems;

  const set = (name: keyof FieldTestDraft) => (e: { target: { value: string } }) =>
    setDraft((d) => ({ ...d, [name]: e.target.value }));

  const issue = (e: FormEvent) => {
    e.preventDefault();
    const body = checked.request;
    if (body === null) return;
    void action.run(async () => {
      setIssued(null);
      const answer = await api<typeof fieldTestApi.issueFieldTest>('/api/configuration/field-test', {
        method: 'POST',
        body,
      });
      setIssued(answer);
      return t('admin.fieldTest.issued', { count: answer.enrolments.length, testId: answer.testId });
    });
  };

  return (
    <div className="card field-test-card" data-testid="field-test-card">
      <form className="no-print" onSubmit={issue} aria-labelledby="field-test-title">
        <h2 id="field-test-title">{t('admin.fieldTest.title')}</h2>
        <p className="hint">{t('admin.fieldTest.intro')}</p>
        <p className="notice warn" role="note" data-testid="field-test-warning">
          {t('admin.fieldTest.warning')}
        </p>
        <div className="grid-form">
          <label>
            {t('admin.fieldTest.testId')}
            <input
              name="field-test-id"
              value={draft.testId}
              onChange={set('testId')}
              placeholder="nam-dong-2026-12"
              autoComplete="off"
              required
            />
            <span className="hint">{t('admin.fieldTest.testIdHint')}</span>
          </label>
          <label>
            {t('admin.fieldTest.phones')}
            <textarea
              name="field-test-phones"
              rows={3}
              value={draft.phones}
              onChange={set('phones')}
              placeholder="T01–T20"
              required
            />
            <span className="hint">{t('admin.fieldTest.phonesHint', { max: MAX_PHONES })}</span>
          </label>
          <label>
            {t('admin.fieldTest.startsAt')}
            <input
              name="field-test-start"
              type="datetime-local"
              value={draft.startsAt}
              onChange={set('startsAt')}
              required
            />
          </label>
          <label>
            {t('admin.fieldTest.endsAt')}
            <input name="field-test-end" type="datetime-local" value={draft.endsAt} onChange={set('endsAt')} required />
            <span className="hint">
              {t('admin.fieldTest.windowHint', { days: MAX_FIELD_TEST_DAYS, exportDays: FIELD_TEST_EXPORT_DAYS })}
            </span>
          </label>
        </div>
        {checked.labels.length > 0 && (
          <div data-testid="field-test-labels">
            <p>{t('admin.fieldTest.labelsToIssue', { count: checked.labels.length })}</p>
            <ul className="field-test-label-list">
              {checked.labels.map((label, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: a label may be typed twice (and is then refused)
                <li key={`${label}-${i}`} className="field-test-chip">
                  {label}
                </li>
              ))}
            </ul>
          </div>
        )}
        {shown.length > 0 && (
          <ul className="notice error field-test-problems" data-testid="field-test-problems">
            {shown.map((p) => {
              const text = draftProblemText(t, p);
              return <li key={text}>{text}</li>;
            })}
          </ul>
        )}
        <ActionNotices action={action} />
        <button type="submit" className="primary" disabled={action.busy || checked.request === null}>
          {action.busy ? t('admin.fieldTest.issuing') : t('admin.fieldTest.issue')}
        </button>
        <p className="hint">{t('admin.fieldTest.noRevoke', { exportDays: FIELD_TEST_EXPORT_DAYS })}</p>
      </form>
      {issued && <FieldTestSheet issued={issued} />}
    </div>
  );
}
