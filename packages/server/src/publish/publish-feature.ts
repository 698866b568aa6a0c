/** Publish: phones upload their keys with a certificate. */
import type { Feature } from '../feature';
import { publishMigrations } from './publish-migrations';
import { publishRoutes } from './publish-routes';

export const publishFeature: Feature = { name: 'publish', migrations: publishMigrations, routes: publishRoutes };
