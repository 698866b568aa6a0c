/** A new business under a commune, town or village of the unit's subtree: its name, customers a month, person in charge and phone. */
import type { businessesApi, unitsApi } from '@bluezone/protocol/api';
import { type FormEvent, useState } from 'react';
import { api } from '../api/api-client';
import { subtree } from '../drives/drive-form';
import type { Action } from '../hooks/use-action';
import { useLoad } from '../hooks/use-load';
import { useI18n } from '../i18n/i18n';

const HOLDS_BUSINESSES = ['commune', 'town', 'village'];

export function BusinessForm({ unitCode, action, onCreated }: { unitCode: string; action: Action; onCreated(): void }) {
  const { t } = useI18n();
  const units = useLoad((signal) => api<typeof unitsApi.listUnits>('/api/rollout/units', { signal }), []);
  const [parent, setParent] = useState('');
  const [form, setForm] = useState({ name: '', customers: '', personInCharge: '', contactPhone: '' });
  const places =
    units.state.status === 'ready'
      ? subtree(unitCode, units.state.data.units).filter((u) => HOLDS_BUSINESSES.includes(u.kind))
      : [];
  const chosen = parent || places[0]?.code || '';
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void action.run(async () => {
      const { business } = await api<typeof businessesApi.createBusiness>('/api/rollout/businesses', {
        method: 'POST',
        body: {
          parentCode: chosen,
          name: form.name,
          ...(form.customers.trim() ? { customers: Number(form.customers) } : {}),
          ...(form.personInCharge.trim() ? { personInCharge: form.personInCharge } : {}),
          ...(form.contactPhone.trim() ? { contactPhone: form.contactPhone } : {}),
        },
      });
      setForm({ name: '', customers: '', personInCharge: '', contactPhone: '' });
      onCreated();
      return t('businesses.created', { name: business.name, code: business.code });
    });
  };
  return (
    <form className="card grid-form" onSubmit={submit} data-testid="business-form">
      <h2>{t('businesses.new')}</h2>
      <label>
        {t('businesses.where')}
        <select value={chosen} onChange={(e) => setParent(e.target.value)}>
          {places.map((u) => (
            <option key={u.code} value={u.code}>
              {u.name} ({u.code})
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('businesses.name')}
        <input name="business-name" value={form.name} onChange={set('name')} required maxLength={200} />
      </label>
      <label>
        {t('businesses.customers')}
        <input name="customers" type="number" min={0} step={1} value={form.customers} onChange={set('customers')} />
      </label>
      <label>
        {t('businesses.person')}
        <input name="person" value={form.personInCharge} onChange={set('personInCharge')} maxLength={200} />
      </label>
      <label>
        {t('businesses.phone')}
        <input name="phone" type="tel" value={form.contactPhone} onChange={set('contactPhone')} maxLength={40} />
      </label>
      <button type="submit" className="primary" disabled={action.busy || chosen === ''}>
        {t('businesses.add')}
      </button>
    </form>
  );
}
