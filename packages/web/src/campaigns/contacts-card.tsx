/** Adding phone numbers to a unit's contact list: one per line, `phone, name` (the name optional). */
import type { messagingApi } from '@bluezone/protocol/api';
import { type FormEvent, useState } from 'react';
import { api } from '../api/api-client';
import { ActionNotices } from '../components/action-notices';
import { useAction } from '../hooks/use-action';
import { useI18n } from '../i18n/i18n';

/** `0912345678, Nguyễn Văn A` lines → contacts; blank lines are skipped, a name may contain commas. */
function parseContacts(text: string) {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .map((line) => {
      const [phone = '', ...rest] = line.split(',');
      const name = rest.join(',').trim();
      return { phone: phone.trim(), ...(name ? { name } : {}) };
    });
}

export function ContactsCard({ unitCode }: { unitCode: string }) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const action = useAction();

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void action.run(async () => {
      const res = await api<typeof messagingApi.saveContacts>(
        `/api/rollout/units/${encodeURIComponent(unitCode)}/contacts`,
        {
          method: 'POST',
          body: { contacts: parseContacts(text) },
        },
      );
      setText('');
      return t('campaign.contactsAdded', { n: res.contacts });
    });
  };

  return (
    <form className="card" onSubmit={submit} aria-labelledby="contacts-title">
      <h2 id="contacts-title">{t('campaign.contacts')}</h2>
      <label>
        {t('campaign.contactsLabel', { unit: unitCode })}
        <textarea
          name="contacts"
          rows={6}
          required
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder={'0912345678, Nguyễn Văn A\n0987654321'}
        />
      </label>
      <ActionNotices action={action} />
      <button type="submit" className="primary" disabled={action.busy}>
        {t('campaign.addContacts')}
      </button>
    </form>
  );
}
