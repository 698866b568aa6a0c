// What the outbox keeps of a message once it has settled: no body, no verification phone number,
// and after ROLLOUT_OUTBOX_RETENTION_DAYS no row — a campaign's figures stay in the tally.
import { DIALECTS } from '@bluezone/test-support/server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MessageChannel, OutboundMessage } from '../../src/messaging/message-channel';
import {
  campaignMessageCounts,
  enqueueMessage,
  recentSends,
  recordDeliveryReport,
} from '../../src/messaging/outbox-repository';
import { purgeOutbox } from '../../src/messaging/outbox-retention';
import { OutboxSmsSender } from '../../src/messaging/outbox-sms-sender';
import { CLAIM_LEASE_MS, OutboxWorker } from '../../src/messaging/outbox-worker';
import { KannelSmsChannel } from '../../src/messaging/sms-kannel';
import { RolloutError } from '../../src/rollout-error';
import { createRolloutTestContext, type RolloutTestContext } from '../support/rollout-test-context';

const DAY = 86_400_000;
const CODE_TEXT = 'Bluezone: your verification code is 48213307 (valid 15 minutes).';

/** A channel that records what it was asked to send and answers as told. */
class ScriptedChannel implements MessageChannel {
  readonly name = 'sms' as const;
  sent: OutboundMessage[] = [];
  answers: (Error | undefined)[] = [];
  async send(message: OutboundMessage) {
    const answer = this.answers.shift();
    if (answer) throw answer;
    this.sent.push(message);
    return { segments: 1 };
  }
}

describe.each(DIALECTS)('outbox retention on %s', (dialect) => {
  let t: RolloutTestContext;
  let channel: ScriptedChannel;
  let worker: OutboxWorker;

  beforeEach(async () => {
    t = await createRolloutTestContext(dialect);
    channel = new ScriptedChannel();
    worker = new OutboxWorker(t.db, t.clock, { sms: channel }, { workerId: 'w1' });
  });
  afterEach(async () => {
    await t.cleanup();
  });

  const row = (id: string) =>
    t.db.selectFrom('rollout_outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const verificationCode = async () => {
    await new OutboxSmsSender(t.ctx.database, t.clock).send({
      phone: '0912345678',
      text: CODE_TEXT,
      expiresAt: t.clock.now() + DAY,
      realm: 'default',
    });
    return (
      await t.db.selectFrom('rollout_outbox').select('id').where('kind', '=', 'verification').executeTakeFirstOrThrow()
    ).id;
  };

  it("blanks a verification code's text and phone number once the gateway has it", async () => {
    const id = await verificationCode();
    expect(await row(id)).toMatchObject({ text: CODE_TEXT, phone: '+84912345678' });
    expect((await worker.runOnce()).sent).toBe(1);
    expect(channel.sent.map((m) => m.text)).toEqual([CODE_TEXT]);
    expect(await row(id)).toMatchObject({ status: 'sent', text: '', phone: '', zalo_data: null, segments: 1 });
    // A delivery report still finds it, and says nothing more about it.
    expect(await recordDeliveryReport(t.db, t.clock, id, 1)).toBe(true);
    expect(await row(id)).toMatchObject({ status: 'sent', delivery: 'delivered', text: '', phone: '' });
  });

  it('keeps the text while a send may be retried, blanks it when the message fails for good or expires', async () => {
    const id = await verificationCode();
    channel.answers.push(new RolloutError('channel_failed', 'Kannel 503'));
    expect((await worker.runOnce()).retried).toBe(1);
    expect(await row(id)).toMatchObject({ status: 'queued', text: CODE_TEXT });
    t.clock.advance(60_000);
    channel.answers.push(new RolloutError('channel_rejected', 'Kannel 403: bad number'));
    expect((await worker.runOnce()).failed).toBe(1);
    expect(await row(id)).toMatchObject({ status: 'failed', text: '', phone: '' });

    // Expired before any worker ran: the purge settles it.
    const late = await verificationCode().then(async () => {
      const rows = await t.db.selectFrom('rollout_outbox').select('id').where('status', '=', 'queued').execute();
      return rows[0]?.id ?? '';
    });
    t.clock.advance(DAY + 1);
    expect(await purgeOutbox(t.db, t.clock.now(), 31 * DAY)).toEqual({ expired: 1, deleted: 0 });
    expect(await row(late)).toMatchObject({ status: 'expired', text: '', phone: '' });
  });

  it('blanks a message the delivery report settles after its worker died mid-send', async () => {
    const id = await verificationCode();
    // The worker claimed it and died before recording the hand-off.
    await t.db
      .updateTable('rollout_outbox')
      .set({ status: 'sending', claimed_by: 'dead', claim_until: t.clock.now() + CLAIM_LEASE_MS })
      .where('id', '=', id)
      .execute();
    expect(await row(id)).toMatchObject({ text: CODE_TEXT });
    await recordDeliveryReport(t.db, t.clock, id, 8);
    expect(await row(id)).toMatchObject({ status: 'sent', text: '', phone: '' });
  });

  it('keeps a campaign message’s phone for the frequency cap, then deletes the row and keeps the count', async () => {
    const { id } = await enqueueMessage(t.db, t.clock, {
      kind: 'campaign',
      campaignId: 7,
      channel: 'sms',
      phone: '0912000111',
      text: 'Chào Bà Lan, mời bạn cài Bluezone',
      dedupeKey: 'campaign:7:1',
    });
    await worker.runOnce();
    expect(await row(id)).toMatchObject({ status: 'sent', text: '', phone: '+84912000111' });
    expect(await recentSends(t.db, '+84912000111', t.clock.now() - DAY)).toHaveLength(1);
    await recordDeliveryReport(t.db, t.clock, id, 1);
    const counts = await campaignMessageCounts(t.db);
    expect(counts).toEqual([{ campaignId: 7, status: 'sent', delivery: 'delivered', count: 1 }]);

    t.clock.advance(30 * DAY);
    expect((await purgeOutbox(t.db, t.clock.now(), 31 * DAY)).deleted).toBe(0);
    t.clock.advance(2 * DAY);
    expect((await purgeOutbox(t.db, t.clock.now(), 31 * DAY)).deleted).toBe(1);
    expect(await t.db.selectFrom('rollout_outbox').select('id').execute()).toEqual([]);
    expect(await campaignMessageCounts(t.db)).toEqual(counts);
  });

  it('never puts a message’s text in a gateway error', async () => {
    const kannel = new KannelSmsChannel({
      sendsmsUrl: 'http://kannel host:13013/cgi-bin/sendsms',
      username: 'u',
      password: 'p',
      from: 'BLUEZONE',
    });
    const err = await kannel.send({ id: 'x', to: '+84912345678', text: CODE_TEXT }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RolloutError);
    expect((err as Error).message).not.toContain('48213307');
    expect((err as Error).message).not.toContain('84912345678');
  });
});
