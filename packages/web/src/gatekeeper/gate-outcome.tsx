/**
 * The last visitor's result in large type: signature valid (radio not checked: a browser cannot
 * listen to Bluetooth), inactive, refused (and why), or no app.
 */
import { useI18n } from '../i18n/i18n';

export type Outcome = { kind: 'signature_valid' | 'inactive' | 'refused' | 'no_app'; detail: string };

export function GateOutcome({ outcome }: { outcome: Outcome | null }) {
  const { t } = useI18n();
  if (!outcome) return null;
  return (
    <div className={`outcome ${outcome.kind}`} role="status" data-testid="gate-outcome">
      <strong>{t(`gate.result.${outcome.kind}` as const)}</strong>
      {outcome.detail && <span>{outcome.detail}</span>}
    </div>
  );
}
