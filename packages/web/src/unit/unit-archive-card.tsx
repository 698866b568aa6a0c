/**
 * The units under this one, archived ones included, with Archive / Restore: an archived unit
 * leaves the lists and takes no new installs, and keeps its installs and history (they go on
 * counting above it). The server refuses a unit whose own units are still active, and a
 * manager's own unit.
 */
import type { unitsApi } from '@bluezone/protocol/api';
import { api } from '../api/api-client';
import { ActionNotices } from '../components/action-notices';
import { DataTable, HiddenHeader } from '../components/data-table';
import { Loadable } from '../components/loadable';
import { useAction } from '../hooks/use-action';
import { useLoad } from '../hooks/use-load';
import { useI18n } from '../i18n/i18n';

export function UnitArchiveCard({ code }: { code: string }) {
  const { t, formatDateTime } = useI18n();
  const units = useLoad(
    (signal) => api<typeof unitsApi.listUnits>('/api/rollout/units?archived=include', { signal }),
    [code],
  );
  const action = useAction();
  const toggle = (u: unitsApi.Unit) =>
    void action.run(async () => {
      const at = encodeURIComponent(u.code);
      const { unit } =
        u.archivedAt === null
          ? await api<typeof unitsApi.archiveUnit>(`/api/rollout/units/${at}/archive`, { method: 'POST' })
          : await api<typeof unitsApi.restoreUnit>(`/api/rollout/units/${at}/restore`, { method: 'POST' });
      units.reload();
      return t(unit.archivedAt === null ? 'archive.restored' : 'archive.archived', { name: unit.name });
    });
  return (
    <div className="card" data-testid="unit-archive-card">
      <h2>{t('archive.title')}</h2>
      <p className="muted">{t('archive.intro')}</p>
      <ActionNotices action={action} />
      <Loadable state={units.state} onRetry={units.reload}>
        {({ units: list }) => (
          <DataTable
            rows={list.filter((u) => u.parentCode === code)}
            rowKey={(u) => u.code}
            rowClassName={(u) => (u.archivedAt === null ? '' : 'archived')}
            empty={t('unit.noChildren')}
            columns={[
              { header: t('unit.name'), cell: (u) => `${u.name} (${u.code})` },
              {
                header: t('archive.status'),
                cell: (u) =>
                  u.archivedAt === null
                    ? t('archive.active')
                    : t('archive.since', { date: formatDateTime(u.archivedAt) }),
              },
              {
                header: <HiddenHeader>{t('archive.action')}</HiddenHeader>,
                className: 'actions',
                cell: (u) => (
                  <button
                    type="button"
                    onClick={() => toggle(u)}
                    disabled={action.busy}
                    data-testid={`archive-${u.code}`}
                  >
                    {u.archivedAt === null ? t('archive.archive') : t('archive.restore')}
                  </button>
                ),
              },
            ]}
          />
        )}
      </Loadable>
    </div>
  );
}
