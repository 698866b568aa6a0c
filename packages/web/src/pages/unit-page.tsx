/**
 * Unit manager page: the unit's coverage and its sub-units, the staff roster with each person's
 * install status, posters to print (single or a batch with progress) and checkpoint logs.
 * District-wide users pick the unit; a unit manager sees their own.
 */
import { type FormEvent, useState } from 'react';
import { api } from '../api/api-client';
import type { CoverageReport, RosterEntry, Unit, User } from '../api/types';
import { CheckpointLogsCard } from '../components/checkpoint-log';
import { Empty, ErrorMessage, Loadable } from '../components/loadable';
import { ProgressBar } from '../components/progress-bar';
import { UnitPicker } from '../components/unit-picker';
import { useI18n } from '../i18n/i18n';
import { useAsync } from '../use-async';

const STATUSES: RosterEntry['status'][] = ['unconfirmed', 'installed', 'not_installed', 'exempt'];

export function UnitPage({ user }: { user: User }) {
  const { t } = useI18n();
  const [picked, setPicked] = useState<string | null>(null);
  const code = user.unitCode ?? picked ?? '483';
  return (
    <section aria-labelledby="unit-title">
      <div className="page-head">
        <h1 id="unit-title">{t('unit.title')}</h1>
        {user.unitCode === null && <UnitPicker value={code} onChange={setPicked} />}
      </div>
      <UnitCoverageCard code={code} />
      <div className="grid-2">
        <RosterCard code={code} />
        <PostersCard code={code} />
      </div>
      <CheckpointLogsCard />
    </section>
  );
}

