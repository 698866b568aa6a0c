/**
 * Announcements (order 7): the scripts for commune loudspeakers, district radio/TV and screens
 * with their next broadcasts (edit, retire, listen), a new script, and the broadcast log with a
 * form to report a broadcast aired or missed. District-wide users pick the unit; a unit manager
 * sees their own, and the district's scripts that air on their loudspeakers.
 */
import type { accountsApi, announcementsApi, unitsApi } from '@bluezone/protocol/api';
import { useState } from 'react';
import { api } from '../api/api-client';
import { ActionNotices } from '../components/action-notices';
import { DataTable } from '../components/data-table';
import { Loadable } from '../components/loadable';
import { UnitPicker } from '../components/unit-picker';
import { subtree } from '../drives/drive-form';
import { useAction } from '../hooks/use-action';
import { useLoad } from '../hooks/use-load';
import { useI18n } from '../i18n/i18n';
import { BroadcastLogCard } from './broadcast-log-card';
import { ScriptForm } from './script-form';

export function AnnouncementsPage({ user }: { user: accountsApi.User }) {
  const { t, formatDateTime } = useI18n();
  const [picked, setPicked] = useState<string | null>(null);
  const code = user.unitCode ?? picked ?? '483';
  const [editing, setEditing] = useState<number | null>(null);
  const [logged, setLogged] = useState(0);
  const scripts = useLoad(
    (signal) => api<typeof announcementsApi.listAnnouncements>('/api/rollout/announcements', { signal }),
    [],
  );
  const units = useLoad((signal) => api<typeof unitsApi.listUnits>('/api/rollout/units', { signal }), []);
  const action = useAction();
  const retire = (s: announcementsApi.Announcement) => {
    if (!window.confirm(t('announce.confirmRetire', { title: s.title }))) return;
    void action.run(async () => {
      await api<typeof announcementsApi.retireAnnouncement>(`/api/rollout/announcements/${s.id}/retire`, {
        method: 'POST',
      });
      scripts.reload();
      return t('announce.retired', { title: s.title });
    });
  };
  const mine = units.state.status === 'ready' ? subtree(code, units.state.data.units) : [];
  const editable = new Set(mine.map((u) => u.code));

  return (
    <section aria-labelledby="announce-title">
      <div className="page-head">
        <h1 id="announce-title">{t('announce.title')}</h1>
        {user.unitCode === null && <UnitPicker value={code} onChange={setPicked} />}
      </div>
      <p className="muted">{t('announce.intro')}</p>
      <ActionNotices action={action} />
      <Loadable state={scripts.state} onRetry={scripts.reload}>
        {({ announcements }) => {
          const all = units.state.status === 'ready' ? units.state.data.units : [];
          const shown = announcements.filter((a) => editable.has(a.unitCode) || isAbove(a.unitCode, code, all));
          const open = shown.find((a) => a.id === editing);
          return (
            <>
              <div className="card" data-testid="scripts-card">
                <h2>{t('announce.scripts')}</h2>
                <DataTable
                  rows={shown}
                  rowKey={(a) => a.id}
                  empty={t('announce.none')}
                  stacked
                  rowClassName={(a) => (a.retiredAt ? 'muted' : '')}
                  columns={[
                    { header: t('announce.scriptTitle'), cell: (a) => a.title },
                    { header: t('announce.channel'), cell: (a) => t(`announce.channel.${a.channel}` as const) },
                    { header: t('announce.unit'), cell: (a) => a.unitCode },
                    {
                      header: t('announce.next'),
                      cell: (a) =>
                        a.retiredAt
                          ? t('announce.retiredOn', { date: formatDateTime(a.retiredAt) })
                          : a.nextBroadcasts.map((d) => formatDateTime(d)).join(' · '),
                      testId: (a) => `script-next-${a.id}`,
                    },
                    {
                      header: <span className="sr-only">{t('announce.actions')}</span>,
                      className: 'actions',
                      cell: (a) => (
                        <>
                          <a className="button" href={`/api/rollout/announcements/${a.id}/audio.wav`}>
                            {t('announce.listen')}
                          </a>
                          {a.retiredAt === null && editable.has(a.unitCode) && (
                            <>
                              <button type="button" onClick={() => setEditing(a.id)}>
                                {t('announce.edit')}
                              </button>
                              <button type="button" className="link danger" onClick={() => retire(a)}>
                                {t('announce.retire')}
                              </button>
                            </>
                          )}
                        </>
                      ),
                    },
                  ]}
                />
              </div>
              <div className="grid-2">
                {open ? (
                  <ScriptForm
                    key={open.id}
                    unitCode={code}
                    script={open}
                    action={action}
                    onSaved={() => {
                      setEditing(null);
                      scripts.reload();
                    }}
                    onCancel={() => setEditing(null)}
                  />
                ) : (
                  <ScriptForm unitCode={code} action={action} onSaved={scripts.reload} />
                )}
              </div>
              <BroadcastLogCard
                unitCode={code}
                scripts={shown}
                units={mine}
                action={action}
                refreshKey={logged}
                onRecorded={() => setLogged((n) => n + 1)}
              />
            </>
          );
        }}
      </Loadable>
    </section>
  );
}

/** Whether `scriptUnit` is `code` or above it (a district script airs on a commune's loudspeakers). */
function isAbove(scriptUnit: string, code: string, units: readonly unitsApi.Unit[]): boolean {
  const byCode = new Map(units.map((u) => [u.code, u]));
  for (let u = byCode.get(code); u; u = u.parentCode ? byCode.get(u.parentCode) : undefined) {
    if (u.code === scriptUnit) return true;
  }
  return false;
}
