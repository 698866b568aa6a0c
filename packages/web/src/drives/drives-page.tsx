/**
 * Youth Union install drives (order 3): the drives of the unit's subtree with their results,
 * the volunteers' leaderboard, a form for a new drive, and the downloads (CSV, XLSX). Picking a
 * drive opens its volunteers, each with their own invite QR. District-wide users pick the unit;
 * a unit manager sees their own.
 */
import type { accountsApi, drivesApi } from '@bluezone/protocol/api';
import { useState } from 'react';
import { api } from '../api/api-client';
import { ActionNotices } from '../components/action-notices';
import { DataTable } from '../components/data-table';
import { Loadable } from '../components/loadable';
import { UnitPicker } from '../components/unit-picker';
import { useAction } from '../hooks/use-action';
import { useLoad } from '../hooks/use-load';
import { useI18n } from '../i18n/i18n';
import { DriveForm } from './drive-form';
import { DriveVolunteers } from './drive-volunteers';

export function DrivesPage({ user }: { user: accountsApi.User }) {
  const { t, formatNumber, formatDay } = useI18n();
  const [picked, setPicked] = useState<string | null>(null);
  const code = user.unitCode ?? picked ?? '483';
  const [open, setOpen] = useState<number | null>(null);
  const results = useLoad(
    (signal) =>
      api<typeof drivesApi.driveResults>(`/api/rollout/drives/results?unit=${encodeURIComponent(code)}`, { signal }),
    [code],
  );
  const action = useAction();
  const file = (format: string, table?: string) =>
    `/api/rollout/drives/report?format=${format}&unit=${encodeURIComponent(code)}${table ? `&table=${table}` : ''}`;

  return (
    <section aria-labelledby="drives-title">
      <div className="page-head">
        <h1 id="drives-title">{t('drives.title')}</h1>
        {user.unitCode === null && <UnitPicker value={code} onChange={setPicked} />}
      </div>
      <p className="muted">{t('drives.intro')}</p>
      <ActionNotices action={action} />
      <Loadable state={results.state} onRetry={results.reload}>
        {(r) => (
          <>
            <div className="card" data-testid="drives-card">
              <h2>{t('drives.list')}</h2>
              <DataTable
                rows={r.drives}
                rowKey={(d) => d.id}
                empty={t('drives.none')}
                columns={[
                  {
                    header: t('drives.name'),
                    cell: (d) => (
                      <button type="button" className="link" onClick={() => setOpen(open === d.id ? null : d.id)}>
                        {d.name}
                      </button>
                    ),
                  },
                  { header: t('drives.heldOn'), cell: (d) => formatDay(d.heldOn) },
                  { header: t('drives.place'), cell: (d) => d.place },
                  { header: t('drives.organiser'), cell: (d) => `${d.organiser} · ${d.unitName}` },
                  { header: t('drives.volunteers'), className: 'num', cell: (d) => formatNumber(d.volunteers) },
                  {
                    header: t('drives.installs'),
                    className: 'num',
                    cell: (d) => formatNumber(d.installs),
                    testId: (d) => `drive-installs-${d.id}`,
                  },
                  { header: t('drives.active'), className: 'num', cell: (d) => formatNumber(d.active) },
                ]}
              />
              <p className="no-print">
                <a className="button" href={file('csv')}>
                  {t('drives.downloadCsv')}
                </a>{' '}
                <a className="button" href={file('csv', 'leaderboard')}>
                  {t('drives.downloadLeaderboard')}
                </a>{' '}
                <a className="button" href={file('xlsx')}>
                  XLSX
                </a>
              </p>
            </div>
            {open !== null && (
              <DriveVolunteers key={open} driveId={open} onChanged={results.reload} onClose={() => setOpen(null)} />
            )}
            <div className="grid-2">
              <div className="card" data-testid="leaderboard-card">
                <h2>{t('drives.leaderboard')}</h2>
                <DataTable
                  rows={r.leaderboard}
                  rowKey={(e) => e.volunteerId}
                  empty={t('drives.noVolunteers')}
                  columns={[
                    { header: '#', className: 'num', cell: (e) => e.rank },
                    { header: t('drives.volunteer'), cell: (e) => e.name ?? t('drives.erased', { id: e.volunteerId }) },
                    { header: t('drives.name'), cell: (e) => e.driveName },
                    { header: t('drives.installs'), className: 'num', cell: (e) => formatNumber(e.installs) },
                  ]}
                />
              </div>
              <DriveForm unitCode={code} action={action} onCreated={results.reload} />
            </div>
          </>
        )}
      </Loadable>
    </section>
  );
}
