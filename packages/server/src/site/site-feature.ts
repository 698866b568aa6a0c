/**
 * The site as a server feature: the public address every link is built on (one setting:
 * PUBLIC_BASE_URL, or what an administrator saved) and the configuration the resident app loads
 * from the server that serves it (`/api/app-config`).
 */
import type { Feature } from '../feature';
import { siteMigrations } from './site-migrations';
import { siteRoutes } from './site-routes';

export const siteFeature: Feature = {
  name: 'site',
  migrations: siteMigrations,
  routes: siteRoutes,
};
