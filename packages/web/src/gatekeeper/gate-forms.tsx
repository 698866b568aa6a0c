/**
 * Logging a visitor without the app: one tap on a common reason, or another reason typed. There
 * is no "type the code" form: a pass is a signed token and a Bluetooth part, ~200 characters
 * that nobody can type at a gate; it is read from the visitor's screen by camera or photo.
 */
import { type FormEvent, useState } from 'react';
import { type MessageKey, useI18n } from '../i18n/i18n';

/** `onSubmit` resolves true when the visitor was logged, which clears the field. */
type Submit = (reason: string) => Promise<boolean>;

/** The reasons gatekeepers meet most, one tap each. */
export const QUICK_NO_APP_REASONS: readonly MessageKey[] = [
  'gate.noApp.featurePhone',
  'gate.noApp.noPhone',
  'gate.noApp.battery',
  'gate.noApp.declined',
];

export function NoAppForm({ busy, onSubmit }: { busy: boolean; onSubmit: Submit }) {
  const { t } = useI18n();
  const [reason, setReason] = useState('');
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (await onSubmit(reason)) setReason('');
  };
  return (
    <fieldset className="no-app">
      <legend>{t('gate.noAppTitle')}</legend>
      <div className="quick-reasons">
        {QUICK_NO_APP_REASONS.map((key) => (
          <button key={key} type="button" className="button" disabled={busy} onClick={() => void onSubmit(t(key))}>
            {t(key)}
          </button>
        ))}
      </div>
      <form className="row-form" onSubmit={(e) => void submit(e)}>
        <label>
          {t('gate.noAppReason')}
          <input value={reason} onChange={(e) => setReason(e.target.value)} required />
        </label>
        <button type="submit" className="button" disabled={busy}>
          {t('gate.recordNoApp')}
        </button>
      </form>
    </fieldset>
  );
}
