/**
 * The codes issued for cases, from the server: search by the code the resident reads out or the
 * phone's last digits, filter by status, and revoke one not yet used after a confirmation. On a
 * phone each code is a card (the table's rows stack), so nothing is wider than the screen.
 */
import { ISSUED_CODE_STATUSES, type IssuedCodeStatus, type keyServerApi } from '@bluezone/protocol/api';
import { useState } from 'react';
import { api } from '../api/api-client';
import { ActionNotices } from '../components/action-notices';
import { DataTable } from '../components/data-table';
import { Loadable } from '../components/loadable';
import { useAction } from '../hooks/use-action';
import { useI18n } from '../i18n/i18n';
import { type IssuedCodesQuery, useIssuedCodes } from './issued-codes';

const BADGE: Record<IssuedCodeStatus, string> = {
  issued: 'badge',
  used: 'badge active',
  expired: 'badge inactive',
  revoked: 'badge inactive',
};

export function IssuedCodesCard({ refresh }: { refresh: number }) {
  const { t, formatDateTime } = useI18n();
  const [search, setSearch] = useState('');
  const [query, setQuery] = useState<IssuedCodesQuery>({ q: '', status: '' });
  const [revoked, setRevoked] = useState(0);
  const codes = useIssuedCodes(query, refresh + revoked);
  const action = useAction();

  const revoke = (c: keyServerApi.IssuedCode) => {
    const what = t('health.confirmRevoke', {
      time: formatDateTime(c.issuedAt),
      phone: c.phoneLast3 ? `…${c.phoneLast3}` : t('health.noPhone'),
    });
    if (!window.confirm(what)) return;
    void action.run(async () => {
      await api<typeof keyServerApi.revokeIssuedCode>(`/api/issued-codes/${encodeURIComponent(c.uuid)}/revoke`, {
        method: 'POST',
      });
      setRevoked((n) => n + 1);
      return t('health.revoked');
    });
  };

  return (
    <div className="card">
      <h2>{t('health.issued')}</h2>
      <form
        className="row-form"
        onSubmit={(e) => {
          e.preventDefault();
          setQuery((q) => ({ ...q, q: search }));
        }}
      >
        <label>
          {t('health.search')}
          <input
            name="search"
            inputMode="numeric"
            autoComplete="off"
            value={search}
            placeholder="1234 5678 / 678"
            onChange={(e) => setSearch(e.target.value)}
          />
        </label>
        <label>
          {t('health.status')}
          <select
            name="status"
            value={query.status}
            onChange={(e) => setQuery((q) => ({ ...q, status: e.target.value as IssuedCodeStatus | '' }))}
          >
            <option value="">{t('health.allStatuses')}</option>
            {ISSUED_CODE_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`health.status.${s}` as const)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="button">
          {t('health.find')}
        </button>
      </form>
      <ActionNotices action={action} />
      <Loadable state={codes.state} onRetry={codes.reload}>
        {({ codes: list, retentionDays }) => (
          <>
            <DataTable
              stacked
              rows={list}
              rowKey={(c) => c.uuid}
              empty={query.q || query.status ? t('health.noMatch') : t('health.noneYet')}
              columns={[
                { header: t('health.issuedAt'), cell: (c) => formatDateTime(c.issuedAt) },
                { header: t('health.testType'), cell: (c) => t(`health.type.${c.testType}` as const) },
                { header: t('health.issuedBy'), cell: (c) => c.issuedBy },
                { header: t('health.phoneShort'), cell: (c) => (c.phoneLast3 ? `…${c.phoneLast3}` : '—') },
                {
                  header: t('health.status'),
                  testId: (c) => `status-${c.uuid}`,
                  cell: (c) => (
                    <span className={BADGE[c.status]}>
                      {t(`health.status.${c.status}` as const)}
                      {c.status === 'revoked' && c.revokedBy ? ` · ${c.revokedBy}` : ''}
                    </span>
                  ),
                },
                {
                  header: t('health.actions'),
                  className: 'actions',
                  cell: (c) =>
                    c.status === 'issued' ? (
                      <button type="button" className="link danger" disabled={action.busy} onClick={() => revoke(c)}>
                        {t('health.expire')}
                      </button>
                    ) : null,
                },
              ]}
            />
            <p className="hint">{t('health.retention', { days: retentionDays })}</p>
          </>
        )}
      </Loadable>
    </div>
  );
}
