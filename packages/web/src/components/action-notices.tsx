/** What an action (useAction) last said: its confirmation, or its error. */
import type { Action } from '../hooks/use-action';
import { ErrorMessage } from './loadable';

export function ActionNotices({ action }: { action: Pick<Action, 'error' | 'message'> }) {
  return (
    <>
      {action.message && (
        <p className="notice ok" role="status">
          {action.message}
        </p>
      )}
      {action.error && <ErrorMessage error={action.error} />}
    </>
  );
}
