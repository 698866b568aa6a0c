/** Hono environment of the app: what middleware attaches to a request. */
import type { ApiKeyPrincipal, UserPrincipal } from './request-principal';

export interface AppEnv {
  Variables: {
    /** Set by requireApiKey on the routes it guards. */
    apiKey: ApiKeyPrincipal;
    requestId: string;
    /** The logged-in web user (accounts/session-middleware.ts), when no API key was presented. */
    user: UserPrincipal | undefined;
  };
}
