/** One figure in a row of tiles: the value large, what it counts below, and an optional note. */
export function StatTile({
  label,
  value,
  note,
  className = 'tile',
}: {
  label: string;
  value: string;
  note?: string;
  /** `tile below` / `tile ok` colour a figure against its target. */
  className?: string;
}) {
  return (
    <div className={className}>
      <div className="tile-value">{value}</div>
      <div className="tile-label">{label}</div>
      {note && <div className="tile-note">{note}</div>}
    </div>
  );
}
