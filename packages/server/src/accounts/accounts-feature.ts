/**
 * Web accounts as a server feature: users, sessions and CSRF for the web app. Its middleware
 * runs before every other feature's routes (features.ts lists it right after API keys) and puts
 * the logged-in user on the request (the core's request principal), so requireApiKey — and
 * other packages' features, such as the rollout toolkit's scopes — accept a session in place
 * of X-API-Key. The first user: the first-run page (first-run-routes.ts) or `bluezone user create`
 * (a demo database gets demo users from the rollout toolkit).
 */
import type { Feature } from '../feature';
import { accountMigrations } from './accounts-migrations';
import { accountsRoutes } from './accounts-routes';
import { firstRunRoutes } from './first-run-routes';
import { sessionMiddleware } from './session-middleware';

export const accountsFeature: Feature = {
  name: 'accounts',
  migrations: accountMigrations,
  routes(app, ctx) {
    app.use('/api/*', sessionMiddleware(ctx));
    accountsRoutes(app, ctx);
    firstRunRoutes(app, ctx);
  },
};
