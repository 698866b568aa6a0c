/**
 * The site's public address (GET/PATCH /api/site): what every install link, poster QR code and SMS
 * link is built on. Set by PUBLIC_BASE_URL in the server's environment (then shown, not editable),
 * saved here, or else the address the browser used.
 */
import type { siteApi } from '@bluezone/protocol/api';
import { type FormEvent, useEffect, useState } from 'react';
import { api } from '../api/api-client';
import { ActionNotices } from '../components/action-notices';
import { Loadable } from '../components/loadable';
import { useAction } from '../hooks/use-action';
import { useLoad } from '../hooks/use-load';
import { useI18n } from '../i18n/i18n';

export function SiteCard() {
  const { t } = useI18n();
  const site = useLoad((signal) => api<typeof siteApi.getSiteSettings>('/api/site', { signal }), []);
  const [address, setAddress] = useState('');
  const action = useAction();
  useEffect(() => {
    if (site.state.status === 'ready') setAddress(site.state.data.publicBaseUrl);
  }, [site.state]);

  const save = (e: FormEvent) => {
    e.preventDefault();
    void action.run(async () => {
      await api<typeof siteApi.updateSiteSettings>('/api/site', { method: 'PATCH', body: { publicBaseUrl: address } });
      site.reload();
      return t('site.saved');
    });
  };

  return (
    <form className="card" onSubmit={save} aria-labelledby="site-title">
      <h2 id="site-title">{t('site.title')}</h2>
      <Loadable state={site.state} onRetry={site.reload}>
        {(s) => (
          <>
            <label>
              {t('site.publicAddress')}
              <input
                name="public-address"
                type="url"
                inputMode="url"
                required
                disabled={s.publicBaseUrlSource === 'environment'}
                value={address}
                onChange={(e) => setAddress(e.target.value)}
              />
              <span className="hint">
                {t(`site.source.${s.publicBaseUrlSource}` as const)} {t('site.publicAddressHint')}
              </span>
            </label>
            <ActionNotices action={action} />
            {s.publicBaseUrlSource !== 'environment' && (
              <button type="submit" className="primary" disabled={action.busy}>
                {t('site.save')}
              </button>
            )}
          </>
        )}
      </Loadable>
    </form>
  );
}
