// "TU CHOI" end to end: a phone replies through the SMS centre (fakesmsc → bearerbox → smsbox),
// Kannel's sms-service calls our inbound route, the phone is opted out and gets the
// confirmation back, and later campaign messages to it are suppressed, never sent.

import { ManualClock } from '@bluezone/server';
import { type KannelGateway, kannelAvailable, startKannel } from '@bluezone/test-support';
import { createTestDatabase, DIALECTS, TEST_EPOCH, type TestDatabase, testConfig } from '@bluezone/test-support/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueueMessage } from '../../src/messaging/outbox-repository';
import { OutboxWorker } from '../../src/messaging/outbox-worker';
import { KannelSmsChannel } from '../../src/messaging/sms-kannel';
import { rolloutDb } from '../../src/rollout-db';
import { startTestHttpServer, type TestHttpServer } from '../support/http-harness';

describe.runIf(kannelAvailable())('opt-out by SMS reply through Kannel', () => {
  let testDb: TestDatabase;
  let server: TestHttpServer;
  let kannel: KannelGateway;
  const clock = new ManualClock(TEST_EPOCH);

  beforeAll(async () => {
    testDb = await createTestDatabase(DIALECTS[0] ?? 'sqlite');
    const env = { ROLLOUT_WORKER_INTERVAL_SECONDS: '0', SMS_INBOUND_TOKEN: 'inbound-token' };
    server = await startTestHttpServer(testConfig(testDb.dataDir, env), { database: testDb.reopen(), clock, env });
    kannel = await startKannel({
      inboundUrl: `${server.url}/api/rollout/sms/inbound?token=inbound-token&from=%p&coding=%c&text=%a`,
    });
  });
  afterAll(async () => {
    await kannel?.stop();
    await server?.stop();
    await testDb?.cleanup();
  });

  it('opts out a phone that replies "Từ chối" and suppresses what was queued for it', async () => {
    const db = rolloutDb(server.context.database);
    await kannel.sendMo('+84912000077', '8088', 'Từ chối');
    await expect
      .poll(async () => (await db.selectFrom('rollout_opt_out').select('phone').execute()).map((r) => r.phone), {
        timeout: 15_000,
      })
      .toEqual(['+84912000077']);
    // The route's answer comes back to the phone as Kannel's reply.
    await expect
      .poll(() => kannel.received().filter((m) => m.to === '+84912000077').length, { timeout: 15_000 })
      .toBe(1);
    expect(
      kannel
        .received()
        .find((m) => m.to === '+84912000077')
        ?.data.toString('latin1'),
    ).toBe('Ban da tu choi nhan tin nhan Bluezone.');

    const sms = new KannelSmsChannel({
      sendsmsUrl: kannel.sendsmsUrl,
      username: kannel.username,
      password: kannel.password,
      from: 'BLUEZONE',
    });
    const { id } = await enqueueMessage(db, clock, {
      kind: 'campaign',
      channel: 'sms',
      phone: '0912000077',
      text: 'Nhắc cài Bluezone',
      dedupeKey: 'c:1',
    });
    await enqueueMessage(db, clock, {
      kind: 'campaign',
      channel: 'sms',
      phone: '0912000078',
      text: 'Nhắc cài Bluezone',
      dedupeKey: 'c:2',
    });
    expect(await new OutboxWorker(db, clock, { sms }).runOnce()).toMatchObject({ sent: 1, suppressed: 1 });
    expect(
      (await db.selectFrom('rollout_outbox').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status,
    ).toBe('suppressed');
    await expect
      .poll(() => kannel.received().filter((m) => m.to === '+84912000078').length, { timeout: 15_000 })
      .toBe(1);
    expect(kannel.received().filter((m) => m.to === '+84912000077')).toHaveLength(1);
  });

  it('does not opt out other replies, and sends no empty answer', async () => {
    const db = rolloutDb(server.context.database);
    await kannel.sendMo('+84912000079', '8088', 'Cảm ơn');
    await new Promise((r) => setTimeout(r, 2000));
    expect((await db.selectFrom('rollout_opt_out').select('phone').execute()).map((r) => r.phone)).toEqual([
      '+84912000077',
    ]);
    expect(kannel.received().filter((m) => m.to === '+84912000079')).toHaveLength(0);
  });
});
