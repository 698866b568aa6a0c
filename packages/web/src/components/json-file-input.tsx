/**
 * A labelled chooser for one JSON file (a parameters document, a risk configuration, a preview
 * sample): hands the chosen file on and empties itself, so that the same file chosen again (after
 * going back to what is served) loads again.
 */
export function JsonFileInput({ label, name, onFile }: { label: string; name: string; onFile: (file: File) => void }) {
  return (
    <label>
      {label}
      <input
        name={name}
        type="file"
        accept="application/json,.json"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) onFile(file);
        }}
      />
    </label>
  );
}
