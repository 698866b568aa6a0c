/**
 * `@bluezone/test-support/server`: the key server's test setup, shared by the server's tests and
 * those of packages that mount features on it (the rollout toolkit): a fresh database per test on
 * SQLite and PostgreSQL (test-database.ts), a server context on it with a manual clock
 * (test-server.ts), and a client of its JSON API (key-server-client.ts).
 */

export * from './key-server-client';
export * from './phone-uploads';
export * from './process-test-database';
export * from './served-exports';
export * from './server-process';
export * from './tcp-proxy';
export * from './test-database';
export * from './test-server';
