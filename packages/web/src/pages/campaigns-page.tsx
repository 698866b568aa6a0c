/**
 * Message campaigns (rollout/messaging-routes.ts): a unit's phone list, then a campaign to its
 * contacts, roster or tourist arrivals by SMS or Zalo, once or on a cron rule, with quiet hours.
 * Preview shows recipients, a sample text, SMS segments and cost before anything is created;
 * the list follows each campaign's delivery (queued → sent → delivered) while it runs.
 */
import { type FormEvent, useState } from 'react';
import { api } from '../api/api-client';
import type { CampaignPreview, User } from '../api/types';
import { CampaignListCard } from '../components/campaign-list';
import { ErrorMessage } from '../components/loadable';
import { UnitPicker } from '../components/unit-picker';
import { useI18n } from '../i18n/i18n';

const AUDIENCES = ['contacts', 'roster', 'arrivals'] as const;
const FIELDS = '{name} {unit} {link} {commune} {district} {code}';
/** "Send now" is a one-off run a few seconds ahead: the server ignores one-off times already past. */
const NOW_LEAD_MS = 10_000;

function localInputValue(d: Date): string {
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}

export function CampaignsPage({ user }: { user: User }) {
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

function CampaignForm({ unitCode, onCreated }: { unitCode: string; onCreated(): void }) {
  const { t, formatNumber, formatDateTime } = useI18n();
  const [name, setName] = useState('');
  const [audience, setAudience] = useState<(typeof AUDIENCES)[number]>('contacts');
  const [channel, setChannel] = useState<'sms' | 'zalo'>('sms');
  const [zaloTemplateId, setZaloTemplateId] = useState('');
  const [template, setTemplate] = useState('Bluezone: {name} ơi, hãy cài ứng dụng Bluezone để bảo vệ {unit}: {link}');
  const [kind, setKind] = useState<'now' | 'once' | 'periodic'>('now');
  const [at, setAt] = useState(() => localInputValue(new Date()));
  const [cron, setCron] = useState('0 8 * * 1');
  const [quietStart, setQuietStart] = useState('21:00');
  const [quietEnd, setQuietEnd] = useState('07:00');
  const [preview, setPreview] = useState<CampaignPreview | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const body = () => ({
    unitCode,
    name,
    audience,
    channel,
    template,
    ...(channel === 'zalo' ? { zaloTemplateId } : {}),
    schedule:
      kind === 'periodic'
        ? { kind, cron }
        : {
            kind: 'once',
            at: kind === 'now' ? new Date(Date.now() + NOW_LEAD_MS).toISOString() : new Date(at).toISOString(),
          },
    quietHours: { start: quietStart, end: quietEnd },
  });
  const run = async (what: 'preview' | 'create') => {
    setBusy(true);
    setError(null);
    setMessage(null);
    try {
      if (what === 'preview')
        setPreview(await api<CampaignPreview>('/api/rollout/campaigns/preview', { method: 'POST', body: body() }));
      else {
        if (kind === 'once' && new Date(at).getTime() <= Date.now()) throw new Error(t('campaign.pastTime'));
        const created = await api<{ status: string; nextRunAt: string | null }>('/api/rollout/campaigns', {
          method: 'POST',
          body: body(),
        });
        // A campaign with no next run will never send (e.g. the server's clock is past the chosen time).
        if (created.nextRunAt === null) throw new Error(t('campaign.pastTime'));
        // A non-admin's campaign waits for an admin's approval before anything is queued.
        setMessage(t(created.status === 'pending_approval' ? 'campaign.createdPending' : 'campaign.created', { name }));
        setPreview(null);
        onCreated();
      }
    } catch (err) {
      setError(err as Error);
    } finally {
      setBusy(false);
    }
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run('create');
  };

  return (
    <form className="card" onSubmit={submit} aria-labelledby="new-campaign-title">
      <h2 id="new-campaign-title">{t('campaign.new')}</h2>
      <label>
        {t('campaign.name')}
        <input name="campaign-name" required value={name} onChange={(e) => setName(e.target.value)} />
      </label>
      <label>
        {t('campaign.audienceLabel')}
        <select
          name="campaign-audience"
          value={audience}
          onChange={(e) => setAudience(e.target.value as (typeof AUDIENCES)[number])}
        >
          {AUDIENCES.map((a) => (
            <option key={a} value={a}>
              {t(`campaign.audience.${a}` as const)}
            </option>
          ))}
        </select>
      </label>
      <fieldset>
        <legend>{t('campaign.channel')}</legend>
        <div className="segmented">
          {(['sms', 'zalo'] as const).map((ch) => (
            <label key={ch} className={channel === ch ? 'on' : ''}>
              <input type="radio" name="channel" value={ch} checked={channel === ch} onChange={() => setChannel(ch)} />
              {ch === 'sms' ? 'SMS' : 'Zalo ZNS'}
            </label>
          ))}
        </div>
      </fieldset>
      {channel === 'zalo' && (
        <label>
          {t('campaign.zaloTemplateId')}
          <input required value={zaloTemplateId} onChange={(e) => setZaloTemplateId(e.target.value)} />
        </label>
      )}
      <label>
        {t('campaign.template')}
        <textarea
          name="campaign-template"
          required
          rows={3}
          value={template}
          onChange={(e) => setTemplate(e.target.value)}
        />
        <span className="hint">{t('campaign.templateHint', { fields: FIELDS })}</span>
      </label>
      <fieldset>
        <legend>{t('campaign.schedule')}</legend>
        <div className="segmented">
          {(['now', 'once', 'periodic'] as const).map((k) => (
            <label key={k} className={kind === k ? 'on' : ''}>
              <input type="radio" name="schedule" value={k} checked={kind === k} onChange={() => setKind(k)} />
              {t(`campaign.${k}` as const)}
            </label>
          ))}
        </div>
      </fieldset>
      {kind === 'now' ? null : kind === 'once' ? (
        <label>
          {t('campaign.at')}
          <input type="datetime-local" required value={at} onChange={(e) => setAt(e.target.value)} />
        </label>
      ) : (
        <label>
          {t('campaign.cron')}
          <input required value={cron} onChange={(e) => setCron(e.target.value)} />
          <span className="hint">{t('campaign.cronHint')}</span>
        </label>
      )}
      <div className="row-form">
        <label>
          {t('campaign.quietStart')}
          <input
            name="quiet-start"
            type="time"
            required
            value={quietStart}
            onChange={(e) => setQuietStart(e.target.value)}
          />
        </label>
        <label>
          {t('campaign.quietEnd')}
          <input name="quiet-end" type="time" required value={quietEnd} onChange={(e) => setQuietEnd(e.target.value)} />
        </label>
      </div>
      {error && <ErrorMessage error={error} />}
      {message && (
        <p className="notice ok" role="status">
          {message}
        </p>
      )}
      {preview && (
        <div className="notice ok" role="status" data-testid="campaign-preview">
          <p>{t('campaign.recipients', { n: formatNumber(preview.recipients) })}</p>
          {preview.cost && (
            <p>
              {t('campaign.cost', {
                segments: formatNumber(preview.cost.segments),
                cost: formatNumber(preview.cost.costVnd),
              })}
            </p>
          )}
          {preview.sample && <p className="sample">“{preview.sample}”</p>}
          {preview.nextRuns[0] && <p>{t('campaign.nextRun', { time: formatDateTime(preview.nextRuns[0]) })}</p>}
        </div>
      )}
      <div className="actions">
        <button type="button" className="button" disabled={busy} onClick={() => void run('preview')}>
          {t('campaign.preview')}
        </button>
        <button type="submit" className="primary" disabled={busy}>
          {t('campaign.create')}
        </button>
      </div>
    </form>
  );
}

function ContactsCard({ unitCode }: { unitCode: string }) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const [error, setError] = useState<Error | null>(null);
  const [added, setAdded] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setAdded(null);
    try {
      const contacts = text
        .split(/\r?\n/)
        .map((line) => line.trim())
        .filter((line) => line !== '')
        .map((line) => {
          const [phone = '', ...rest] = line.split(',');
          const name = rest.join(',').trim();
          return { phone: phone.trim(), ...(name ? { name } : {}) };
        });
      const res = await api<{ contacts: number }>(`/api/rollout/units/${encodeURIComponent(unitCode)}/contacts`, {
        method: 'POST',
        body: { contacts },
      });
      setAdded(res.contacts);
      setText('');
    } catch (err) {
      setError(err as Error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="card" onSubmit={(e) => void submit(e)} aria-labelledby="contacts-title">
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
      {error && <ErrorMessage error={error} />}
      {added !== null && (
        <p className="notice ok" role="status">
          {t('campaign.contactsAdded', { n: added })}
        </p>
      )}
      <button type="submit" className="primary" disabled={busy}>
        {t('campaign.addContacts')}
      </button>
    </form>
  );
}
