/**
 * What a gate does with a visitor: log a scanned, photographed or typed "Bluezone active" token
 * (POST …/scan) or a visitor without the app (POST …/no-app), and keep the last result. The
 * server's refusals of a token (forged, expired, replayed…) are a result to show, not an error.
 */
import type { checkpointsApi } from '@bluezone/protocol/api';
import { decodeQrImage, scanCamera } from '@bluezone/ui-shared/browser';
import { useState } from 'react';
import { ApiError, api } from '../api/api-client';
import { useAction } from '../hooks/use-action';
import { type MessageKey, useI18n } from '../i18n/i18n';
import { extractToken } from '../qr/qr-decode';
import type { Outcome } from './gate-outcome';

export type Direction = 'entry' | 'exit';

const REFUSAL_KEYS: Record<string, MessageKey> = {
  token_forged: 'gate.refused.forged',
  token_expired: 'gate.refused.expired',
  token_replayed: 'gate.refused.replayed',
};

/** A 4xx other than 401/403 is the server refusing the token itself. */
const isRefusal = (err: unknown): err is ApiError =>
  err instanceof ApiError && err.status >= 400 && err.status < 500 && err.status !== 401 && err.status !== 403;

export function useGateScan(checkpointId: number, direction: Direction, onLogged: () => void) {
  const { t } = useI18n();
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const action = useAction();

  /** Logs the token in `raw` (a token or a link carrying one); true when the server logged it. */
  const scan = async (raw: string): Promise<boolean> => {
    const token = extractToken(raw);
    if (!token) return false;
    setOutcome(null);
    try {
      const res = await api<typeof checkpointsApi.scanToken>(`/api/rollout/checkpoints/${checkpointId}/scan`, {
        method: 'POST',
        body: { token, direction },
      });
      setOutcome({ kind: res.result, detail: res.reason ?? '' });
      onLogged();
      return true;
    } catch (err) {
      if (!isRefusal(err)) throw err;
      const key = REFUSAL_KEYS[err.code];
      setOutcome({ kind: 'refused', detail: key ? t(key) : err.message });
      return false;
    }
  };

  return {
    outcome,
    action,
    scanTyped: async (raw: string): Promise<boolean> => {
      let logged = false;
      await action.run(async () => {
        logged = await scan(raw);
      });
      return logged;
    },
    scanPhoto: (file: File) => {
      setOutcome(null);
      return action.run(async () => {
        const text = await decodeQrImage(file);
        if (text === null) setOutcome({ kind: 'refused', detail: t('gate.noQrInImage') });
        else await scan(text);
      });
    },
    /** Reads the camera until a QR is found or `signal` aborts, then logs it. */
    scanWithCamera: async (video: HTMLVideoElement, signal: AbortSignal) => {
      action.setError(null);
      try {
        const text = await scanCamera(video, { signal, nativeDetector: true });
        if (text) await action.run(() => scan(text));
      } catch (err) {
        action.setError(new Error(`${t('gate.cameraFailed')} (${(err as Error).message})`));
      }
    },
    recordNoApp: async (reason: string): Promise<boolean> => {
      let logged = false;
      await action.run(async () => {
        await api<typeof checkpointsApi.recordNoApp>(`/api/rollout/checkpoints/${checkpointId}/no-app`, {
          method: 'POST',
          body: { direction, reason },
        });
        setOutcome({ kind: 'no_app', detail: reason });
        onLogged();
        logged = true;
      });
      return logged;
    },
  };
}
