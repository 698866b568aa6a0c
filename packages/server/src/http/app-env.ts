/** Hono environment of the app: what middleware attaches to a request. */
import type { SessionPrincipal } from '../accounts/session-principal';
import type { AuthenticatedKey } from '../apikeys/api-key-auth';

export interface AppEnv {
  Variables: {
    apiKey: AuthenticatedKey;
    requestId: string;
    /** The logged-in web user (accounts/session-middleware.ts), when no API key was presented. */
    session: SessionPrincipal | undefined;
  };
}
