/**
 * A new campaign: who, how, what text and when; the text as a resident will read it while it is
 * typed; preview (recipients, segments, cost, the server's own sample, the next run), then create.
 */
import { AUDIENCES, type Audience, type campaignsApi, type unitsApi } from '@bluezone/protocol/api';
import { type FormEvent, useState } from 'react';
import { api } from '../api/api-client';
import { ActionNotices } from '../components/action-notices';
import { SegmentedChoice } from '../components/segmented-choice';
import { useAction } from '../hooks/use-action';
import { useLoad } from '../hooks/use-load';
import { useI18n } from '../i18n/i18n';
import { type CampaignDraft, campaignBody, isPastOnce, newDraft } from './campaign-draft';
import { CampaignPreviewNotice } from './campaign-preview';
import { CAMPAIGN_FIELDS, type CampaignField, renderSample, unknownFields } from './campaign-sample';
import { ScheduleFields } from './schedule-fields';

export function CampaignForm({ unitCode, onCreated }: { unitCode: string; onCreated(): void }) {
  const { t } = useI18n();
  const [draft, setDraft] = useState<CampaignDraft>(newDraft);
  const set = (patch: Partial<CampaignDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const [preview, setPreview] = useState<campaignsApi.CampaignPreview | null>(null);
  const action = useAction();
  const units = useLoad((signal) => api<typeof unitsApi.listUnits>('/api/rollout/units', { signal }), []);
  const list = units.state.status === 'ready' ? units.state.data.units : [];
  const unit = list.find((u) => u.code === unitCode);
  const parent = list.find((u) => u.code === unit?.parentCode);
  const examples: Record<CampaignField, string> = {
    name: t('campaign.sampleName'),
    unit: unit?.name ?? unitCode,
    link: `${window.location.origin}/app/?ref=Xy7kQ2`,
    commune: unit?.kind === 'commune' || unit?.kind === 'town' ? unit.name : (parent?.name ?? ''),
    district: list.find((u) => u.parentCode === null)?.name ?? '',
    code: unitCode,
  };
  const strange = unknownFields(draft.template);

  const showPreview = () =>
    action.run(async () => {
      const body = campaignBody(unitCode, draft);
      setPreview(
        await api<typeof campaignsApi.previewCampaign>('/api/rollout/campaigns/preview', { method: 'POST', body }),
      );
    });
  const create = (e: FormEvent) => {
    e.preventDefault();
    void action.run(async () => {
      if (isPastOnce(draft)) throw new Error(t('campaign.pastTime'));
      const created = await api<typeof campaignsApi.createCampaign>('/api/rollout/campaigns', {
        method: 'POST',
        body: campaignBody(unitCode, draft),
      });
      // A campaign with no next run will never send (e.g. the server's clock is past the chosen time).
      if (created.nextRunAt === null) throw new Error(t('campaign.pastTime'));
      setPreview(null);
      onCreated();
      // A non-admin's campaign waits for an admin's approval before anything is queued.
      const said = created.status === 'pending_approval' ? 'campaign.createdPending' : 'campaign.created';
      return t(said, { name: draft.name });
    });
  };

  return (
    <form className="card" onSubmit={create} aria-labelledby="new-campaign-title">
      <h2 id="new-campaign-title">{t('campaign.new')}</h2>
      <label>
        {t('campaign.name')}
        <input name="campaign-name" required value={draft.name} onChange={(e) => set({ name: e.target.value })} />
      </label>
      <label>
        {t('campaign.audienceLabel')}
        <select
          name="campaign-audience"
          value={draft.audience}
          onChange={(e) => set({ audience: e.target.value as Audience })}
        >
          {AUDIENCES.map((a) => (
            <option key={a} value={a}>
              {t(`campaign.audience.${a}` as const)}
            </option>
          ))}
        </select>
      </label>
      <SegmentedChoice
        legend={t('campaign.channel')}
        name="channel"
        options={['sms', 'zalo'] as const}
        value={draft.channel}
        onChange={(channel) => set({ channel })}
        label={(ch) => (ch === 'sms' ? 'SMS' : 'Zalo ZNS')}
      />
      {draft.channel === 'zalo' && (
        <label>
          {t('campaign.zaloTemplateId')}
          <input required value={draft.zaloTemplateId} onChange={(e) => set({ zaloTemplateId: e.target.value })} />
        </label>
      )}
      <label>
        {t('campaign.template')}
        <textarea
          name="campaign-template"
          required
          rows={3}
          value={draft.template}
          onChange={(e) => set({ template: e.target.value })}
        />
        <span className="hint">
          {t('campaign.templateHint', { fields: CAMPAIGN_FIELDS.map((f) => `{${f}}`).join(' ') })}
        </span>
      </label>
      <div className="sample-message" data-testid="campaign-sample" aria-live="polite">
        <span className="hint">{t('campaign.sampleLabel')}</span>
        <p className="sample">{renderSample(draft.template, examples)}</p>
        {strange.length > 0 && (
          <p className="notice error">
            {t('campaign.unknownFields', { fields: strange.map((f) => `{${f}}`).join(', ') })}
          </p>
        )}
      </div>
      <ScheduleFields draft={draft} onChange={set} />
      <ActionNotices action={action} />
      {preview && <CampaignPreviewNotice preview={preview} />}
      <div className="actions">
        <button type="button" className="button" disabled={action.busy} onClick={() => void showPreview()}>
          {t('campaign.preview')}
        </button>
        <button type="submit" className="primary" disabled={action.busy}>
          {t('campaign.create')}
        </button>
      </div>
    </form>
  );
}
