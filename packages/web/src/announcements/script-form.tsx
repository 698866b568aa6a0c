/**
 * A script's wording, channel and repeat rule: a new script for the page's unit, or an edit of
 * one (PATCH sends only what changed). The server checks the cron rule and answers a problem the
 * form shows.
 */
import { ANNOUNCEMENT_CHANNELS, type announcementsApi } from '@bluezone/protocol/api';
import { type FormEvent, useState } from 'react';
import { api } from '../api/api-client';
import type { Action } from '../hooks/use-action';
import { useI18n } from '../i18n/i18n';

type Script = announcementsApi.Announcement;

export function ScriptForm({
  unitCode,
  script,
  action,
  onSaved,
  onCancel,
}: {
  unitCode: string;
  /** The script to edit; none: a new one. */
  script?: Script;
  action: Action;
  onSaved(): void;
  onCancel?(): void;
}) {
  const { t } = useI18n();
  const [form, setForm] = useState({
    title: script?.title ?? '',
    text: script?.text ?? '',
    repeat: script?.repeat ?? '0 17 * * *',
    channel: script?.channel ?? ('loudspeaker' as announcementsApi.AnnouncementChannel),
  });
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void action.run(async () => {
      if (script) {
        const edit = Object.fromEntries(
          Object.entries(form).filter(([k, v]) => script[k as keyof typeof form] !== v),
        ) as announcementsApi.AnnouncementEdit;
        await api<typeof announcementsApi.updateAnnouncement>(`/api/rollout/announcements/${script.id}`, {
          method: 'PATCH',
          body: edit,
        });
      } else {
        await api<typeof announcementsApi.createAnnouncement>('/api/rollout/announcements', {
          method: 'POST',
          body: { unitCode, ...form },
        });
        setForm({ ...form, title: '', text: '' });
      }
      onSaved();
      return t(script ? 'announce.saved' : 'announce.created', { title: form.title });
    });
  };
  return (
    <form
      className="card grid-form"
      onSubmit={submit}
      data-testid={script ? `script-edit-${script.id}` : 'script-form'}
    >
      <h2>{script ? t('announce.editTitle', { title: script.title }) : t('announce.new')}</h2>
      <label>
        {t('announce.channel')}
        <select value={form.channel} onChange={set('channel')}>
          {ANNOUNCEMENT_CHANNELS.map((c) => (
            <option key={c} value={c}>
              {t(`announce.channel.${c}` as const)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('announce.scriptTitle')}
        <input name="title" value={form.title} onChange={set('title')} required maxLength={200} />
      </label>
      <label>
        {t('announce.text')}
        <textarea name="text" value={form.text} onChange={set('text')} required maxLength={5000} rows={4} />
      </label>
      <label>
        {t('announce.repeat')}
        <input name="repeat" value={form.repeat} onChange={set('repeat')} required maxLength={100} />
        <span className="muted">{t('campaign.cronHint')}</span>
      </label>
      <div className="actions">
        <button type="submit" className="primary" disabled={action.busy}>
          {script ? t('announce.save') : t('announce.create')}
        </button>
        {onCancel && (
          <button type="button" onClick={onCancel}>
            {t('admin.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}
