/** Renders a LoadState: a spinner while loading, the error with a retry, or the content. */
import { type ProblemText, problemText } from '@bluezone/ui-shared';
import type { ReactNode } from 'react';
import { ApiError } from '../api/api-client';
import type { LoadState } from '../hooks/use-load';
import { useI18n } from '../i18n/i18n';

/** What went wrong in the user's language: a server problem by its code, with its field, bad lines and request id. */
export function ErrorMessage({ error, onRetry }: { error: Error; onRetry?: () => void }) {
  const { t } = useI18n();
  const said: ProblemText =
    error instanceof ApiError ? problemText(t, error.info) : { message: error.message, entries: [] };
  return (
    <div className="notice error" role="alert">
      <span>{said.message}</span>
      {said.entries.length > 0 && (
        <ul className="problem-entries">
          {said.entries.map((e, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: a fixed list for one error
            <li key={i}>{e}</li>
          ))}
        </ul>
      )}
      {said.reference && <span className="muted reference">{said.reference}</span>}
      {onRetry && (
        <button type="button" className="link" onClick={onRetry}>
          {t('common.retry')}
        </button>
      )}
    </div>
  );
}

export function Spinner({ label }: { label?: string }) {
  const { t } = useI18n();
  return (
    <div className="spinner" role="status" aria-live="polite">
      <span className="spinner-dot" aria-hidden="true" />
      {label ?? t('common.loading')}
    </div>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="empty">{children}</p>;
}

export function Loadable<T>({
  state,
  onRetry,
  children,
}: {
  state: LoadState<T>;
  onRetry?: () => void;
  children: (data: T) => ReactNode;
}) {
  if (state.status === 'loading') return <Spinner />;
  if (state.status === 'error') return <ErrorMessage error={state.error} {...(onRetry ? { onRetry } : {})} />;
  return <>{children(state.data)}</>;
}
