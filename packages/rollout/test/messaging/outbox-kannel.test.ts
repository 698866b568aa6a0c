// The durable outbox end to end: messages leave through a real Kannel (bearerbox + smsbox +
// fakesmsc), delivery reports come back over HTTP to the real server, and simulated crashes,
// restarts, failures and competing workers never send a message twice or lose one.

import { ManualClock } from '@bluezone/server';
import { decodeUcs2, type KannelGateway, kannelAvailable, startKannel } from '@bluezone/test-support';
import { createTestDatabase, DIALECTS, TEST_EPOCH, type TestDatabase, testConfig } from '@bluezone/test-support/server';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MessageChannel } from '../../src/messaging/message-channel';
import { dlrSigner } from '../../src/messaging/message-channels';
import { optOut } from '../../src/messaging/messaging-repository';
import { enqueueMessage } from '../../src/messaging/outbox-repository';
import { CLAIM_LEASE_MS, OutboxWorker } from '../../src/messaging/outbox-worker';
import { KannelSmsChannel } from '../../src/messaging/sms-kannel';
import { type RolloutDb, rolloutDb } from '../../src/rollout-db';
import { startTestHttpServer, type TestHttpServer } from '../support/http-harness';

// Messages and delivery reports cross real bearerbox/smsbox/fakesmsc processes; on a loaded
// 2-core CI machine a delivery report has taken over 10 s. Waits are generous, outcomes exact.
const GATEWAY_WAIT_MS = 25_000;
vi.setConfig({ testTimeout: 120_000 });

