/** Progress of a long operation (batch posters), announced to screen readers. */
export function ProgressBar({ value, max, label }: { value: number; max: number; label: string }) {
  const pct = max === 0 ? 0 : Math.round((value / max) * 100);
  return (
    <div className="progress">
      <progress value={value} max={max} aria-label={label} />
      <span aria-live="polite">
        {label}: {value}/{max} ({pct}%)
      </span>
    </div>
  );
}
