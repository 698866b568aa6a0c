/**
 * Says plainly when the dashboard's figures include the demo district's (GET /api/rollout/demo),
 * so nobody reports them as real; admins clear them on the admin page.
 */
import type { demoApi } from '@bluezone/protocol/api';
import { api } from '../api/api-client';
import { useLoad } from '../hooks/use-load';
import { useI18n } from '../i18n/i18n';

export function DemoNotice({ admin }: { admin: boolean }) {
  const { t } = useI18n();
  const demo = useLoad(
    (signal) => api<typeof demoApi.getDemoStatus>('/api/rollout/demo', { signal }).catch(() => null),
    [],
  );
  if (demo.state.status !== 'ready' || !demo.state.data?.seeded) return null;
  return (
    <p className="notice demo" role="note" data-testid="demo-notice">
      <strong>{t('demo.banner')}</strong> {admin ? <a href="#/admin">{t('demo.bannerAdmin')}</a> : null}
    </p>
  );
}
