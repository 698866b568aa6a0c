/**
 * Gatekeeper page (phone-sized): pick entry or exit, then scan the visitor's "Bluezone active"
 * QR with the camera, read it from a photo, or type the code; or record "no app" with a reason.
 * Each scan is logged at once by the rollout checkpoint API and the result shown in large type.
 */
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { ApiError, api } from '../api/api-client';
import type { Checkpoint, CheckpointDay, User } from '../api/types';
import { CheckpointLog, CheckpointSummary } from '../components/checkpoint-log';
import { Empty, ErrorMessage, Loadable } from '../components/loadable';
import { type MessageKey, useI18n } from '../i18n/i18n';
import { cameraAvailable, decodeImageFile, extractToken, scanCamera } from '../qr/qr-decode';
import { useAsync } from '../use-async';

type Direction = 'entry' | 'exit';
type Outcome = { kind: 'active' | 'inactive' | 'refused' | 'no_app'; detail: string };

const REFUSAL_KEYS: Record<string, MessageKey> = {
  token_forged: 'gate.refused.forged',
  token_expired: 'gate.refused.expired',
  token_replayed: 'gate.refused.replayed',
};

export function GatekeeperPage({ user }: { user: User }) {
  const { t } = useI18n();
  const checkpoints = useAsync(
    (signal) => api<{ checkpoints: Checkpoint[] }>('/api/rollout/checkpoints', { signal }),
    [],
  );
  return (
    <section className="gate" aria-labelledby="gate-title">
      <h1 id="gate-title">{t('gate.title')}</h1>
      <Loadable state={checkpoints.state} onRetry={checkpoints.reload}>
        {({ checkpoints: list }) =>
          list.length === 0 ? (
            <Empty>{t('gate.noCheckpoint', { unit: user.unitCode ?? '—' })}</Empty>
          ) : (
            <GateDesk checkpoints={list} />
          )
        }
      </Loadable>
    </section>
  );
}

function GateDesk({ checkpoints }: { checkpoints: Checkpoint[] }) {
  const { t } = useI18n();
  const [checkpointId, setCheckpointId] = useState(checkpoints[0]?.id ?? 0);
  const [direction, setDirection] = useState<Direction>('entry');
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [scanning, setScanning] = useState(false);
  const [noAppReason, setNoAppReason] = useState('');
  const videoRef = useRef<HTMLVideoElement>(null);
  const scanAbort = useRef<AbortController | null>(null);
  const day = useAsync(
    (signal) => api<CheckpointDay>(`/api/rollout/checkpoints/${checkpointId}/day`, { signal }),
    [checkpointId],
  );

  useEffect(() => () => scanAbort.current?.abort(), []);

  const submitToken = async (raw: string) => {
    const token = extractToken(raw);
    if (!token) return;
    setBusy(true);
    setError(null);
    setOutcome(null);
    try {
      const res = await api<{ result: 'active' | 'inactive'; reason: string | null }>(
        `/api/rollout/checkpoints/${checkpointId}/scan`,
        {
          method: 'POST',
          body: { token, direction },
        },
      );
      setOutcome({ kind: res.result, detail: res.reason ?? '' });
      setTyped('');
      day.reload();
    } catch (err) {
      if (
        err instanceof ApiError &&
        err.status >= 400 &&
        err.status < 500 &&
        err.status !== 401 &&
        err.status !== 403
      ) {
        const key = REFUSAL_KEYS[err.code];
        setOutcome({ kind: 'refused', detail: key ? t(key) : err.message });
      } else setError(err as Error);
    } finally {
      setBusy(false);
    }
  };

  const onFile = async (file: File | undefined) => {
    if (!file) return;
    setError(null);
    setOutcome(null);
    setBusy(true);
    try {
      const text = await decodeImageFile(file);
      if (text === null) setOutcome({ kind: 'refused', detail: t('gate.noQrInImage') });
      else await submitToken(text);
    } catch (err) {
      setError(err as Error);
    } finally {
      setBusy(false);
    }
  };

  const startCamera = async () => {
    const video = videoRef.current;
    if (!video) return;
    const abort = new AbortController();
    scanAbort.current = abort;
    setScanning(true);
    setError(null);
    try {
      const text = await scanCamera(video, abort.signal);
      if (text) await submitToken(text);
    } catch (err) {
      setError(new Error(`${t('gate.cameraFailed')} (${(err as Error).message})`));
    } finally {
      setScanning(false);
    }
  };

  const recordNoApp = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api(`/api/rollout/checkpoints/${checkpointId}/no-app`, {
        method: 'POST',
        body: { direction, reason: noAppReason },
      });
      setOutcome({ kind: 'no_app', detail: noAppReason });
      setNoAppReason('');
      day.reload();
    } catch (err) {
      setError(err as Error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      {checkpoints.length > 1 && (
        <label>
          {t('gate.checkpoint')}
          <select value={checkpointId} onChange={(e) => setCheckpointId(Number(e.target.value))}>
            {checkpoints.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
      )}
      <fieldset className="direction">
        <legend>{t('gate.direction')}</legend>
        {(['entry', 'exit'] as const).map((d) => (
          <label key={d} className={direction === d ? 'on' : ''}>
            <input type="radio" name="direction" value={d} checked={direction === d} onChange={() => setDirection(d)} />
            {t(`gate.${d}` as const)}
          </label>
        ))}
      </fieldset>

      {outcome && (
        <div className={`outcome ${outcome.kind}`} role="status" data-testid="gate-outcome">
          <strong>{t(`gate.result.${outcome.kind}` as const)}</strong>
          {outcome.detail && <span>{outcome.detail}</span>}
        </div>
      )}
      {error && <ErrorMessage error={error} />}

      <div className="scan-actions">
        {cameraAvailable() && (
          <button
            type="button"
            className="primary big"
            onClick={() => (scanning ? scanAbort.current?.abort() : void startCamera())}
            disabled={busy}
          >
            {scanning ? t('gate.stopCamera') : t('gate.scanCamera')}
          </button>
        )}
        <label className="button big file">
          {t('gate.fromImage')}
          <input
            type="file"
            accept="image/*"
            capture="environment"
            onChange={(e) => void onFile(e.target.files?.[0])}
            disabled={busy}
          />
        </label>
      </div>
      <video
        ref={videoRef}
        className={scanning ? 'camera on' : 'camera'}
        muted
        playsInline
        aria-label={t('gate.cameraView')}
      />

      <form
        className="row-form"
        onSubmit={(e) => {
          e.preventDefault();
          void submitToken(typed);
        }}
      >
        <label>
          {t('gate.typeCode')}
          <input value={typed} onChange={(e) => setTyped(e.target.value)} autoCapitalize="none" spellCheck={false} />
        </label>
        <button type="submit" className="button" disabled={busy || typed.trim() === ''}>
          {t('gate.check')}
        </button>
      </form>

      <form className="row-form" onSubmit={(e) => void recordNoApp(e)}>
        <label>
          {t('gate.noAppReason')}
          <input value={noAppReason} onChange={(e) => setNoAppReason(e.target.value)} required />
        </label>
        <button type="submit" className="button" disabled={busy}>
          {t('gate.recordNoApp')}
        </button>
      </form>

      <div className="card">
        <h2>{t('gate.today')}</h2>
        <Loadable state={day.state} onRetry={day.reload}>
          {(d) => (
            <>
              <p className="muted">
                <CheckpointSummary day={d} />
              </p>
              <CheckpointLog day={d} newestFirst />
            </>
          )}
        </Loadable>
      </div>
    </>
  );
}
