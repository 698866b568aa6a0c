/**
 * The server's configuration: one typed struct, every field named after its environment
 * variable with its default beside it (the google/exposure-notifications-server convention,
 * e.g. `EXPORT_FILE_MAX_RECORDS, default=500000`). Nothing else in the key server reads
 * process.env; a feature from another package reads its own settings from the same environment
 * (the rollout toolkit's rollout-config.ts).
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { ServerError } from './http/server-error';

export interface ServerConfig {
  /** PORT: HTTP port; 0 picks a free one (tests, benchmarks). */
  port: number;
  /** HOST: interface to bind. */
  host: string;
  /** BLUEZONE_DATA_DIR: SQLite file, local export folder and key-encryption key live here. */
  dataDir: string;
  /** DATABASE_URL: `postgres://…` selects PostgreSQL; empty means SQLite in dataDir. */
  databaseUrl: string;
  /** DATABASE_POOL_SIZE: PostgreSQL connections per process. */
  databasePoolSize: number;
  /**
   * DATABASE_CONNECT_TIMEOUT_SECONDS: how long a request waits for a PostgreSQL connection
   * (opening one, or a free one from the pool) before it answers 503 database_unavailable.
   */
  databaseConnectTimeoutSeconds: number;
  /**
   * EXPORT_STORE: where export files (zips, index.txt, public key) are kept and served from.
   * `database`: a table in the database, so every process on every machine serves the same files
   * (default on PostgreSQL, which is what runs several processes); `folder`: EXPORT_DIR on this
   * machine's disk (default on SQLite, one process on one machine, and the files are plain files
   * a web server or a sync to object storage can pick up).
   */
  exportStore: 'folder' | 'database';
  /** EXPORT_DIR: local blob folder served at /exports (EXPORT_STORE=folder); default `<dataDir>/exports`. */
  exportDir: string;
  /** EXPORT_REGION: region code written into export files and their folder name. */
  exportRegion: string;
  /** EXPORT_KEY_ID: verificationKeyId in export.sig, what apps know the public key by (VN's MCC). */
  exportKeyId: string;
  /** EXPORT_PERIOD_SECONDS: length of an export window. */
  exportPeriodSeconds: number;
  /** EXPORT_WORKER_INTERVAL_SECONDS: how often the in-server worker looks for closed windows; 0 disables it. */
  exportWorkerIntervalSeconds: number;
  /**
   * EXPORT_LEASE_SECONDS: one process at a time is the export worker, holding a lease in the
   * database that it renews every third of this; if it dies, another takes over after this long.
   */
  exportLeaseSeconds: number;
  /** EXPORT_MIN_RECORDS: batches are padded with fake keys up to this count (plus jitter). */
  exportMinRecords: number;
  /** EXPORT_PADDING_JITTER: up to this many extra fake keys, chosen at random per batch. */
  exportPaddingJitter: number;
  /** EXPORT_FILE_MAX_RECORDS: a batch is split into files of at most this many keys. */
  exportFileMaxRecords: number;
  /** KEY_RETENTION_DAYS: keys and exports older than this are deleted. */
  keyRetentionDays: number;
  /** CERTIFICATE_ISSUER / CERTIFICATE_AUDIENCE: `iss`/`aud` of verification certificates. */
  certificateIssuer: string;
  certificateAudience: string;
  /**
   * HEALTH_AUTHORITY_ID: the `healthAuthorityID` under which our own verification server is
   * registered as a health authority (authorities/own-authority.ts); what our apps send.
   */
  healthAuthorityId: string;
  /** BLUEZONE_KEK: base64 32-byte key that encrypts private keys in the DB; default a file in dataDir. */
  keyEncryptionKey: string;
  /** RATE_LIMIT_PER_MINUTE: requests per API key and per client IP (per process with the memory store). */
  rateLimitPerMinute: number;
  /**
   * RATE_LIMIT_STORE: `memory` counts per process; `database` counts in the database, one
   * limit shared by every process on it (ratelimit/database-rate-limiter.ts).
   */
  rateLimitStore: 'memory' | 'database';
  /**
   * TRUST_PROXY: take the client IP from X-Forwarded-For (behind a load balancer), the entry
   * TRUST_PROXY_HOPS from the right (apikeys/api-key-auth.ts clientIp).
   */
  trustProxy: boolean;
  /**
   * EN_CALIBRATION_FILE: Google's EN device calibration list (CSV) the server serves to phones;
   * default the copy in @bluezone/protocol (en-calibration/). A newer list is a new file here.
   */
  enCalibrationFile: string;
  /** LOG_LEVEL: debug | info | warn | error | silent. */
  logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent';
  /**
   * PUBLIC_BASE_URL: the address people and phones reach this server at (behind the proxy),
   * which install links, poster QR codes, SMS links and the app's configuration are built on.
   * Empty: the value an administrator saved on the first-run or admin page, else this server's
   * listening address (site/public-address.ts).
   */
  publicBaseUrl: string;
  /**
   * ISSUED_CODES_RETENTION_DAYS: how long the health console keeps its record of an issued code
   * (who issued it, the phone's last digits, revocation), counted from issue.
   */
  issuedCodesRetentionDays: number;
  /**
   * TRUST_PROXY_HOPS: with TRUST_PROXY, how many proxies every request passes through (each
   * appends the address it got the request from to X-Forwarded-For): the client is the entry
   * this many places from the right. Entries further left are whatever the client wrote.
   * 1 for one load balancer; 2 for a CDN in front of it.
   */
  trustProxyHops: number;
  /**
   * VERIFY_GUESSES_PER_ADDRESS_PER_HOUR: codes /api/verify may refuse per client address an
   * hour before it answers 429 (a code that works is not counted), in the RATE_LIMIT_STORE: with
   * `database` every process shares the count (verification/verify-guesses.ts).
   */
  verifyGuessesPerAddressPerHour: number;
}

