/**
 * What a gate does with a visitor: log a scanned or photographed pass (POST …/scan, the token
 * alone: qr-decode.ts keeps the radio part in the page) or a visitor without the app
 * (POST …/no-app), and keep the last result. A browser cannot listen to Bluetooth, so a good
 * pass here is "signature valid, radio not checked", never "app running nearby": that needs the
 * resident app's gatekeeper mode. The server's refusals of a token (forged, expired, replayed…)
 * are a result to show, not an error.
 */
import type { checkpointsApi } from '@bluezone/protocol/api';
import { problemText } from '@bluezone/ui-shared';
import { decodeQrImage, scanCamera } from '@bluezone/ui-shared/browser';
import { useState } from 'react';
import { ApiError, api } from '../api/api-client';
import { useAction } from '../hooks/use-action';
import { type MessageKey, useI18n } from '../i18n/i18n';
import { readPass } from '../qr/qr-decode';
import type { Outcome } from './gate-outcome';

export type Direction = 'entry' | 'exit';

const REFUSAL_KEYS: Record<string, MessageKey> = {
  token_forged: 'gate.refused.forged',
  token_expired: 'gate.refused.expired',
  token_replayed: 'gate.refused.replayed',
  token_outdated: 'gate.refused.outdated',
  radio_mismatch: 'gate.refused.radioMismatch',
};

const INACTIVE_KEYS: Record<checkpointsApi.InactiveReason, MessageKey> = {
  tracing_off: 'gate.inactive.tracing_off',
  not_attested_recently: 'gate.inactive.not_attested_recently',
  radio_not_heard: 'gate.inactive.radio_not_heard',
};

/** A 4xx other than 401/403 is the server refusing the token itself. */
const isRefusal = (err: unknown): err is ApiError =>
  err instanceof ApiError && err.status >= 400 && err.status < 500 && err.status !== 401 && err.status !== 403;

export function useGateScan(checkpointId: number, direction: Direction, onLogged: () => void) {
  const { t } = useI18n();
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const action = useAction();

  const refuse = (code: string, fallback: () => string) => {
    const key = REFUSAL_KEYS[code];
    setOutcome({ kind: 'refused', detail: key ? t(key) : fallback() });
  };

  /** Logs the pass in `raw` (a pass, a bare token or a link carrying one); true when the server logged it. */
  const scan = async (raw: string): Promise<boolean> => {
    setOutcome(null);
    const pass = readPass(raw);
    if (pass.kind === 'refused') {
      refuse(pass.code, () => pass.code);
      return false;
    }
    try {
      const res = await api<typeof checkpointsApi.scanToken>(`/api/rollout/checkpoints/${checkpointId}/scan`, {
        method: 'POST',
        body: { token: pass.token, direction },
      });
      setOutcome(
        res.result === 'active'
          ? { kind: 'signature_valid', detail: t('gate.signatureValidDetail') }
          : { kind: 'inactive', detail: res.reasonCode ? t(INACTIVE_KEYS[res.reasonCode]) : (res.reason ?? '') },
      );
      onLogged();
      return true;
    } catch (err) {
      if (!isRefusal(err)) throw err;
      refuse(err.code, () => problemText(t, err.info).message);
      return false;
    }
  };

  return {
    outcome,
    action,
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
    /** Logs a visitor without the app, with the reason picked or typed. */
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
