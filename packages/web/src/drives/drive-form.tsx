/** A new install drive: the unit running it (the page's unit or one under it), name, day, place and organiser. */
import type { drivesApi, unitsApi } from '@bluezone/protocol/api';
import { api } from '../api/api-client';
import { UnitEntryForm } from '../components/unit-entry-form';
import type { Action } from '../hooks/use-action';
import { useI18n } from '../i18n/i18n';

/** Who runs drives: Youth Union branches first, then the areas themselves. */
const RUNS_DRIVES = ['youth_union', 'district', 'commune', 'town', 'village'];

export function DriveForm({ unitCode, action, onCreated }: { unitCode: string; action: Action; onCreated(): void }) {
  const { t } = useI18n();
  return (
    <UnitEntryForm
      testId="drive-form"
      title={t('drives.new')}
      unitLabel={t('drives.runBy')}
      choices={(units) =>
        subtree(unitCode, units)
          .filter((u) => RUNS_DRIVES.includes(u.kind))
          .sort((a, b) => RUNS_DRIVES.indexOf(a.kind) - RUNS_DRIVES.indexOf(b.kind))
      }
      fallbackUnit={unitCode}
      fields={[
        { field: 'name', label: t('drives.name'), name: 'name', required: true, maxLength: 200 },
        { field: 'heldOn', label: t('drives.heldOn'), name: 'heldOn', type: 'date', required: true },
        { field: 'place', label: t('drives.place'), name: 'place', required: true, maxLength: 200 },
        { field: 'organiser', label: t('drives.organiser'), name: 'organiser', required: true, maxLength: 200 },
      ]}
      submitLabel={t('drives.create')}
      action={action}
      create={async (chosen, form) => {
        const { drive } = await api<typeof drivesApi.createDrive>('/api/rollout/drives', {
          method: 'POST',
          body: { unitCode: chosen, ...form },
        });
        return t('drives.created', { name: drive.name });
      }}
      onCreated={onCreated}
    />
  );
}

/** `root` and the units under it, from the parent codes. */
export function subtree(root: string, units: readonly unitsApi.Unit[]): unitsApi.Unit[] {
  const inside = new Set([root]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const u of units) {
      if (!inside.has(u.code) && u.parentCode !== null && inside.has(u.parentCode)) {
        inside.add(u.code);
        grew = true;
      }
    }
  }
  return units.filter((u) => inside.has(u.code));
}
