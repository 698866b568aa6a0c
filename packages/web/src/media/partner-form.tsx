/** A new media partner of the page's unit: a radio, TV or online outlet the district buys ad time from. */
import { MEDIA_KINDS, type mediaApi } from '@bluezone/protocol/api';
import { type FormEvent, useState } from 'react';
import { api } from '../api/api-client';
import type { Action } from '../hooks/use-action';
import { useI18n } from '../i18n/i18n';

export function PartnerForm({ unitCode, action, onCreated }: { unitCode: string; action: Action; onCreated(): void }) {
  const { t } = useI18n();
  const [form, setForm] = useState({ name: '', kind: 'radio' as mediaApi.MediaKind, contact: '' });
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void action.run(async () => {
      const partner = await api<typeof mediaApi.createPartner>('/api/rollout/media/partners', {
        method: 'POST',
        body: {
          unitCode,
          name: form.name,
          kind: form.kind,
          ...(form.contact.trim() !== '' ? { contact: form.contact } : {}),
        },
      });
      setForm({ name: '', kind: form.kind, contact: '' });
      onCreated();
      return t('media.partnerAdded', { name: partner.name });
    });
  };
  return (
    <form className="card grid-form" onSubmit={submit} data-testid="partner-form">
      <h2>{t('media.newPartner')}</h2>
      <label>
        {t('media.partner')}
        <input name="name" value={form.name} onChange={set('name')} required maxLength={200} />
      </label>
      <label>
        {t('media.kind')}
        <select value={form.kind} onChange={set('kind')}>
          {MEDIA_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`media.kind.${k}` as const)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('media.contact')}
        <input name="contact" value={form.contact} onChange={set('contact')} maxLength={200} />
      </label>
      <button type="submit" className="primary" disabled={action.busy}>
        {t('media.addPartner')}
      </button>
    </form>
  );
}
