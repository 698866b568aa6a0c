/** What the configuration card's save last said: a refused value as "<field>: <reason>", else as ActionNotices says it. */
import { ActionNotices } from '../../components/action-notices';
import type { Action } from '../../hooks/use-action';
import { useI18n } from '../../i18n/i18n';
import { configurationRefusal } from './configuration-refusal';

export function ConfigurationNotices({ action }: { action: Pick<Action, 'error' | 'message'> }) {
  const i18n = useI18n();
  const refused = action.error && configurationRefusal(i18n, action.error);
  if (!refused) return <ActionNotices action={action} />;
  return (
    <div className="notice error" role="alert" data-testid="configuration-refused">
      <span>{refused}</span>
    </div>
  );
}
