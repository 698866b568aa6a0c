/**
 * The real key server (packages/server) inside the simulation: every feature's migrations on
 * an in-memory SQLite database, its HTTP app, its export worker and signing keys, on the
 * simulation's `ManualClock` and with randomness (codes, tokens, padding keys and their count)
 * from the seeded PRNG. The health station issues codes through `POST /api/issue` with an
 * admin API key; phones use a device API key, `/api/verify` → `/api/certificate` →
 * `/v1/publish`, and fetch `/exports/<region>/index.txt` and the zips the worker signs.
 *
 * Requests go through the app's `fetch(Request)`, not a socket: the same Hono routing,
 * middleware (API keys, rate limits, body limit) and handlers as over HTTP, without a port, a
 * kernel round trip per request or I/O scheduling that could reorder a run. What loopback would
 * add — @hono/node-server's adaptation of a socket to a `Request` — is the server tests' job.
 * Without a socket every request comes from one client address ("unknown"), like phones
 * behind a carrier's NAT; the per-address rate limit stays the production default.
 *
 * Not seeded: P-256 signing keys, ECDSA nonces, API keys and the KEK's IVs (node:crypto).
 * None reaches the report: signatures are verified and dropped.
 */
import type { ExportPublicKey, Fetch } from '@bluezone/client';
import {
  type ManualClock,
  type ProximityParameters,
  parseConfigurationDocument,
  type RiskConfiguration,
} from '@bluezone/protocol';
import { configurationApi, endpointPath, keyServerApi, problem, type RequestOf } from '@bluezone/protocol/api';
import {
  createApiKey,
  createApp,
  type ExportRunResult,
  KEY_SERVER_FEATURES,
  loadConfig,
  openDatabase,
  openServerContext,
  runExport,
  type ServerContext,
  silentLogger,
} from '@bluezone/server';
import type { Prng } from '../prng';
import { SimError } from '../sim-error';
import { MemoryBlobStore } from './memory-blob-store';

export const SIM_REGION = 'VN';
/** Where phones think the server is; requests never leave the process. */
export const SIM_SERVER_URL = 'http://keys.bluezone.sim';
export const SIM_EXPORT_BASE_URL = `${SIM_SERVER_URL}/exports/`;
export const SIM_HEALTH_AUTHORITY_ID = 'vn.bluezone';

/** What the health station enters when it issues a code (the contract's `POST /api/issue` body). */
export type CodeRequest = Pick<RequestOf<typeof keyServerApi.issue>, 'testType' | 'symptomDate' | 'testDate'>;

/** The server refused a request: its problem body's code and detail, when it sent one. */
function refusal(api: { method: string; path: string }, status: number, body: unknown): SimError {
  const refused = problem.safeParse(body);
  const detail = refused.success ? `${refused.data.code}: ${refused.data.detail}` : '';
  return new SimError('key_server', `${api.method} ${api.path}: HTTP ${status} ${detail}`.trim());
}

export class SimKeyServer {
  /** Phones' HTTP client: requests handled by the server's app in process. */
  readonly fetch: Fetch = async (input, init) => this.#app.fetch(new Request(input, init));
  readonly #app: ReturnType<typeof createApp>;

  private constructor(
    readonly context: ServerContext,
    readonly clock: ManualClock,
    readonly adminKey: string,
    readonly deviceKey: string,
    readonly publicKeys: ExportPublicKey[],
  ) {
    this.#app = createApp(context, KEY_SERVER_FEATURES);
  }

  static async start(clock: ManualClock, prng: Prng, exportMinRecords?: number): Promise<SimKeyServer> {
    const kek = Buffer.from(prng.randomBytes(32)).toString('base64');
    // Production defaults (4-hour export windows, ≥ 1000 keys per file with padding, 14-day
    // retention); the worker runs when the simulation says, not on a timer.
    const config = loadConfig({
      LOG_LEVEL: 'silent',
      BLUEZONE_KEK: kek,
      EXPORT_REGION: SIM_REGION,
      EXPORT_WORKER_INTERVAL_SECONDS: '0',
      ...(exportMinRecords === undefined ? {} : { EXPORT_MIN_RECORDS: String(exportMinRecords) }),
    });
    const context = await openServerContext(config, {
      features: KEY_SERVER_FEATURES,
      clock,
      random: { bytes: (n) => prng.randomBytes(n) },
      logger: silentLogger,
      blobs: new MemoryBlobStore(),
      database: openDatabase({ databaseUrl: '', sqliteFile: ':memory:' }),
      startJobs: false,
    });
    // The export feature's start creates the first signing key and publishes its public half.
    for (const feature of KEY_SERVER_FEATURES) if (feature.name === 'export') await feature.start?.(context);
    const admin = await createApiKey(context.database, clock, 'admin');
    const device = await createApiKey(context.database, clock, 'device');
    const server = new SimKeyServer(context, clock, admin.key, device.key, []);
    // What an app ships with: the keys the server publishes at GET /api/export-keys.
    const res = await server.fetch(`${SIM_SERVER_URL}${endpointPath(keyServerApi.exportKeys, {})}`);
    const parsed = keyServerApi.exportKeys.response.safeParse(await res.json());
    if (!res.ok || !parsed.success) {
      throw new SimError(
        'key_server',
        `GET ${keyServerApi.exportKeys.path}: HTTP ${res.status}, not the contract's answer`,
      );
    }
    const body = parsed.data;
    for (const k of body.keys) if (k.active) server.publicKeys.push({ pem: k.publicKeyPem, keyId: k.keyId });
    if (server.publicKeys.length === 0) throw new SimError('key_server', 'the key server published no export key');
    return server;
  }

  /** The health station issues a verification code; returns the code the person types in. */
  async issueCode(request: CodeRequest): Promise<string> {
    const api = keyServerApi.issue;
    const res = await this.fetch(`${SIM_SERVER_URL}${endpointPath(api, {})}`, {
      method: api.method,
      headers: { 'content-type': 'application/json', 'x-api-key': this.adminKey },
      body: JSON.stringify(api.request.parse(request)),
    });
    const body: unknown = await res.json();
    if (res.ok) {
      const issued = api.response.safeParse(body);
      if (issued.success) return issued.data.code;
      throw new SimError('key_server', `${api.method} ${api.path}: HTTP ${res.status}, not the contract's answer`);
    }
    throw refusal(api, res.status, body);
  }

  /**
   * The health authority saves a configuration document (`PUT /api/configuration` with the admin
   * key, the next version), which the server signs and serves to phones. Returns the version.
   */
  async serveConfiguration(proximity: ProximityParameters, risk: RiskConfiguration): Promise<number> {
    const get = configurationApi.getConfiguration;
    const current = await this.fetch(`${SIM_SERVER_URL}${get.path}`);
    const signed = configurationApi.signedConfiguration.safeParse(await current.json());
    if (!current.ok || !signed.success)
      throw new SimError('key_server', `GET ${get.path}: HTTP ${current.status}, not the contract's answer`);
    const version = parseConfigurationDocument(signed.data.payload).version + 1;
    const put = configurationApi.putConfiguration;
    const res = await this.fetch(`${SIM_SERVER_URL}${put.path}`, {
      method: put.method,
      headers: { 'content-type': 'application/json', 'x-api-key': this.adminKey },
      body: JSON.stringify({ version, proximity, risk }),
    });
    if (res.ok) return version;
    throw refusal(put, res.status, await res.json());
  }

  /** One run of the server's export worker at the current simulated time. */
  runExport(): Promise<ExportRunResult> {
    return runExport(this.context);
  }

  close(): Promise<void> {
    return this.context.database.destroy();
  }
}
