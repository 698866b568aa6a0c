/**
 * Message campaigns (rollout/messaging-routes.ts): a unit's phone list, then a campaign to its
 * contacts, roster or tourist arrivals by SMS or Zalo, now, once, daily or weekly at a time, with quiet hours.
 * Preview shows recipients, a sample text, SMS segments and cost before anything is created;
 * the list follows each campaign's delivery (queued → sent → delivered) while it runs.
 */
import type { accountsApi } from '@bluezone/protocol/api';
import { useState } from 'react';
import { CampaignListCard } from '../components/campaign-list';
import { UnitPicker } from '../components/unit-picker';
import { useI18n } from '../i18n/i18n';
import { CampaignForm } from './campaign-form';
import { ContactsCard } from './contacts-card';

export function CampaignsPage({ user }: { user: accountsApi.User }) {
  const { t } = useI18n();
  const [unitCode, setUnitCode] = useState(user.unitCode ?? '483');
  const [created, setCreated] = useState(0);

  return (
    <section aria-labelledby="campaigns-title">
      <div className="page-head">
        <h1 id="campaigns-title">{t('campaign.title')}</h1>
        <UnitPicker value={unitCode} onChange={setUnitCode} />
      </div>
      <div className="grid-2">
        <CampaignForm unitCode={unitCode} onCreated={() => setCreated((n) => n + 1)} />
        <ContactsCard unitCode={unitCode} />
      </div>
      <CampaignListCard refreshKey={created} />
    </section>
  );
}