describe.runIf(kannelAvailable())('rollout outbox through Kannel', () => {
  let kannel: KannelGateway;
  beforeAll(async () => {
    kannel = await startKannel();
  });
  afterAll(async () => {
    await kannel?.stop();
  });

  describe.each(DIALECTS)('on %s', (dialect) => {
    let testDb: TestDatabase;
    let server: TestHttpServer;
    let clock: ManualClock;
    let db: RolloutDb;
    let sms: KannelSmsChannel;

    beforeEach(async () => {
      testDb = await createTestDatabase(dialect);
      clock = new ManualClock(TEST_EPOCH); // 07:00 in Vietnam: outside quiet hours
      const env = { ROLLOUT_WORKER_INTERVAL_SECONDS: '0' };
      server = await startTestHttpServer(testConfig(testDb.dataDir, env), { database: testDb.reopen(), clock, env });
      db = rolloutDb(server.context.database);
      sms = new KannelSmsChannel({
        sendsmsUrl: kannel.sendsmsUrl,
        username: kannel.username,
        password: kannel.password,
        from: 'BLUEZONE',
        dlrUrl: `${server.url}/api/rollout/sms/dlr`,
        dlrSignature: await dlrSigner(server.context),
      });
    });
    afterEach(async () => {
      await server.stop();
      await testDb.cleanup();
    });

    /** Messages fakesmsc got for this phone (each test uses its own numbers). */
    const arrivedFor = (phone: string) => kannel.received().filter((m) => m.to === phone);
    const row = (id: string) =>
      db.selectFrom('rollout_outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const phone = (n: number) => `+8491${dialect === 'sqlite' ? '1' : '2'}${String(n).padStart(6, '0')}`;
    const enqueue = (n: number, text: string, kind: 'direct' | 'verification' = 'direct') =>
      enqueueMessage(db, clock, { kind, channel: 'sms', phone: phone(n), text, dedupeKey: `test:${n}:${text}` });

    it('sends once, records the delivery report, and never re-sends a sent row', async () => {
      const { id } = await enqueue(1, 'Xin chào Hương Phú');
      expect((await enqueue(1, 'Xin chào Hương Phú')).created).toBe(false);
      const worker = new OutboxWorker(db, clock, { sms });
      expect(await worker.runOnce()).toMatchObject({ sent: 1 });
      await expect.poll(() => arrivedFor(phone(1)).length, { timeout: GATEWAY_WAIT_MS }).toBe(1);
      expect(decodeUcs2(arrivedFor(phone(1))[0]?.data ?? Buffer.alloc(0))).toBe('Xin chào Hương Phú');
      await expect.poll(async () => (await row(id)).delivery, { timeout: GATEWAY_WAIT_MS }).toBe('delivered');
      expect(await worker.runOnce()).toMatchObject({ sent: 0 });
      expect(await new OutboxWorker(db, clock, { sms }).runOnce()).toMatchObject({ sent: 0 });
      expect(arrivedFor(phone(1))).toHaveLength(1);
    });

    it('a crash after hand-off is settled by the delivery report, not re-sent', async () => {
      const { id } = await enqueue(2, 'crash after');
      const crashing: MessageChannel = {
        name: 'sms',
        async send(m) {
          await sms.send(m);
          throw new Error('process killed before recording the send');
        },
      };
      await expect(new OutboxWorker(db, clock, { sms: crashing }).runOnce()).rejects.toThrow('process killed');
      // The worker recorded nothing (its claim stays, no receipt): Kannel's report, which can come
      // back within milliseconds, is what settles the row.
      const crashed = await row(id);
      expect(crashed.claimed_by).not.toBeNull();
      expect(crashed.segments).toBeNull();
      await expect.poll(async () => (await row(id)).status, { timeout: GATEWAY_WAIT_MS }).toBe('sent');
      clock.advance(CLAIM_LEASE_MS + 1);
      // After the lease a worker finds the row settled: it hands nothing to the gateway again.
      let handedOver = 0;
      const counting: MessageChannel = {
        name: 'sms',
        send(m) {
          handedOver++;
          return sms.send(m);
        },
      };
      expect(await new OutboxWorker(db, clock, { sms: counting }).runOnce()).toMatchObject({ sent: 0, recovered: 0 });
      expect(handedOver).toBe(0);
      // fakesmsc's output reaches this process through a pipe, on its own time: waited for, not slept on.
      await expect.poll(() => arrivedFor(phone(2)).length, { timeout: GATEWAY_WAIT_MS }).toBe(1);
    });

    it('a crash before hand-off is re-sent after the lease, exactly once', async () => {
      const { id } = await enqueue(3, 'crash before');
      const dying: MessageChannel = {
        name: 'sms',
        async send() {
          throw new Error('process killed before calling Kannel');
        },
      };
      await expect(new OutboxWorker(db, clock, { sms: dying }).runOnce()).rejects.toThrow();
      expect(await new OutboxWorker(db, clock, { sms }).runOnce()).toMatchObject({ sent: 0 }); // still leased
      clock.advance(CLAIM_LEASE_MS + 1);
      expect(await new OutboxWorker(db, clock, { sms }).runOnce()).toMatchObject({ recovered: 1, sent: 1 });
      await expect.poll(() => arrivedFor(phone(3)).length, { timeout: GATEWAY_WAIT_MS }).toBe(1);
      expect((await row(id)).attempts).toBe(2);
    });

    it('retries a failing gateway with backoff, then delivers', async () => {
      const { id } = await enqueue(4, 'retry me');
      const down = new KannelSmsChannel({
        sendsmsUrl: 'http://127.0.0.1:9/cgi-bin/sendsms',
        username: 'u',
        password: 'p',
        from: 'B',
        timeoutMs: 1000,
      });
      const w = new OutboxWorker(db, clock, { sms: down });
      expect(await w.runOnce()).toMatchObject({ retried: 1 });
      expect(await row(id)).toMatchObject({ status: 'queued', attempts: 1, not_before: TEST_EPOCH + 30_000 });
      expect(await w.runOnce()).toMatchObject({ retried: 0 }); // not due yet
      clock.advance(30_000);
      expect(await w.runOnce()).toMatchObject({ retried: 1 });
      expect(Number((await row(id)).not_before)).toBe(TEST_EPOCH + 30_000 + 60_000);
      clock.advance(60_000);
      expect(await new OutboxWorker(db, clock, { sms }).runOnce()).toMatchObject({ sent: 1 });
      await expect.poll(() => arrivedFor(phone(4)).length, { timeout: GATEWAY_WAIT_MS }).toBe(1);
    });

    it('two workers racing over the same rows send each message once', async () => {
      for (let n = 10; n < 16; n++) await enqueue(n, `race ${n}`);
      const [a, b] = await Promise.all([
        new OutboxWorker(db, clock, { sms }).runOnce(),
        new OutboxWorker(db, clock, { sms }).runOnce(),
      ]);
      expect(a.sent + b.sent).toBe(6);
      await expect
        .poll(() => [10, 11, 12, 13, 14, 15].map((n) => arrivedFor(phone(n)).length).join(), {
          timeout: GATEWAY_WAIT_MS,
        })
        .toBe('1,1,1,1,1,1');
    });

    it('suppresses opted-out phones, defers quiet hours and the frequency cap; verification codes go through', async () => {
      await optOut(db, clock, phone(20));
      const opted = await enqueue(20, 'opted out');
      const w = new OutboxWorker(db, clock, { sms });
      expect(await w.runOnce()).toMatchObject({ suppressed: 1 });
      expect((await row(opted.id)).status).toBe('suppressed');

      await enqueue(21, 'one');
      await enqueue(21, 'two');
      await enqueue(21, 'three');
      expect(await w.runOnce()).toMatchObject({ sent: 2, deferred: 1 }); // cap: 2 per 24 h

      clock.set(TEST_EPOCH + 15 * 3_600_000); // 22:00 in Vietnam
      const night = await enqueue(22, 'night');
      const code = await enqueue(23, 'Mã xác minh Bluezone: 12345678', 'verification');
      expect(await w.runOnce()).toMatchObject({ sent: 1, deferred: 1 });
      expect((await row(code.id)).status).toBe('sent');
      expect(Number((await row(night.id)).not_before)).toBe(TEST_EPOCH + 24 * 3_600_000); // 07:00 next day
      await expect.poll(() => arrivedFor(phone(23)).length, { timeout: GATEWAY_WAIT_MS }).toBe(1);
      expect(arrivedFor(phone(22))).toHaveLength(0);
    });

    it("queues the key server's verification texts through its SMS sender and expires stale ones", async () => {
      const keyServerSms = server.context.sms;
      if (!keyServerSms) throw new Error('the rollout feature provides the SMS sender');
      await keyServerSms.send({
        phone: phone(30),
        text: 'Bluezone code 11112222',
        expiresAt: TEST_EPOCH + 900_000,
        realm: 'default',
      });
      await keyServerSms.send({
        phone: phone(31),
        text: 'Bluezone code 33334444',
        expiresAt: TEST_EPOCH + 1,
        realm: 'default',
      });
      const queued = await db.selectFrom('rollout_outbox').select(['kind', 'status']).execute();
      expect(queued).toEqual([
        { kind: 'verification', status: 'queued' },
        { kind: 'verification', status: 'queued' },
      ]);
      clock.advance(1000);
      expect(await new OutboxWorker(db, clock, { sms }).runOnce()).toMatchObject({ sent: 1, expired: 1 });
      await expect.poll(() => arrivedFor(phone(30)).length, { timeout: GATEWAY_WAIT_MS }).toBe(1);
      expect(arrivedFor(phone(31))).toHaveLength(0);
    });
  });
});
