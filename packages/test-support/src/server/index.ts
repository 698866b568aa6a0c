/**
 * `@bluezone/test-support/server`: the key server's test setup, shared by the server's tests and
 * those of packages that mount features on it (the rollout toolkit): a fresh database per test on
 * SQLite and PostgreSQL (test-database.ts), and a server context on it with a manual clock
 * (test-server.ts).
 */
export * from './test-database';
export * from './test-server';
