/**
 * Gatekeeper page (phone-sized): pick entry or exit, then scan the visitor's pass QR with the
 * camera or read it from a photo; or record "no app" with a quick or typed reason. Each scan is
 * logged at once by the rollout checkpoint API and the result shown in large type. The page
 * checks signature, expiry and replay; only the resident app's gatekeeper mode checks the radio.
 */
import type { accountsApi, checkpointsApi } from '@bluezone/protocol/api';
import { api } from '../api/api-client';
import { Empty, Loadable } from '../components/loadable';
import { useLoad } from '../hooks/use-load';
import { useI18n } from '../i18n/i18n';
import { GateDesk } from './gate-desk';

export function GatekeeperPage({ user }: { user: accountsApi.User }) {
  const { t } = useI18n();
  const checkpoints = useLoad(
    (signal) => api<typeof checkpointsApi.listCheckpoints>('/api/rollout/checkpoints', { signal }),
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