function UnitCoverageCard({ code }: { code: string }) {
  const { t, formatNumber } = useI18n();
  const report = useAsync(
    (signal) => api<CoverageReport>(`/api/rollout/coverage?unit=${encodeURIComponent(code)}`, { signal }),
    [code],
  );
  const pct = (v: number) => formatNumber(v, { style: 'percent', maximumFractionDigits: 1 });
  return (
    <div className="card">
      <Loadable state={report.state} onRetry={report.reload}>
        {(r) => {
          const unit = r.units.find((u) => u.code === r.root);
          const children = r.units.filter((u) => u.parentCode === r.root);
          return (
            <>
              <h2>
                {unit?.name} <span className="muted">({r.root})</span>
              </h2>
              {unit && (
                <div className="tiles">
                  <div className="tile">
                    <div className="tile-value">{formatNumber(unit.members)}</div>
                    <div className="tile-label">{t('dashboard.installs')}</div>
                  </div>
                  <div className="tile">
                    <div className="tile-value">{formatNumber(unit.target)}</div>
                    <div className="tile-label">{t('dashboard.target')}</div>
                  </div>
                  <div className={unit.belowTarget ? 'tile below' : 'tile ok'}>
                    <div className="tile-value">{pct(unit.share)}</div>
                    <div className="tile-label">{unit.belowTarget ? t('unit.belowTarget') : t('unit.onTarget')}</div>
                  </div>
                </div>
              )}
              {children.length === 0 ? (
                <Empty>{t('unit.noChildren')}</Empty>
              ) : (
                <div className="table-wrap">
                  <table>
                    <thead>
                      <tr>
                        <th scope="col">{t('unit.name')}</th>
                        <th scope="col">{t('dashboard.installs')}</th>
                        <th scope="col">{t('dashboard.target')}</th>
                        <th scope="col">{t('dashboard.share')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {children.map((u) => (
                        <tr key={u.code} className={u.belowTarget ? 'below' : ''}>
                          <td>{u.name}</td>
                          <td className="num">{formatNumber(u.members)}</td>
                          <td className="num">{formatNumber(u.target)}</td>
                          <td className="num">{pct(u.share)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
            </>
          );
        }}
      </Loadable>
    </div>
  );
}

function RosterCard({ code }: { code: string }) {
  const { t } = useI18n();
  const roster = useAsync(
    (signal) => api<{ staff: RosterEntry[] }>(`/api/rollout/units/${encodeURIComponent(code)}/roster`, { signal }),
    [code],
  );
  const [name, setName] = useState('');
  const [position, setPosition] = useState('');
  const [error, setError] = useState<Error | null>(null);
  const [busy, setBusy] = useState(false);

  const add = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api(`/api/rollout/units/${encodeURIComponent(code)}/roster`, {
        method: 'POST',
        body: { name, ...(position ? { position } : {}) },
      });
      setName('');
      setPosition('');
      roster.reload();
    } catch (err) {
      setError(err as Error);
    } finally {
      setBusy(false);
    }
  };
  const setStatus = async (id: number, status: RosterEntry['status']) => {
    setError(null);
    try {
      await api(`/api/rollout/roster/${id}`, { method: 'PATCH', body: { status } });
      roster.reload();
    } catch (err) {
      setError(err as Error);
    }
  };

  return (
    <div className="card">
      <h2>{t('roster.title')}</h2>
      {error && <ErrorMessage error={error} />}
      <Loadable state={roster.state} onRetry={roster.reload}>
        {({ staff }) =>
          staff.length === 0 ? (
            <Empty>{t('roster.empty')}</Empty>
          ) : (
            <ul className="list">
              {staff.map((s) => (
                <li key={s.id}>
                  <span>
                    {s.name}
                    {s.position && <span className="muted"> · {s.position}</span>}
                  </span>
                  <label className="sr-label">
                    <span className="sr-only">{t('roster.statusFor', { name: s.name })}</span>
                    <select
                      value={s.status}
                      onChange={(e) => void setStatus(s.id, e.target.value as RosterEntry['status'])}
                    >
                      {STATUSES.map((st) => (
                        <option key={st} value={st}>
                          {t(`roster.status.${st}` as const)}
                        </option>
                      ))}
                    </select>
                  </label>
                </li>
              ))}
            </ul>
          )
        }
      </Loadable>
      <form className="row-form no-print" onSubmit={(e) => void add(e)}>
        <label>
          {t('roster.name')}
          <input required value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <label>
          {t('roster.position')}
          <input value={position} onChange={(e) => setPosition(e.target.value)} />
        </label>
        <button type="submit" className="primary" disabled={busy}>
          {t('roster.add')}
        </button>
      </form>
    </div>
  );
}

function PostersCard({ code }: { code: string }) {
  const { t } = useI18n();
  const detail = useAsync(
    (signal) => api<{ unit: Unit; children: Unit[] }>(`/api/rollout/units/${encodeURIComponent(code)}`, { signal }),
    [code],
  );
  const [batch, setBatch] = useState<{
    done: number;
    total: number;
    links: { code: string; name: string; url: string }[];
  } | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const posterUrl = (c: string, size: 'A4' | 'A3') =>
    `/api/rollout/units/${encodeURIComponent(c)}/poster.pdf?size=${size}`;

  // One PDF per sub-unit, fetched one after another so the progress is real and the server is not flooded.
  const runBatch = async (children: Unit[]) => {
    setError(null);
    const links: { code: string; name: string; url: string }[] = [];
    setBatch({ done: 0, total: children.length, links });
    try {
      for (const [i, u] of children.entries()) {
        const res = await fetch(posterUrl(u.code, 'A4'), { credentials: 'same-origin' });
        if (!res.ok) throw new Error(`${u.code}: HTTP ${res.status}`);
        links.push({ code: u.code, name: u.name, url: URL.createObjectURL(await res.blob()) });
        setBatch({ done: i + 1, total: children.length, links: [...links] });
      }
    } catch (err) {
      setError(err as Error);
    }
  };

  return (
    <div className="card">
      <h2>{t('posters.title')}</h2>
      <Loadable state={detail.state} onRetry={detail.reload}>
        {({ unit, children }) => (
          <>
            <p>
              <a className="button" href={posterUrl(unit.code, 'A4')} target="_blank" rel="noreferrer">
                {t('posters.a4', { name: unit.name })}
              </a>{' '}
              <a className="button" href={posterUrl(unit.code, 'A3')} target="_blank" rel="noreferrer">
                A3
              </a>
            </p>
            {children.length > 0 && (
              <button
                type="button"
                className="button no-print"
                onClick={() => void runBatch(children)}
                disabled={batch !== null && batch.done < batch.total && !error}
              >
                {t('posters.batch', { n: children.length })}
              </button>
            )}
            {batch && <ProgressBar value={batch.done} max={batch.total} label={t('posters.progress')} />}
            {error && <ErrorMessage error={error} />}
            {batch && batch.links.length > 0 && (
              <ul className="list">
                {batch.links.map((l) => (
                  <li key={l.code}>
                    <a href={l.url} download={`poster-${l.code}-A4.pdf`}>
                      {l.name} ({l.code})
                    </a>
                  </li>
                ))}
              </ul>
            )}
          </>
        )}
      </Loadable>
    </div>
  );
}
