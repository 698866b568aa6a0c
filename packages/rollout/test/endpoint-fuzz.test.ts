// Every public endpoint of the product `bluezone server` runs (the key server's features and the
// rollout toolkit), fuzzed from its contract in @bluezone/protocol/api: a new endpoint is covered
// by declaring it. Requests are read off the endpoint's schemas (support/schema-arbitrary.ts) and
// sent with each kind of credential and none. Whatever comes in, the server must answer below
// 500, answer every 4xx with a problem body carrying a code, and store nothing for a refusal
// (support/store-changes.ts). Plus /exports/ paths, which are no contract's.
//
// BLUEZONE_FUZZ_RUNS requests per endpoint and database (default 15, for CI on a loaded 2-core
// machine); BLUEZONE_FUZZ_SEED replays a run. The figures of the full run are in
// packages/server/README.md ("Fuzzing").
import { checkpointKeyPair, radioCommitment, signCheckpointToken } from '@bluezone/protocol';
import { type Endpoint, endpointPath, type PathParams, problem } from '@bluezone/protocol/api';
import { type AppEnv, createApiKey, createApp } from '@bluezone/server';
import { contractEndpoints, createTestUser, DIALECTS, logInAs } from '@bluezone/test-support/server';
import fc from 'fast-check';
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRolloutKey } from '../src/access/access-repository';
import { seedUnitsIfEmpty } from '../src/units/units-repository';
import { createRolloutTestContext, type RolloutTestContext } from './support/rollout-test-context';
import { fieldValue, pathValueOf, queryOf, textBodyOf, type ValuePool } from './support/schema-arbitrary';
import { type StoreChanges, watchStoreChanges } from './support/store-changes';

const RUNS = Number(process.env.BLUEZONE_FUZZ_RUNS ?? 15);
const SEED = Number(process.env.BLUEZONE_FUZZ_SEED ?? Date.now() % 1_000_000);
const PASSWORD = 'fuzzing is not a password';

/**
 * Tables a refused request may write, and why.
 * Anything else written for a 4xx is a failure.
 */
const COUNTED_ON_REFUSAL = new Set([
  // a server secret (the delivery-report signing key, …) is made the first time it is needed,
  // which may be while refusing a request; it holds nothing of the request
  'server_secret insert',
  // a wrong password counts toward the lockout (accounts/login.ts), atomically before the check
  'account_login_throttle insert',
  'account_login_throttle update',
]);

interface Auth {
  name: string;
  headers: Record<string, string>;
}

interface FuzzRequest {
  auth: Auth;
  method: string;
  url: string;
  body?: string;
  contentType?: string;
}

