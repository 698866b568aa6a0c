/** The code just issued, large enough to read out over the phone, with its long form and expiries. */
import { Empty } from '../components/loadable';
import { useI18n } from '../i18n/i18n';
import type { IssuedRow } from './issued-codes';

export function LatestCodeCard({ latest }: { latest: IssuedRow | undefined }) {
  const { t, formatDateTime } = useI18n();
  return (
    <div className="card" aria-live="polite">
      <h2>{t('health.latest')}</h2>
      {latest ? (
        <div className="code-box">
          <div className="code" data-testid="issued-code">
            {latest.code.replace(/(\d{4})(\d{4})/, '$1 $2')}
          </div>
          <div className="muted">{t('health.expires', { time: formatDateTime(latest.expiresAtTimestamp * 1000) })}</div>
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
  );
}