type Env = Record<string, string | undefined>;

function int(env: Env, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw))
    throw new ServerError('invalid_config', 500, `${name} must be a non-negative integer, got "${raw}"`);
  return Number(raw);
}

function str(env: Env, name: string, fallback: string): string {
  const raw = env[name];
  return raw === undefined || raw === '' ? fallback : raw;
}

/** PUBLIC_BASE_URL, checked: an absolute http(s) URL, kept without its trailing slash. */
function publicBaseUrl(env: Env): string {
  const raw = str(env, 'PUBLIC_BASE_URL', '');
  if (raw === '') return '';
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ServerError('invalid_config', 500, `PUBLIC_BASE_URL must be an http(s) URL, got "${raw}"`);
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.search !== '' || url.hash !== '') {
    throw new ServerError('invalid_config', 500, `PUBLIC_BASE_URL must be an http(s) URL without ? or #, got "${raw}"`);
  }
  return raw.replace(/\/+$/, '');
}

function trustProxyHops(env: Env): number {
  const hops = int(env, 'TRUST_PROXY_HOPS', 1);
  if (hops < 1) throw new ServerError('invalid_config', 500, `TRUST_PROXY_HOPS must be at least 1, got ${hops}`);
  return hops;
}

const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const;

export function loadConfig(env: Env = process.env, cwd = process.cwd()): ServerConfig {
  const dataDir = path.resolve(cwd, str(env, 'BLUEZONE_DATA_DIR', './data'));
  const logLevel = str(env, 'LOG_LEVEL', 'info');
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel)) {
    throw new ServerError(
      'invalid_config',
      500,
      `LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${logLevel}"`,
    );
  }
  const databaseUrl = str(env, 'DATABASE_URL', '');
  if (databaseUrl !== '' && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ServerError('invalid_config', 500, 'DATABASE_URL must be a postgres:// URL (or empty for SQLite)');
  }
  const exportRegion = str(env, 'EXPORT_REGION', 'VN');
  // It names a folder of the blob store and appears in URLs.
  if (!/^[A-Za-z0-9_-]{1,32}$/.test(exportRegion)) {
    throw new ServerError('invalid_config', 500, `EXPORT_REGION must be 1-32 of [A-Za-z0-9_-], got "${exportRegion}"`);
  }
  const rateLimitStore = str(env, 'RATE_LIMIT_STORE', 'memory');
  if (rateLimitStore !== 'memory' && rateLimitStore !== 'database') {
    throw new ServerError(
      'invalid_config',
      500,
      `RATE_LIMIT_STORE must be memory or database, got "${rateLimitStore}"`,
    );
  }
  const exportStore = str(env, 'EXPORT_STORE', databaseUrl === '' ? 'folder' : 'database');
  if (exportStore !== 'folder' && exportStore !== 'database') {
    throw new ServerError('invalid_config', 500, `EXPORT_STORE must be folder or database, got "${exportStore}"`);
  }
  const exportLeaseSeconds = int(env, 'EXPORT_LEASE_SECONDS', 60);
  if (exportLeaseSeconds < 3) {
    throw new ServerError('invalid_config', 500, `EXPORT_LEASE_SECONDS must be at least 3, got ${exportLeaseSeconds}`);
  }
  return {
    port: int(env, 'PORT', 8080),
    host: str(env, 'HOST', '0.0.0.0'),
    dataDir,
    databaseUrl,
    databasePoolSize: int(env, 'DATABASE_POOL_SIZE', 10),
    databaseConnectTimeoutSeconds: int(env, 'DATABASE_CONNECT_TIMEOUT_SECONDS', 10),
    exportStore,
    exportDir: path.resolve(cwd, str(env, 'EXPORT_DIR', path.join(dataDir, 'exports'))),
    exportRegion,
    exportKeyId: str(env, 'EXPORT_KEY_ID', '452'),
    exportPeriodSeconds: int(env, 'EXPORT_PERIOD_SECONDS', 4 * 3600),
    exportWorkerIntervalSeconds: int(env, 'EXPORT_WORKER_INTERVAL_SECONDS', 300),
    exportLeaseSeconds,
    exportMinRecords: int(env, 'EXPORT_MIN_RECORDS', 1000),
    exportPaddingJitter: int(env, 'EXPORT_PADDING_JITTER', 100),
    exportFileMaxRecords: int(env, 'EXPORT_FILE_MAX_RECORDS', 100_000),
    keyRetentionDays: int(env, 'KEY_RETENTION_DAYS', 14),
    certificateIssuer: str(env, 'CERTIFICATE_ISSUER', 'bluezone-verification'),
    certificateAudience: str(env, 'CERTIFICATE_AUDIENCE', 'bluezone-keyserver'),
    healthAuthorityId: str(env, 'HEALTH_AUTHORITY_ID', 'vn.bluezone'),
    keyEncryptionKey: str(env, 'BLUEZONE_KEK', ''),
    rateLimitPerMinute: int(env, 'RATE_LIMIT_PER_MINUTE', 6000),
    rateLimitStore,
    trustProxy: str(env, 'TRUST_PROXY', 'false') === 'true',
    enCalibrationFile: path.resolve(
      cwd,
      str(env, 'EN_CALIBRATION_FILE', createRequire(import.meta.url).resolve('@bluezone/protocol/en-calibration.csv')),
    ),
    logLevel: logLevel as ServerConfig['logLevel'],
    publicBaseUrl: publicBaseUrl(env),
    issuedCodesRetentionDays: int(env, 'ISSUED_CODES_RETENTION_DAYS', 14),
    trustProxyHops: trustProxyHops(env),
    verifyGuessesPerAddressPerHour: int(env, 'VERIFY_GUESSES_PER_ADDRESS_PER_HOUR', 30),
  };
}
