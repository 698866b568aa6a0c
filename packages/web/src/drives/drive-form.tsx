/** A new install drive: the unit running it (the page's unit or one under it), name, day, place and organiser. */
import type { drivesApi, unitsApi } from '@bluezone/protocol/api';
import { type FormEvent, useState } from 'react';
import { api } from '../api/api-client';
import type { Action } from '../hooks/use-action';
import { useLoad } from '../hooks/use-load';
import { useI18n } from '../i18n/i18n';

/** Who runs drives: Youth Union branches first, then the areas themselves. */
const RUNS_DRIVES = ['youth_union', 'district', 'commune', 'town', 'village'];

export function DriveForm({ unitCode, action, onCreated }: { unitCode: string; action: Action; onCreated(): void }) {
  const { t } = useI18n();
  const units = useLoad((signal) => api<typeof unitsApi.listUnits>('/api/rollout/units', { signal }), []);
  const [runner, setRunner] = useState('');
  const [form, setForm] = useState({ name: '', heldOn: '', place: '', organiser: '' });
  const runners =
    units.state.status === 'ready'
      ? subtree(unitCode, units.state.data.units)
          .filter((u) => RUNS_DRIVES.includes(u.kind))
          .sort((a, b) => RUNS_DRIVES.indexOf(a.kind) - RUNS_DRIVES.indexOf(b.kind))
      : [];
  const chosen = runner || runners[0]?.code || unitCode;
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void action.run(async () => {
      const { drive } = await api<typeof drivesApi.createDrive>('/api/rollout/drives', {
        method: 'POST',
        body: { unitCode: chosen, ...form },
      });
      setForm({ name: '', heldOn: '', place: '', organiser: '' });
      onCreated();
      return t('drives.created', { name: drive.name });
    });
  };
  return (
    <form className="card grid-form" onSubmit={submit} data-testid="drive-form">
      <h2>{t('drives.new')}</h2>
      <label>
        {t('drives.runBy')}
        <select value={chosen} onChange={(e) => setRunner(e.target.value)}>
          {runners.map((u) => (
            <option key={u.code} value={u.code}>
              {u.name} ({u.code})
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('drives.name')}
        <input name="name" value={form.name} onChange={set('name')} required maxLength={200} />
      </label>
      <label>
        {t('drives.heldOn')}
        <input name="heldOn" type="date" value={form.heldOn} onChange={set('heldOn')} required />
      </label>
      <label>
        {t('drives.place')}
        <input name="place" value={form.place} onChange={set('place')} required maxLength={200} />
      </label>
      <label>
        {t('drives.organiser')}
        <input name="organiser" value={form.organiser} onChange={set('organiser')} required maxLength={200} />
      </label>
      <button type="submit" className="primary" disabled={action.busy}>
        {t('drives.create')}
      </button>
    </form>
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
