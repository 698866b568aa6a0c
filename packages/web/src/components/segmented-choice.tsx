/** One choice among a few, as a row of radio buttons under a legend (test type, channel, schedule). */
import type { ReactNode } from 'react';

export function SegmentedChoice<T extends string>({
  legend,
  name,
  options,
  value,
  onChange,
  label,
}: {
  legend: ReactNode;
  /** The radio group's form name. */
  name: string;
  options: readonly T[];
  value: T;
  onChange(value: NoInfer<T>): void;
  label(option: NoInfer<T>): ReactNode;
}) {
  return (
    <fieldset>
      <legend>{legend}</legend>
      <div className="segmented">
        {options.map((o) => (
          <label key={o} className={value === o ? 'on' : ''}>
            <input type="radio" name={name} value={o} checked={value === o} onChange={() => onChange(o)} />
            {label(o)}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
