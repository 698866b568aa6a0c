/**
 * The signed configuration document as a server feature: its versions' table and its routes, and
 * the field test's enrolments (signed by the same export keys, stored nowhere). Mounted after
 * export, whose signing keys sign them.
 */
import type { Feature } from '../feature';
import { configurationMigrations } from './configuration-migrations';
import { configurationRoutes } from './configuration-routes';
import { fieldTestRoutes } from './field-test-routes';

export const configurationFeature: Feature = {
  name: 'configuration',
  migrations: configurationMigrations,
  routes(app, ctx) {
    configurationRoutes(app, ctx);
    fieldTestRoutes(app, ctx);
  },
};
