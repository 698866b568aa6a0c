/**
 * An admin loads the district's own boundaries: a GeoJSON FeatureCollection whose features name
 * the communes (`properties.code`, the GSO code such as 20161), with where the data comes from
 * and its licence; or goes back to the schematic map. The server checks every feature and says
 * which are wrong (ErrorMessage lists them in the user's language).
 */
import type { mapsApi } from '@bluezone/protocol/api';
import { type FormEvent, useState } from 'react';
import { ApiError, api } from '../api/api-client';
import { ActionNotices } from '../components/action-notices';
import { useAction } from '../hooks/use-action';
import { useI18n } from '../i18n/i18n';

export function MapUpload({ unit, onChanged }: { unit: string; onChanged(): void }) {
  const { t } = useI18n();
  const [file, setFile] = useState<File | null>(null);
  const [attribution, setAttribution] = useState('');
  const action = useAction();
  const url = `/api/rollout/maps/${encodeURIComponent(unit)}` as const;

  const upload = (e: FormEvent) => {
    e.preventDefault();
    void action.run(async () => {
      if (!file) return;
      let geojson: { type?: unknown; features?: unknown };
      try {
        geojson = JSON.parse(await file.text()) as typeof geojson;
      } catch {
        throw new ApiError(400, 'geojson_invalid', 'not JSON');
      }
      const body = { ...geojson, ...(attribution.trim() ? { attribution: attribution.trim() } : {}) };
      const map = await api<typeof mapsApi.uploadUnitMap>(url, {
        method: 'POST',
        body: body as mapsApi.UploadMapRequest,
      });
      onChanged();
      return t('map.uploadedAreas', { n: map.areas.length });
    });
  };
  const reset = () =>
    void action.run(async () => {
      await api<typeof mapsApi.uploadUnitMap>(url, {
        method: 'POST',
        body: { type: 'FeatureCollection', features: [] },
      });
      onChanged();
      return t('map.resetDone');
    });

  return (
    <details className="map-upload no-print">
      <summary>{t('map.uploadTitle')}</summary>
      <form onSubmit={upload}>
        <p className="hint">{t('map.uploadHint')}</p>
        <label>
          {t('map.file')}
          <input
            type="file"
            name="map-file"
            accept=".geojson,.json,application/geo+json,application/json"
            required
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          />
        </label>
        <label>
          {t('map.attribution')}
          <input name="map-attribution" value={attribution} onChange={(e) => setAttribution(e.target.value)} />
        </label>
        <ActionNotices action={action} />
        <div className="actions">
          <button type="submit" className="primary" disabled={action.busy}>
            {t('map.upload')}
          </button>
          <button type="button" className="button" disabled={action.busy} onClick={reset}>
            {t('map.reset')}
          </button>
        </div>
      </form>
    </details>
  );
}
