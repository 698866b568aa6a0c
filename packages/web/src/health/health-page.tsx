/**
 * Health staff console: issue a verification code for a confirmed or likely case (symptom and
 * test dates, optional phone for SMS) and read it out; the codes issued, as the server keeps them
 * for every shift: search, status, revoke.
 */
import { useState } from 'react';
import { useI18n } from '../i18n/i18n';
import { IssueCodeForm } from './issue-code-form';
import type { IssuedRow } from './issued-codes';
import { IssuedCodesCard } from './issued-codes-card';
import { LatestCodeCard } from './latest-code-card';

export function HealthPage() {
  const { t } = useI18n();
  const [latest, setLatest] = useState<IssuedRow | undefined>(undefined);
  const [issued, setIssued] = useState(0);
  return (
    <section aria-labelledby="health-title">
      <h1 id="health-title">{t('health.title')}</h1>
      <div className="grid-2">
        <IssueCodeForm
          onIssued={(row) => {
            setLatest(row);
            setIssued((n) => n + 1);
          }}
        />
        <LatestCodeCard latest={latest} />
      </div>
      <IssuedCodesCard refresh={issued} />
    </section>
  );
}
