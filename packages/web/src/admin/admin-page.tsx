/**
 * Admin: users (create; change role or unit; disable/enable; unlock; reset password), the key
 * server's API keys (create — shown once — and revoke) and the export signing keys (rotate, after
 * a confirm: the same rotation as `bluezone signing-key rotate`; the old key keeps signing 7 days),
 * the message campaigns that non-admins made, waiting for approval (approve, or reject with a reason),
 * the site's public address, the demo district (seed or clear), the signed configuration phones
 * apply, and a field test's enrolments (one QR code per test phone, on a printable sheet).
 */
import type { accountsApi } from '@bluezone/protocol/api';
import { useI18n } from '../i18n/i18n';
import { ApiKeysCard } from './api-keys-card';
import { ConfigurationCard } from './configuration/configuration-card';
import { DemoCard } from './demo-card';
import { FieldTestCard } from './field-test/field-test-card';
import { PendingCampaignsCard } from './pending-campaigns-card';
import { SigningKeysCard } from './signing-keys-card';
import { SiteCard } from './site-card';
import { UsersCard } from './users-card';

export function AdminPage({ self }: { self: accountsApi.User }) {
  const { t } = useI18n();
  return (
    <section aria-labelledby="admin-title">
      <h1 id="admin-title">{t('admin.title')}</h1>
      <UsersCard self={self} />
      <PendingCampaignsCard />
      <div className="grid-2">
        <ApiKeysCard />
        <SigningKeysCard />
      </div>
      <ConfigurationCard />
      <FieldTestCard />
      <div className="grid-2">
        <SiteCard />
        <DemoCard />
      </div>
    </section>
  );
}
