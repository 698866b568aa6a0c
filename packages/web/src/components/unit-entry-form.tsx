/**
 * A card form that creates something under a unit the user may see (a drive, a business): the
 * unit it goes under, the first offered until one is picked; its text fields; and the submit
 * button, held while the page's action (useAction, whose error and confirmation the page shows)
 * runs or while no unit is offered. On success the fields clear and `onCreated` runs.
 */
import type { unitsApi } from '@bluezone/protocol/api';
import { type FormEvent, type InputHTMLAttributes, useState } from 'react';
import { api } from '../api/api-client';
import type { Action } from '../hooks/use-action';
import { useLoad } from '../hooks/use-load';

/** One input: the value it holds, its label, and its attributes (name, type, required…). */
export interface EntryField<K extends string>
  extends Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange' | 'children'> {
  field: K;
  label: string;
}

export interface UnitEntryFormProps<K extends string> {
  testId: string;
  title: string;
  unitLabel: string;
  /** The units it may go under, in the order offered, among all the user may see. */
  choices(units: readonly unitsApi.Unit[]): unitsApi.Unit[];
  /** The unit it goes under while none is offered; '' holds the button. */
  fallbackUnit?: string;
  fields: readonly EntryField<K>[];
  submitLabel: string;
  action: Action;
  /** Creates it under `unitCode`; resolves to the confirmation the page shows. */
  create(unitCode: string, values: Record<K, string>): Promise<string>;
  onCreated(): void;
}

export function UnitEntryForm<K extends string>(props: UnitEntryFormProps<K>) {
  const {
    testId,
    title,
    unitLabel,
    choices,
    fallbackUnit = '',
    fields,
    submitLabel,
    action,
    create,
    onCreated,
  } = props;
  const units = useLoad((signal) => api<typeof unitsApi.listUnits>('/api/rollout/units', { signal }), []);
  const empty = Object.fromEntries(fields.map((f) => [f.field, ''])) as Record<K, string>;
  const [picked, setPicked] = useState('');
  const [values, setValues] = useState(empty);
  const offered = units.state.status === 'ready' ? choices(units.state.data.units) : [];
  const chosen = picked || offered[0]?.code || fallbackUnit;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void action.run(async () => {
      const said = await create(chosen, values);
      setValues(empty);
      onCreated();
      return said;
    });
  };
  return (
    <form className="card grid-form" onSubmit={submit} data-testid={testId}>
      <h2>{title}</h2>
      <label>
        {unitLabel}
        <select value={chosen} onChange={(e) => setPicked(e.target.value)}>
          {offered.map((u) => (
            <option key={u.code} value={u.code}>
              {u.name} ({u.code})
            </option>
          ))}
        </select>
      </label>
      {fields.map(({ field, label, ...input }) => (
        <label key={field}>
          {label}
          <input {...input} value={values[field]} onChange={(e) => setValues({ ...values, [field]: e.target.value })} />
        </label>
      ))}
      <button type="submit" className="primary" disabled={action.busy || chosen === ''}>
        {submitLabel}
      </button>
    </form>
  );
}
