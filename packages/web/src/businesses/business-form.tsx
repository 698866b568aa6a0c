/** A new business under a commune, town or village of the unit's subtree: its name, customers a month, person in charge and phone. */
import type { businessesApi } from '@bluezone/protocol/api';
import { api } from '../api/api-client';
import { UnitEntryForm } from '../components/unit-entry-form';
import { subtree } from '../drives/drive-form';
import type { Action } from '../hooks/use-action';
import { useI18n } from '../i18n/i18n';

const HOLDS_BUSINESSES = ['commune', 'town', 'village'];

export function BusinessForm({ unitCode, action, onCreated }: { unitCode: string; action: Action; onCreated(): void }) {
  const { t } = useI18n();
  return (
    <UnitEntryForm
      testId="business-form"
      title={t('businesses.new')}
      unitLabel={t('businesses.where')}
      choices={(units) => subtree(unitCode, units).filter((u) => HOLDS_BUSINESSES.includes(u.kind))}
      fields={[
        { field: 'name', label: t('businesses.name'), name: 'business-name', required: true, maxLength: 200 },
        { field: 'customers', label: t('businesses.customers'), name: 'customers', type: 'number', min: 0, step: 1 },
        { field: 'personInCharge', label: t('businesses.person'), name: 'person', maxLength: 200 },
        { field: 'contactPhone', label: t('businesses.phone'), name: 'phone', type: 'tel', maxLength: 40 },
      ]}
      submitLabel={t('businesses.add')}
      action={action}
      create={async (parentCode, form) => {
        const { business } = await api<typeof businessesApi.createBusiness>('/api/rollout/businesses', {
          method: 'POST',
          body: {
            parentCode,
            name: form.name,
            ...(form.customers.trim() ? { customers: Number(form.customers) } : {}),
            ...(form.personInCharge.trim() ? { personInCharge: form.personInCharge } : {}),
            ...(form.contactPhone.trim() ? { contactPhone: form.contactPhone } : {}),
          },
        });
        return t('businesses.created', { name: business.name, code: business.code });
      }}
      onCreated={onCreated}
    />
  );
}
