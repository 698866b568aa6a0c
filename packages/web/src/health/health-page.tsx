/**
 * Health staff console: issue a verification code for a confirmed or likely case (symptom and
 * test dates, optional phone for SMS), then watch its status and expire it if needed. Codes
 * issued in this browser tab are listed so staff can check back on them.
 */
import { useI18n } from '../i18n/i18n';
import { IssueCodeForm } from './issue-code-form';
import { useIssuedCodes } from './issued-codes';
import { IssuedCodesCard } from './issued-codes-card';
import { LatestCodeCard } from './latest-code-card';

export function HealthPage() {
  const { t } = useI18n();
  const issued = useIssuedCodes();
  return (
    <section aria-labelledby="health-title">
      <h1 id="health-title">{t('health.title')}</h1>
      <div className="grid-2">
        <IssueCodeForm onIssued={issued.add} />
        <LatestCodeCard latest={issued.rows[0]} />
      </div>
      <IssuedCodesCard codes={issued} />
    </section>
  );
}
