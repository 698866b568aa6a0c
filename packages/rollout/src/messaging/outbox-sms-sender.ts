/**
 * The key server's SMS sender (its core SmsSender interface), implemented by the outbox: a
 * verification code from `/api/issue` is queued here directly, ahead of quiet hours and
 * frequency caps (it was asked for), and expires with the code. A number the SMS layer cannot
 * reach is refused (400 `invalid_phone`).
 */
import { randomUUID } from 'node:crypto';
import type { Clock, Database, SmsMessage, SmsSender } from '@bluezone/server';
import { rolloutDb } from '../rollout-db';
import { enqueueMessage } from './outbox-repository';
import { normalizeRecipientPhone } from './recipient-phone';

export class OutboxSmsSender implements SmsSender {
  constructor(
    private readonly database: Database,
    private readonly clock: Clock,
  ) {}

  /** SMS reaches every number `normalizeRecipientPhone` takes (recipient-phone.ts). */
  checkRecipient(phone: string): void {
    normalizeRecipientPhone(phone);
  }

  async send(message: SmsMessage): Promise<void> {
    await enqueueMessage(rolloutDb(this.database), this.clock, {
      kind: 'verification',
      channel: 'sms',
      phone: message.phone,
      text: message.text,
      dedupeKey: `verification:${randomUUID()}`,
      expiresAt: message.expiresAt,
    });
  }
}
