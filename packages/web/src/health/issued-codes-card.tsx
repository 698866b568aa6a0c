/** The codes issued in this tab: check whether each was claimed, and expire one not yet used. */
import type { keyServerApi } from '@bluezone/protocol/api';
import { api } from '../api/api-client';
import { DataTable, HiddenHeader } from '../components/data-table';
import { ErrorMessage } from '../components/loadable';
import { useAction } from '../hooks/use-action';
import { useI18n } from '../i18n/i18n';
import type { IssuedCodes, IssuedRow } from './issued-codes';

export function IssuedCodesCard({ codes }: { codes: IssuedCodes }) {
  const { t, formatDateTime } = useI18n();
  const action = useAction();

  const check = (uuid: string) =>
    action.run(async () => {
      const s = await api<typeof keyServerApi.checkCodeStatus>('/api/checkcodestatus', {
        method: 'POST',
        body: { uuid },
      });
      codes.update(uuid, { claimed: s.claimed });
    });
  const expire = (uuid: string) =>
    action.run(async () => {
      await api<typeof keyServerApi.expireCode>('/api/expirecode', { method: 'POST', body: { uuid } });
      codes.update(uuid, { expired: true });
    });
  const status = (r: IssuedRow) =>
    r.expired
      ? t('health.statusExpired')
      : r.claimed === undefined
        ? t('health.statusUnknown')
        : r.claimed
          ? t('health.statusClaimed')
          : t('health.statusUnclaimed');

  return (
    <div className="card">
      <h2>{t('health.issued')}</h2>
      {action.error && <ErrorMessage error={action.error} />}
      <DataTable
        rows={codes.rows}
        rowKey={(r) => r.uuid}
        empty={t('health.noneYet')}
        columns={[
          { header: t('health.code'), cell: (r) => <code>{r.code}</code> },
          { header: t('health.testType'), cell: (r) => t(`health.type.${r.testType}` as const) },
          { header: t('health.issuedAt'), cell: (r) => formatDateTime(r.issuedAt) },
          { header: t('health.status'), cell: status, testId: (r) => `status-${r.uuid}` },
          {
            header: <HiddenHeader>{t('health.actions')}</HiddenHeader>,
            className: 'actions',
            cell: (r) => (
              <>
                <button type="button" className="link" onClick={() => void check(r.uuid)}>
                  {t('health.check')}
                </button>
                {!r.expired && !r.claimed && (
                  <button type="button" className="link danger" onClick={() => void expire(r.uuid)}>
                    {t('health.expire')}
                  </button>
                )}
              </>
            ),
          },
        ]}
      />
    </div>
  );
}
