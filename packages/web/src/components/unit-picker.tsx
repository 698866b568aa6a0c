/** Chooses a unit among those the user may see (GET /api/rollout/units answers only those). */
import type { unitsApi } from '@bluezone/protocol/api';
import { api } from '../api/api-client';
import { useLoad } from '../hooks/use-load';
import { useI18n } from '../i18n/i18n';
import { Loadable } from './loadable';

export function UnitPicker({ value, onChange }: { value: string; onChange(code: string): void }) {
  const { t } = useI18n();
  const units = useLoad((signal) => api<typeof unitsApi.listUnits>('/api/rollout/units', { signal }), []);
  return (
    <Loadable state={units.state}>
      {({ units: list }) => (
        <label className="inline no-print">
          {t('unit.pick')}
          <select value={value} onChange={(e) => onChange(e.target.value)}>
            {list.map((u) => (
              <option key={u.code} value={u.code}>
                {u.name} ({u.code})
              </option>
            ))}
          </select>
        </label>
      )}
    </Loadable>
  );
}
