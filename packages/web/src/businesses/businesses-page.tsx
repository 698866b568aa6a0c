/**
 * Businesses recommending Bluezone to their customers (order 5): each business of the unit's
 * subtree with the installs recommended through its counter QR, its share of its customers and
 * the last 7 days, its counter link and window stickers (A5, A6) to print, and a form to add one.
 * The customers count at their homes too; this page shows the business's own figure.
 */
import type { accountsApi, businessesApi } from '@bluezone/protocol/api';
import { useState } from 'react';
import { api } from '../api/api-client';
import { ActionNotices } from '../components/action-notices';
import { DataTable } from '../components/data-table';
import { Loadable } from '../components/loadable';
import { UnitPicker } from '../components/unit-picker';
import { useAction } from '../hooks/use-action';
import { useLoad } from '../hooks/use-load';
import { useI18n } from '../i18n/i18n';
import { BusinessForm } from './business-form';

const sticker = (code: string, size: 'A5' | 'A6') =>
  `/api/rollout/businesses/${encodeURIComponent(code)}/sticker.pdf?size=${size}`;

export function BusinessesPage({ user }: { user: accountsApi.User }) {
  const { t, formatNumber } = useI18n();
  const [picked, setPicked] = useState<string | null>(null);
  const code = user.unitCode ?? picked ?? '483';
  const list = useLoad(
    (signal) =>
      api<typeof businessesApi.listBusinesses>(`/api/rollout/businesses?unit=${encodeURIComponent(code)}`, { signal }),
    [code],
  );
  const action = useAction();
  const pct = (v: number) => formatNumber(v, { style: 'percent', maximumFractionDigits: 1 });
  return (
    <section aria-labelledby="businesses-title">
      <div className="page-head">
        <h1 id="businesses-title">{t('businesses.title')}</h1>
        {user.unitCode === null && <UnitPicker value={code} onChange={setPicked} />}
      </div>
      <p className="muted">{t('businesses.intro')}</p>
      <ActionNotices action={action} />
      <div className="card" data-testid="businesses-card">
        <Loadable state={list.state} onRetry={list.reload}>
          {({ businesses }) => (
            <DataTable
              rows={businesses}
              rowKey={(b) => b.code}
              empty={t('businesses.none')}
              columns={[
                { header: t('businesses.name'), cell: (b) => `${b.name} (${b.code})` },
                { header: t('businesses.where'), cell: (b) => b.parentName },
                {
                  header: t('businesses.recommended'),
                  className: 'num',
                  cell: (b) => formatNumber(b.recommended),
                  testId: (b) => `recommended-${b.code}`,
                },
                { header: t('businesses.customers'), className: 'num', cell: (b) => formatNumber(b.customers) },
                { header: t('dashboard.share'), className: 'num', cell: (b) => pct(b.share) },
                { header: t('businesses.lastWeek'), className: 'num', cell: (b) => formatNumber(b.lastWeek) },
                {
                  header: <span className="sr-only">{t('businesses.print')}</span>,
                  className: 'actions',
                  cell: (b) => (
                    <>
                      <a className="button" href={sticker(b.code, 'A5')} target="_blank" rel="noreferrer">
                        {t('businesses.sticker', { size: 'A5' })}
                      </a>
                      <a className="button" href={sticker(b.code, 'A6')} target="_blank" rel="noreferrer">
                        A6
                      </a>
                      <a className="link" href={b.installLink}>
                        {t('businesses.counterLink')}
                      </a>
                    </>
                  ),
                },
              ]}
            />
          )}
        </Loadable>
      </div>
      <BusinessForm unitCode={code} action={action} onCreated={list.reload} />
    </section>
  );
}
