/** The two typed ways to log a visitor: the code from their screen, or "no app" with a reason. */
import { type FormEvent, useState } from 'react';
import { useI18n } from '../i18n/i18n';

/** `onSubmit` resolves true when the visitor was logged, which clears the field. */
type Submit = (text: string) => Promise<boolean>;

export function TypedTokenForm({ busy, onSubmit }: { busy: boolean; onSubmit: Submit }) {
  const { t } = useI18n();
  const [typed, setTyped] = useState('');
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (await onSubmit(typed)) setTyped('');
  };
  return (
    <form className="row-form" onSubmit={(e) => void submit(e)}>
      <label>
        {t('gate.typeCode')}
        <input value={typed} onChange={(e) => setTyped(e.target.value)} autoCapitalize="none" spellCheck={false} />
      </label>
      <button type="submit" className="button" disabled={busy || typed.trim() === ''}>
        {t('gate.check')}
      </button>
    </form>
  );
}

export function NoAppForm({ busy, onSubmit }: { busy: boolean; onSubmit: Submit }) {
  const { t } = useI18n();
  const [reason, setReason] = useState('');
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (await onSubmit(reason)) setReason('');
  };
  return (
    <form className="row-form" onSubmit={(e) => void submit(e)}>
      <label>
        {t('gate.noAppReason')}
        <input value={reason} onChange={(e) => setReason(e.target.value)} required />
      </label>
      <button type="submit" className="button" disabled={busy}>
        {t('gate.recordNoApp')}
      </button>
    </form>
  );
}
