/**
 * Web accounts as a server feature: users, sessions and CSRF for the web app. Its middleware
 * runs before every other feature's routes (features.ts lists it right after API keys), so
 * requireApiKey and rolloutScope can accept a logged-in session in place of X-API-Key.
 */
import type { Feature } from '../feature';
import { accountMigrations } from './account-migrations';
import { seedDemoUsers } from './demo-users';
import { sessionMiddleware } from './session-middleware';
import { sessionRoutes } from './session-routes';
import { userRoutes } from './user-routes';

export const accountsFeature: Feature = {
  name: 'accounts',
  migrations: accountMigrations,
  routes(app, ctx) {
    app.use('/api/*', sessionMiddleware(ctx));
    sessionRoutes(app, ctx);
    userRoutes(app, ctx);
  },
  async start(ctx) {
    await seedDemoUsers(ctx);
    return undefined;
  },
};