describe.each(DIALECTS)('fuzzing every public endpoint on %s', (dialect) => {
  let t: RolloutTestContext;
  let app: Hono<AppEnv>;
  let changes: StoreChanges;
  let keyAuths: Auth[];
  let pool: ValuePool;
  let users = 0;
  /** Answers by status class, and per endpoint, for the summary printed at the end. */
  const tally = { requests: 0, '2xx': 0, '3xx': 0, '4xx': 0, '5xx': 0 };
  const accepted = new Map<string, number>();
  const started = performance.now();

  beforeAll(async () => {
    t = await createRolloutTestContext(dialect, {
      // Limits count every request and the test clock never moves: none may stop the fuzzing.
      RATE_LIMIT_PER_MINUTE: '1000000000',
      VERIFY_GUESSES_PER_ADDRESS_PER_HOUR: '1000000000',
      ROLLOUT_ATTESTATIONS_PER_ADDRESS_PER_HOUR: '1000000000',
      ROLLOUT_NEW_INSTALLS_PER_UNIT_PER_HOUR: '1000000000',
    });
    app = createApp(t.ctx, t.features);
    await seedUnitsIfEmpty(t.db, t.clock);
    const admin = await createApiKey(t.ctx.database, t.clock, 'admin');
    const device = await createApiKey(t.ctx.database, t.clock, 'device');
    const district = await createRolloutKey(t.db, t.clock, { unitCode: '483', name: 'Huyện Nam Đông' });
    const commune = await createRolloutKey(t.db, t.clock, { unitCode: '20164', name: 'Xã Hương Phú' });
    const partner = await createRolloutKey(t.db, t.clock, { unitCode: '20164', name: 'Đối tác', role: 'partner' });
    keyAuths = [
      { name: 'none', headers: {} },
      { name: 'admin key', headers: { 'x-api-key': admin.key } },
      { name: 'device key', headers: { 'x-api-key': device.key } },
      { name: 'district key', headers: { 'x-api-key': district.key } },
      { name: 'commune key', headers: { 'x-api-key': commune.key } },
      { name: 'partner key', headers: { 'x-api-key': partner.key } },
      { name: 'wrong key', headers: { 'x-api-key': 'bza_not-a-key' } },
    ];
    const issued = (await (
      await app.request('/api/issue', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': admin.key },
        body: JSON.stringify({ testType: 'confirmed' }),
      })
    ).json()) as { uuid: string; code: string; longCode: string };
    // A checkpoint, an install attested with its key and a pass it signed: scans reach real rows.
    const gatekeeper = await createRolloutKey(t.db, t.clock, { unitCode: '483-UBND', name: 'Bảo vệ' });
    const checkpoint = (await (
      await app.request('/api/rollout/checkpoints', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': gatekeeper.key },
        body: JSON.stringify({ unitCode: '483-UBND', name: 'Cổng chính' }),
      })
    ).json()) as { id: number };
    const install = checkpointKeyPair(new Uint8Array(32).fill(9));
    await app.request('/api/rollout/attest', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': device.key },
      body: JSON.stringify({
        unitCode: '20164-01',
        installId: 'fuzz-install-00001',
        appVersion: '1.0',
        tracingActive: true,
        checkpointKey: install.publicKey,
      }),
    });
    const pass = signCheckpointToken(install.secretKey, {
      radioCommitment: radioCommitment({ rpi: new Uint8Array(16), salt: new Uint8Array(16) }),
      issuedAt: Math.floor(t.clock.now() / 1000),
      nonce: 'fuzz-nonce-1',
      tracingActive: true,
    });
    keyAuths.push({ name: 'gatekeeper key', headers: { 'x-api-key': gatekeeper.key } });
    pool = {
      strings: [
        pass,
        install.publicKey,
        'fuzz-install-00001',
        '483',
        '483-UBND',
        '20161',
        '20164',
        '20164-01',
        '20161-02',
        'admin',
        'vn.bluezone',
        'VN',
        issued.uuid,
        issued.code,
        issued.longCode,
        crypto.randomUUID(),
        new Date(t.clock.now()).toISOString().slice(0, 10),
        'confirmed',
        'sms',
      ],
      numbers: [1, 2, 3, checkpoint.id, Math.floor(t.clock.now() / 600_000)],
    };
    changes = await watchStoreChanges(t.ctx.database);
  });
  afterAll(async () => {
    const seconds = Math.round((performance.now() - started) / 1000);
    const never = contractEndpoints()
      .map(({ endpoint }) => `${endpoint.method} ${endpoint.path}`)
      .filter((e) => !accepted.has(e));
    console.log(
      `fuzz on ${dialect}: ${RUNS} runs per endpoint, seed ${SEED}: ${JSON.stringify(tally)} in ${seconds} s; ` +
        `${never.length} endpoints never answered 2xx: ${never.join(', ')}`,
    );
    await t?.cleanup();
  });

  /** A logged-in user of each role (new ones each time: a fuzzed request may log out or disable one). */
  async function sessionAuths(): Promise<Auth[]> {
    const roles = [
      ['admin', null],
      ['district', null],
      ['health_staff', null],
      ['unit_manager', '20164'],
      ['gatekeeper', '483-UBND'],
    ] as const;
    const out: Auth[] = [];
    for (const [role, unitCode] of roles) {
      const username = `fuzz-${role.replace('_', '-')}-${++users}`;
      await createTestUser(t, { username, role, unitCode, password: PASSWORD });
      out.push({ name: `${role} session`, headers: await logInAs(app.request, username, PASSWORD) });
    }
    return out;
  }

  function requestsFor(endpoint: Endpoint, auths: Auth[]): fc.Arbitrary<FuzzRequest> {
    const names = endpoint.path.match(/:([A-Za-z]+)/g)?.map((n) => n.slice(1)) ?? [];
    const params = fc.record(Object.fromEntries(names.map((n) => [n, pathValueOf(pool)])));
    const query = endpoint.query ? queryOf(endpoint.query, pool) : fc.constant({});
    const body: fc.Arbitrary<{ body?: string; contentType?: string }> = endpoint.consumes
      ? textBodyOf(pool).map((text) => ({ body: text, contentType: endpoint.consumes }))
      : endpoint.request
        ? fc.oneof(
            {
              weight: 12,
              arbitrary: fieldValue(endpoint.request, pool).map((v) => ({ body: JSON.stringify(v) ?? 'null' })),
            },
            { weight: 1, arbitrary: fc.string({ maxLength: 60 }).map((s) => ({ body: s })) },
            { weight: 1, arbitrary: fc.constant({}) },
          )
        : endpoint.method === 'GET'
          ? fc.constant({})
          : fc.oneof(
              fc.constant({}),
              fc.jsonValue({ maxDepth: 2 }).map((v) => ({ body: JSON.stringify(v) ?? 'null' })),
            );
    return fc.record({ auth: fc.constantFrom(...auths), params, query, body }).map(({ auth, params, query, body }) => {
      const qs = new URLSearchParams(query).toString();
      const path = names.length ? endpointPath(endpoint, params as PathParams<Endpoint>) : endpoint.path;
      return {
        auth,
        method: endpoint.method,
        url: qs ? `${path}?${qs}` : path,
        ...(body.body !== undefined ? { body: body.body, contentType: body.contentType ?? 'application/json' } : {}),
      };
    });
  }

  /** Sends each request; returns what went wrong, one line each. */
  async function send(requests: FuzzRequest[], endpoint?: Endpoint): Promise<string[]> {
    const failures: string[] = [];
    for (const r of requests) {
      const mark = await changes.mark();
      const res = await app.request(r.url, {
        method: r.method,
        headers: { ...r.auth.headers, ...(r.contentType ? { 'content-type': r.contentType } : {}) },
        ...(r.body !== undefined ? { body: r.body } : {}),
      });
      const text = await res.text();
      tally.requests++;
      tally[`${Math.min(5, Math.floor(res.status / 100))}xx` as '2xx']++;
      if (endpoint && res.status < 300) {
        const key = `${endpoint.method} ${endpoint.path}`;
        accepted.set(key, (accepted.get(key) ?? 0) + 1);
      }
      const what = `${r.method} ${r.url.slice(0, 160)} as ${r.auth.name} with ${(r.body ?? '').slice(0, 300)} → ${res.status} ${text.slice(0, 300)}`;
      if (res.status >= 500) {
        failures.push(`5xx: ${what}`);
        continue;
      }
      if (res.status < 400) continue;
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        body = undefined;
      }
      if (
        !/^application\/problem\+json/.test(res.headers.get('content-type') ?? '') ||
        !problem.safeParse(body).success
      ) {
        failures.push(`no problem body: ${what}`);
      }
      const written = (await changes.since(mark)).filter((c) => !COUNTED_ON_REFUSAL.has(c));
      if (written.length > 0) failures.push(`stored ${[...new Set(written)].join(', ')} for a refusal: ${what}`);
    }
    return failures;
  }

  const endpoints = contractEndpoints();

  it('covers every endpoint of the contract', () => {
    expect(endpoints.length).toBeGreaterThan(50);
  });

  it.each(
    endpoints.map(({ name, endpoint }, i) => [`${name}: ${endpoint.method} ${endpoint.path}`, endpoint, i] as const),
  )(
    '%s',
    async (_name, endpoint, i) => {
      const auths = [...keyAuths, ...(await sessionAuths())];
      const seed = SEED + i;
      const failures = await send(fc.sample(requestsFor(endpoint, auths), { numRuns: RUNS, seed }), endpoint);
      expect(failures, `BLUEZONE_FUZZ_SEED=${SEED} (this endpoint: seed ${seed})`).toEqual([]);
    },
    RUNS * 1000 + 60_000,
  );

  it(
    'GET /exports/…',
    async () => {
      const segment = fc.oneof(pathValueOf(pool), fc.constantFrom('VN', 'index.txt', 'public-key.pem', '..', '.', ''));
      const paths = fc.array(segment, { minLength: 1, maxLength: 4 }).map((segments) => ({
        auth: keyAuths[0] as Auth,
        method: 'GET',
        url: `/exports/${segments.map(encodeURIComponent).join('/')}`,
      }));
      const failures = await send(fc.sample(paths, { numRuns: RUNS, seed: SEED }));
      expect(failures, `BLUEZONE_FUZZ_SEED=${SEED}`).toEqual([]);
    },
    RUNS * 1000 + 60_000,
  );
});
