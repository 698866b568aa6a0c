/** Publish: phones upload their keys with a certificate. */
import type { Feature } from '../feature';
import { publishMigrations } from './migrations';
import { publishRoutes } from './routes';

export const publishFeature: Feature = { name: 'publish', migrations: publishMigrations, routes: publishRoutes };
