/**
 * @bluezone/server: the key server a health authority runs — verification codes,
 * certificates, key publishing and signed exports, on SQLite or PostgreSQL — and the core other
 * packages mount features on (Feature, ServerContext, startServer, the request principal, the
 * BlobStore, SmsSender and UnitDirectory interfaces).
 */

export * as accounts from './accounts/index';
export * from './apikeys/api-key';
export type { AuthenticatedKey } from './apikeys/api-key-auth';
export { clientIp, requireApiKey } from './apikeys/api-key-auth';
export * as authorities from './authorities/index';
export * from './blobs/blob-store';
export * from './blobs/local-folder-blob-store';
export * from './certificates/test-type';
export * from './clock';
export * from './config';
export * from './database/database';
export * from './database/lease';
export * from './database/migration';
// migrateDownAll is test plumbing: @bluezone/server/testing (re-exported by test-support).
export { MIGRATION_ADVISORY_LOCK, type MigrationSource, migrateToLatest } from './database/migrator';
export type * from './database/tables';
export * from './export/export-worker';
export * from './export/signing-keys';
export type * from './feature';
export * from './features';
export * from './http/app';
export type { AppEnv } from './http/app-env';
export { parseBody } from './http/parse-body';
export type { RequestLimiter } from './http/rate-limiter';
export { type NoExtraFields, reply } from './http/reply';
export * from './http/request-principal';
export * from './http/server-error';
export * from './logging';
export { createRateLimiter } from './ratelimit/ratelimit-feature';
export * from './server';
export * as site from './site/index';
export type * from './sms/sms-sender';
export * from './stats/stats';
export type * from './units/unit-directory';
export {
  CERTIFICATE_KEY_OVERLAP_MS,
  type RotatedCertificateKey,
  rotateCertificateKey,
} from './verification/certificate';
export { ensureOwnAuthority } from './verification/verification-feature';
