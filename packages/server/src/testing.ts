/**
 * `@bluezone/server/testing`: what only tests use, kept out of the public entry so production
 * code cannot reach it (npm run deps:check refuses an import of this file from any src/).
 * Tests take it from `@bluezone/test-support/server`.
 */
export { migrateDownAll } from './database/migrator';
