/** A unit's poster (A4/A3 PDF) and, for a unit with sub-units, every sub-unit's A4 poster as a batch with progress. */
import type { unitsApi } from '@bluezone/protocol/api';
import { useState } from 'react';
import { api } from '../api/api-client';
import { ErrorMessage, Loadable } from '../components/loadable';
import { ProgressBar } from '../components/progress-bar';
import { useAction } from '../hooks/use-action';
import { useLoad } from '../hooks/use-load';
import { useI18n } from '../i18n/i18n';

interface PosterLink {
  code: string;
  name: string;
  url: string;
}

const posterUrl = (code: string, size: 'A4' | 'A3') =>
  `/api/rollout/units/${encodeURIComponent(code)}/poster.pdf?size=${size}`;

export function PostersCard({ code }: { code: string }) {
  const { t } = useI18n();
  const detail = useLoad(
    (signal) => api<typeof unitsApi.getUnit>(`/api/rollout/units/${encodeURIComponent(code)}`, { signal }),
    [code],
  );
  const [batch, setBatch] = useState<{ done: number; total: number; links: PosterLink[] } | null>(null);
  const action = useAction();

  // One PDF per sub-unit, fetched one after another so the progress is real and the server is not flooded.
  const runBatch = (children: unitsApi.Unit[]) =>
    action.run(async () => {
      const links: PosterLink[] = [];
      setBatch({ done: 0, total: children.length, links });
      for (const [i, u] of children.entries()) {
        const res = await fetch(posterUrl(u.code, 'A4'), { credentials: 'same-origin' });
        if (!res.ok) throw new Error(`${u.code}: HTTP ${res.status}`);
        links.push({ code: u.code, name: u.name, url: URL.createObjectURL(await res.blob()) });
        setBatch({ done: i + 1, total: children.length, links: [...links] });
      }
    });

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
                disabled={action.busy}
              >
                {t('posters.batch', { n: children.length })}
              </button>
            )}
            {batch && <ProgressBar value={batch.done} max={batch.total} label={t('posters.progress')} />}
            {action.error && <ErrorMessage error={action.error} />}
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
