/**
 * Health staff console: issue a verification code for a confirmed or likely case (symptom and
 * test dates, optional phone for SMS), then watch its status and expire it if needed. Codes
 * issued in this browser tab are listed so staff can check back on them.
 */
import { type FormEvent, useState } from 'react';
import { api } from '../api/api-client';
import type { IssuedCode } from '../api/types';
import { Empty, ErrorMessage } from '../components/loadable';
import { useI18n } from '../i18n/i18n';

type TestType = 'confirmed' | 'likely' | 'negative';
const TEST_TYPES: TestType[] = ['confirmed', 'likely', 'negative'];

interface IssuedRow extends IssuedCode {
  testType: TestType;
  issuedAt: number;
  sms: boolean;
  claimed?: boolean;
  expired?: boolean;
}

const STORAGE_KEY = 'bluezone.issued';

function today(): string {
  const d = new Date();
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 10);
}

function loadIssued(): IssuedRow[] {
  try {
    return JSON.parse(sessionStorage.getItem(STORAGE_KEY) ?? '[]') as IssuedRow[];
  } catch {
    return [];
  }
}

export function HealthPage() {
  const { t, formatDateTime } = useI18n();
  const [testType, setTestType] = useState<TestType>('confirmed');
  const [symptomDate, setSymptomDate] = useState('');
  const [testDate, setTestDate] = useState(today());
  const [phone, setPhone] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const [issued, setIssued] = useState<IssuedRow[]>(loadIssued);

  const save = (rows: IssuedRow[]) => {
    setIssued(rows);
    try {
      sessionStorage.setItem(STORAGE_KEY, JSON.stringify(rows.slice(0, 20)));
    } catch {
      // storage full or disabled: the list lasts for this page only
    }
  };
  const update = (uuid: string, patch: Partial<IssuedRow>) =>
    save(issued.map((r) => (r.uuid === uuid ? { ...r, ...patch } : r)));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const code = await api<IssuedCode>('/api/issue', {
        method: 'POST',
        body: {
          testType,
          tzOffset: -new Date().getTimezoneOffset(),
          ...(symptomDate ? { symptomDate } : {}),
          ...(testDate ? { testDate } : {}),
          ...(phone.trim() ? { phone: phone.replace(/[\s.-]/g, '') } : {}),
        },
      });
      save([{ ...code, testType, issuedAt: Date.now(), sms: phone.trim() !== '' }, ...issued]);
      setPhone('');
    } catch (err) {
      setError(err as Error);
    } finally {
      setBusy(false);
    }
  };

  const check = async (uuid: string) => {
    setError(null);
    try {
      const s = await api<{ claimed: boolean }>('/api/checkcodestatus', { method: 'POST', body: { uuid } });
      update(uuid, { claimed: s.claimed });
    } catch (err) {
      setError(err as Error);
    }
  };
  const expire = async (uuid: string) => {
    setError(null);
    try {
      await api('/api/expirecode', { method: 'POST', body: { uuid } });
      update(uuid, { expired: true });
    } catch (err) {
      setError(err as Error);
    }
  };

  const latest = issued[0];
  return (
    <section aria-labelledby="health-title">
      <h1 id="health-title">{t('health.title')}</h1>
      <div className="grid-2">
        <form className="card" onSubmit={(e) => void submit(e)} aria-labelledby="issue-title">
          <h2 id="issue-title">{t('health.issue')}</h2>
          <fieldset>
            <legend>{t('health.testType')}</legend>
            <div className="segmented">
              {TEST_TYPES.map((tt) => (
                <label key={tt} className={testType === tt ? 'on' : ''}>
                  <input
                    type="radio"
                    name="testType"
                    value={tt}
                    checked={testType === tt}
                    onChange={() => setTestType(tt)}
                  />
                  {t(`health.type.${tt}` as const)}
                </label>
              ))}
            </div>
          </fieldset>
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
          {error && <ErrorMessage error={error} />}
          <button type="submit" className="primary" disabled={busy}>
            {busy ? t('health.issuing') : t('health.issueButton')}
          </button>
        </form>
        <div className="card" aria-live="polite">
          <h2>{t('health.latest')}</h2>
          {latest ? (
            <div className="code-box">
              <div className="code" data-testid="issued-code">
                {latest.code.replace(/(\d{4})(\d{4})/, '$1 $2')}
              </div>
              <div className="muted">
                {t('health.expires', { time: formatDateTime(latest.expiresAtTimestamp * 1000) })}
              </div>
              <div className="long-code">
                {t('health.longCode')}: <code>{latest.longCode}</code>
              </div>
              <div className="muted">
                {t('health.expires', { time: formatDateTime(latest.longExpiresAtTimestamp * 1000) })}
              </div>
              {latest.sms && <p className="notice ok">{t('health.smsQueued')}</p>}
            </div>
          ) : (
            <Empty>{t('health.noneYet')}</Empty>
          )}
        </div>
      </div>
      <div className="card">
        <h2>{t('health.issued')}</h2>
        {issued.length === 0 ? (
          <Empty>{t('health.noneYet')}</Empty>
        ) : (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('health.code')}</th>
                  <th scope="col">{t('health.testType')}</th>
                  <th scope="col">{t('health.issuedAt')}</th>
                  <th scope="col">{t('health.status')}</th>
                  <th scope="col">
                    <span className="sr-only">{t('health.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {issued.map((r) => (
                  <tr key={r.uuid}>
                    <td>
                      <code>{r.code}</code>
                    </td>
                    <td>{t(`health.type.${r.testType}` as const)}</td>
                    <td>{formatDateTime(r.issuedAt)}</td>
                    <td data-testid={`status-${r.uuid}`}>
                      {r.expired
                        ? t('health.statusExpired')
                        : r.claimed === undefined
                          ? t('health.statusUnknown')
                          : r.claimed
                            ? t('health.statusClaimed')
                            : t('health.statusUnclaimed')}
                    </td>
                    <td className="actions">
                      <button type="button" className="link" onClick={() => void check(r.uuid)}>
                        {t('health.check')}
                      </button>
                      {!r.expired && !r.claimed && (
                        <button type="button" className="link danger" onClick={() => void expire(r.uuid)}>
                          {t('health.expire')}
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
    </section>
  );
}
