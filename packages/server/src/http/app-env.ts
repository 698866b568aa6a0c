/** Hono environment of the app: what middleware attaches to a request. */
import type { AuthenticatedKey } from '../apikeys/api-key-auth';

export interface AppEnv {
  Variables: {
    apiKey: AuthenticatedKey;
    requestId: string;
  };
}
