/** Renders a LoadState: a spinner while loading, the error with a retry, or the content. */
import type { ReactNode } from 'react';
import { ApiError } from '../api/api-client';
import type { LoadState } from '../hooks/use-load';
import { useI18n } from '../i18n/i18n';

export function ErrorMessage({ error, onRetry }: { error: Error; onRetry?: () => void }) {
  const { t } = useI18n();
  const text =
    error instanceof ApiError && error.status === 0
      ? t('error.network')
      : error instanceof ApiError && error.status === 403
        ? t('error.forbidden')
        : error.message;
  return (
    <div className="notice error" role="alert">
      <span>{text}</span>
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
