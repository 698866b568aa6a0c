/**
 * Busy and error state of what a card does (create, revoke, issue, scan…): `run(action)` clears the
 * last error and message, marks the card busy, and keeps the error the action throws or the
 * message (a string) it returns, for <ActionNotices>. Loading a card's data is useLoad's job.
 */
import { useCallback, useState } from 'react';

export interface Action {
  busy: boolean;
  error: Error | null;
  /** What the last successful action said (a confirmation), if anything. */
  message: string | null;
  /** Runs `action`; resolves when it has finished, whether it failed or not. */
  run(action: () => Promise<unknown>): Promise<void>;
  /** Shows an error found outside `run` (e.g. a camera failure), or clears it with null. */
  setError(error: Error | null): void;
}

export function useAction(): Action {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const run = useCallback(async (action: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    setMessage(null);
    try {
      const said = await action();
      if (typeof said === 'string') setMessage(said);
    } catch (err) {
      setError(err as Error);
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, error, message, run, setError };
}
