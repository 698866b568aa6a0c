// The key server and the rollout messaging layer together, as `bluezone server` runs them:
// health staff issue a code with a phone number, /api/issue queues it in the messaging outbox
// (the server's SMS sender), the in-server outbox job sends it, Kannel delivers it to the SMS
// centre, and the delivery report comes back to the running server.
import { createApiKey } from '@bluezone/server';
import { freePort, type KannelGateway, kannelAvailable, startKannel } from '@bluezone/test-support';
import { createTestDatabase, DIALECTS, type TestDatabase, testConfig } from '@bluezone/test-support/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rolloutDb } from '../../src/rollout-db';
import { startTestHttpServer, type TestHttpServer } from '../support/http-harness';

describe.runIf(kannelAvailable())('verification codes by SMS through the running server', () => {
  let kannel: KannelGateway;
  let testDb: TestDatabase;
  let server: TestHttpServer;

  beforeAll(async () => {
    kannel = await startKannel();
    testDb = await createTestDatabase(DIALECTS[0] ?? 'sqlite');
    const port = await freePort();
    const env = {
      PORT: String(port),
      ROLLOUT_WORKER_INTERVAL_SECONDS: '1',
      KANNEL_SENDSMS_URL: kannel.sendsmsUrl,
      KANNEL_USERNAME: kannel.username,
      KANNEL_PASSWORD: kannel.password,
      PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
    };
    server = await startTestHttpServer(testConfig(testDb.dataDir, env), {
      database: testDb.reopen(),
      port,
      rolloutJob: true,
      env,
    });
  });
  afterAll(async () => {
    await server?.stop();
    await kannel?.stop();
    await testDb?.cleanup();
  });

  it('delivers the code issued with a phone number and records the delivery report', async () => {
    const admin = (await createApiKey(server.context.database, server.context.clock, 'admin')).key;
    const res = await fetch(`${server.url}/api/issue`, {
      method: 'POST',
      headers: { 'x-api-key': admin, 'content-type': 'application/json' },
      body: JSON.stringify({ testType: 'confirmed', tzOffset: 420, phone: '+84912000555' }),
    });
    expect(res.status).toBe(200);
    const { code } = (await res.json()) as { code: string };
    await expect
      .poll(() => kannel.received().filter((m) => m.to === '+84912000555').length, { timeout: 20_000 })
      .toBe(1);
    const sms = kannel.received().find((m) => m.to === '+84912000555');
    expect(sms?.data.toString('latin1')).toContain(`your verification code is ${code}`);
    const db = rolloutDb(server.context.database);
    await expect
      .poll(async () => (await db.selectFrom('rollout_outbox').select(['kind', 'status', 'delivery']).execute())[0], {
        timeout: 20_000,
      })
      .toEqual({ kind: 'verification', status: 'sent', delivery: 'delivered' });
  });
});
