/**
 * Error codes of web accounts, merged into the server's one error type (http/server-error.ts)
 * so the app's `onError` maps them to problem+json like every other feature's.
 */
import { ServerError } from '../http/server-error';

declare module '../http/server-error' {
  interface ServerErrorCodes {
    invalid_credentials: true;
    account_locked: true;
    csrf_failed: true;
    username_taken: true;
    setup_code_invalid: true;
    already_set_up: true;
  }
}

export const invalidCredentials = () => new ServerError('invalid_credentials', 401, 'wrong username or password');
