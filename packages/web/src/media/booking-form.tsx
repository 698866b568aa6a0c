/**
 * Book ad time: a partner, the script it airs, one or more dates and times (one per line, or
 * added one by one), the spot's length, the cost of each slot and the reach the partner expects.
 * The server books all of them or none.
 */
import type { announcementsApi, mediaApi } from '@bluezone/protocol/api';
import { type FormEvent, useState } from 'react';
import { isoFromLocal } from '../announcements/local-time';
import { api } from '../api/api-client';
import type { Action } from '../hooks/use-action';
import { useI18n } from '../i18n/i18n';

export function BookingForm({
  partners,
  scripts,
  action,
  onBooked,
}: {
  partners: readonly mediaApi.Partner[];
  scripts: readonly announcementsApi.Announcement[];
  action: Action;
  onBooked(): void;
}) {
  const { t } = useI18n();
  const usable = scripts.filter((s) => s.retiredAt === null);
  const [form, setForm] = useState({ partner: '', script: '', at: '', seconds: '30', cost: '', reach: '' });
  const [times, setTimes] = useState<string[]>([]);
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value });
  const partner = form.partner || String(partners[0]?.id ?? '');
  const script = form.script || String(usable[0]?.id ?? '');
  const addTime = () => {
    const iso = isoFromLocal(form.at);
    if (iso && !times.includes(iso)) setTimes([...times, iso].sort());
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void action.run(async () => {
      const pending = isoFromLocal(form.at);
      const all = pending && !times.includes(pending) ? [...times, pending] : times;
      if (all.length === 0) throw new Error(t('media.noTimes'));
      const { slots } = await api<typeof mediaApi.bookSlots>('/api/rollout/media/slots', {
        method: 'POST',
        body: {
          partnerId: Number(partner),
          announcementId: Number(script),
          times: all,
          durationSeconds: Number(form.seconds),
          costVnd: Number(form.cost),
          expectedReach: Number(form.reach),
        },
      });
      setTimes([]);
      setForm({ ...form, at: '' });
      onBooked();
      return t('media.booked', { n: slots.length });
    });
  };
  return (
    <form className="card grid-form" onSubmit={submit} data-testid="booking-form">
      <h2>{t('media.book')}</h2>
      <label>
        {t('media.partner')}
        <select value={partner} onChange={set('partner')} required>
          {partners.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name} ({t(`media.kind.${p.kind}` as const)})
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('media.script')}
        <select value={script} onChange={set('script')} required>
          {usable.map((s) => (
            <option key={s.id} value={s.id}>
              {s.title}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('media.airsAt')}
        <input name="at" type="datetime-local" value={form.at} onChange={set('at')} />
      </label>
      <button type="button" onClick={addTime} disabled={form.at === ''}>
        {t('media.addTime')}
      </button>
      {times.length > 0 && (
        <ul className="list" data-testid="booking-times">
          {times.map((iso) => (
            <li key={iso}>
              {new Date(iso).toLocaleString()}{' '}
              <button type="button" className="link" onClick={() => setTimes(times.filter((x) => x !== iso))}>
                {t('media.removeTime')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <label>
        {t('media.seconds')}
        <input
          name="seconds"
          type="number"
          min={1}
          max={3600}
          value={form.seconds}
          onChange={set('seconds')}
          required
        />
      </label>
      <label>
        {t('media.costEach')}
        <input name="cost" type="number" min={0} value={form.cost} onChange={set('cost')} required />
      </label>
      <label>
        {t('media.reachEach')}
        <input name="reach" type="number" min={0} value={form.reach} onChange={set('reach')} required />
      </label>
      <button type="submit" className="primary" disabled={action.busy || partners.length === 0 || usable.length === 0}>
        {t('media.bookSubmit')}
      </button>
    </form>
  );
}
