/**
 * The broadcast log (order 7): each scheduled broadcast aired or missed, per commune loudspeaker
 * or station, and who reported it; with totals and a form to report one. The form offers the
 * script's recent scheduled times (the server refuses a time still ahead).
 */
import type { announcementsApi, unitsApi } from '@bluezone/protocol/api';
import { type FormEvent, useState } from 'react';
import { api } from '../api/api-client';
import { DataTable } from '../components/data-table';
import { Loadable } from '../components/loadable';
import type { Action } from '../hooks/use-action';
import { useLoad } from '../hooks/use-load';
import { useI18n } from '../i18n/i18n';
import { isoFromLocal, localInputValue } from './local-time';

type Script = announcementsApi.Announcement;

export function BroadcastLogCard({
  unitCode,
  scripts,
  units,
  action,
  refreshKey,
  onRecorded,
}: {
  unitCode: string;
  scripts: readonly Script[];
  /** The units whose loudspeakers the user may report for. */
  units: readonly unitsApi.Unit[];
  action: Action;
  refreshKey: number;
  onRecorded(): void;
}) {
  const { t, formatDateTime, formatNumber } = useI18n();
  const log = useLoad(
    (signal) =>
      api<typeof announcementsApi.listBroadcasts>(`/api/rollout/broadcasts?unit=${encodeURIComponent(unitCode)}`, {
        signal,
      }),
    [unitCode, refreshKey],
  );
  const usable = scripts.filter((s) => s.retiredAt === null);
  const [form, setForm] = useState({
    script: '',
    unit: '',
    station: '',
    at: localInputValue(new Date()),
    outcome: 'aired' as announcementsApi.BroadcastOutcome,
    reason: '',
  });
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value });
  const script = form.script || String(usable[0]?.id ?? '');
  const unit = form.unit || units[0]?.code || unitCode;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void action.run(async () => {
      const scheduledAt = isoFromLocal(form.at);
      if (!scheduledAt) throw new Error(t('announce.badTime'));
      await api<typeof announcementsApi.recordBroadcast>(`/api/rollout/announcements/${script}/broadcasts`, {
        method: 'POST',
        body: {
          unitCode: unit,
          station: form.station,
          scheduledAt,
          outcome: form.outcome,
          ...(form.outcome === 'missed' && form.reason.trim() !== '' ? { reason: form.reason } : {}),
        },
      });
      setForm({ ...form, reason: '' });
      onRecorded();
      return t('announce.recorded');
    });
  };

  return (
    <div className="grid-2">
      <div className="card" data-testid="broadcast-log">
        <h2>{t('announce.log')}</h2>
        <Loadable state={log.state} onRetry={log.reload}>
          {(l) => (
            <>
              <p>
                <span className="badge active">{t('announce.airedCount', { n: formatNumber(l.aired) })}</span>{' '}
                <span className="badge inactive">{t('announce.missedCount', { n: formatNumber(l.missed) })}</span>
              </p>
              <DataTable
                rows={l.broadcasts}
                rowKey={(b) => b.id}
                empty={t('announce.noLog')}
                stacked
                columns={[
                  { header: t('announce.when'), cell: (b) => formatDateTime(b.scheduledAt) },
                  { header: t('announce.scriptTitle'), cell: (b) => b.title },
                  { header: t('announce.station'), cell: (b) => `${b.station} · ${b.unitName}` },
                  {
                    header: t('announce.outcome'),
                    cell: (b) =>
                      b.outcome === 'aired'
                        ? t('announce.outcome.aired')
                        : `${t('announce.outcome.missed')}${b.reason ? `: ${b.reason}` : ''}`,
                    testId: (b) => `broadcast-${b.id}`,
                  },
                  { header: t('announce.by'), cell: (b) => b.recordedBy },
                ]}
              />
            </>
          )}
        </Loadable>
      </div>
      <form className="card grid-form" onSubmit={submit} data-testid="broadcast-form">
        <h2>{t('announce.report')}</h2>
        <label>
          {t('announce.scriptTitle')}
          <select value={script} onChange={set('script')} required>
            {usable.map((s) => (
              <option key={s.id} value={s.id}>
                {s.title}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('announce.unit')}
          <select value={unit} onChange={set('unit')}>
            {units.map((u) => (
              <option key={u.code} value={u.code}>
                {u.name} ({u.code})
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('announce.station')}
          <input
            name="station"
            value={form.station}
            onChange={set('station')}
            required
            maxLength={120}
            placeholder={t('announce.stationHint')}
          />
        </label>
        <label>
          {t('announce.when')}
          <input name="at" type="datetime-local" value={form.at} onChange={set('at')} required />
        </label>
        <label>
          {t('announce.outcome')}
          <select value={form.outcome} onChange={set('outcome')}>
            <option value="aired">{t('announce.outcome.aired')}</option>
            <option value="missed">{t('announce.outcome.missed')}</option>
          </select>
        </label>
        {form.outcome === 'missed' && (
          <label>
            {t('announce.reason')}
            <input name="reason" value={form.reason} onChange={set('reason')} maxLength={500} />
          </label>
        )}
        <button type="submit" className="primary" disabled={action.busy || usable.length === 0}>
          {t('announce.record')}
        </button>
      </form>
    </div>
  );
}
