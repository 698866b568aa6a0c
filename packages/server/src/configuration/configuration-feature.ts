/**
 * The signed configuration document as a server feature: its versions' table and its two routes.
 * Mounted after export, whose signing keys sign it.
 */
import type { Feature } from '../feature';
import { configurationMigrations } from './configuration-migrations';
import { configurationRoutes } from './configuration-routes';

export const configurationFeature: Feature = {
  name: 'configuration',
  migrations: configurationMigrations,
  routes: configurationRoutes,
};
