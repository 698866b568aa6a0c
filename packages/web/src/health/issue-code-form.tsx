/** Issuing a verification code: test type, symptom and test dates, and an optional phone for the SMS. */
import { type keyServerApi, TEST_TYPES, type TestType } from '@bluezone/protocol/api';
import { type FormEvent, useState } from 'react';
import { api } from '../api/api-client';
import { ErrorMessage } from '../components/loadable';
import { SegmentedChoice } from '../components/segmented-choice';
import { useAction } from '../hooks/use-action';
import { useI18n } from '../i18n/i18n';
import type { IssuedRow } from './issued-codes';

/** Today in the browser's time zone, as a date input's value. */
function today(): string {
  const d = new Date();
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 10);
}

export function IssueCodeForm({ onIssued }: { onIssued(row: IssuedRow): void }) {
  const { t } = useI18n();
  const [testType, setTestType] = useState<TestType>('confirmed');
  const [symptomDate, setSymptomDate] = useState('');
  const [testDate, setTestDate] = useState(today());
  const [phone, setPhone] = useState('');
  const action = useAction();

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void action.run(async () => {
      const code = await api<typeof keyServerApi.issue>('/api/issue', {
        method: 'POST',
        body: {
          testType,
          tzOffset: -new Date().getTimezoneOffset(),
          ...(symptomDate ? { symptomDate } : {}),
          ...(testDate ? { testDate } : {}),
          ...(phone.trim() ? { phone: phone.replace(/[\s.-]/g, '') } : {}),
        },
      });
      onIssued({ ...code, testType, issuedAt: Date.now(), sms: phone.trim() !== '' });
      setPhone('');
    });
  };

  return (
    <form className="card" onSubmit={submit} aria-labelledby="issue-title">
      <h2 id="issue-title">{t('health.issue')}</h2>
      <SegmentedChoice
        legend={t('health.testType')}
        name="testType"
        options={TEST_TYPES}
        value={testType}
        onChange={setTestType}
        label={(tt) => t(`health.type.${tt}` as const)}
      />
      <label>
        {t('health.symptomDate')}
        <input
          type="date"
          name="symptomDate"
          max={today()}
          value={symptomDate}
          onChange={(e) => setSymptomDate(e.target.value)}
        />
      </label>
      <label>
        {t('health.testDate')}
        <input
          type="date"
          name="testDate"
          max={today()}
          value={testDate}
          onChange={(e) => setTestDate(e.target.value)}
        />
      </label>
      <label>
        {t('health.phone')}
        <input
          type="tel"
          name="phone"
          inputMode="tel"
          autoComplete="off"
          placeholder="0912 345 678"
          value={phone}
          onChange={(e) => setPhone(e.target.value)}
        />
        <span className="hint">{t('health.phoneHint')}</span>
      </label>
      {action.error && <ErrorMessage error={action.error} />}
      <button type="submit" className="primary" disabled={action.busy}>
        {action.busy ? t('health.issuing') : t('health.issueButton')}
      </button>
    </form>
  );
}
