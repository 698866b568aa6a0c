/**
 * `@bluezone/test-support/server`: the key server's test setup, shared by the server's tests and
 * those of packages that mount features on it (the rollout toolkit): a fresh database per test on
 * SQLite and PostgreSQL (test-database.ts), a server context on it with a manual clock
 * (test-server.ts), its app with an admin's and a device's API key (keyed-app.ts), calls of its
 * HTTP contract with raw control (endpoint-call.ts), a phone's report through the SDK's client
 * (phone-report.ts), a web user's session (web-session.ts), a server in a folder of its own for benchmarks (temp-server.ts), and the key server's test-only
 * plumbing (migrateDownAll, from @bluezone/server/testing).
 */

export { migrateDownAll } from '@bluezone/server/testing';
export * from './contract-check';
export * from './endpoint-call';
export * from './keyed-app';
export * from './phone-report';
export * from './phone-uploads';
export * from './process-test-database';
export * from './served-exports';
export * from './server-process';
export * from './tcp-proxy';
export * from './temp-server';
export * from './test-database';
export * from './test-server';
export * from './web-session';
