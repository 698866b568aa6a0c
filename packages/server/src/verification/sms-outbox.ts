/**
 * Where a verification code goes when `/api/issue` is given a phone number. Until the rollout
 * messaging layer replaces it (ServerContext.sms), messages are queued in `sms_outbox`.
 * The row holds the message text because sending needs it; it is deleted once sent or expired.
 */
import { randomUUID } from 'node:crypto';
import type { Clock } from '../clock';
import type { Database } from '../database/database';

export interface SmsMessage {
  phone: string;
  text: string;
  /** Do not send after this time (the code has expired). */
  expiresAt: number;
  realm: string;
}

export interface SmsOutbox {
  enqueue(message: SmsMessage): Promise<void>;
}

export interface SmsOutboxTable {
  id: string;
  phone: string;
  text: string;
  realm: string;
  created_at: number;
  expires_at: number;
  sent_at: number | null;
}

export class DatabaseSmsOutbox implements SmsOutbox {
  constructor(
    private readonly database: Database,
    private readonly clock: Clock,
  ) {}

  async enqueue(message: SmsMessage): Promise<void> {
    await this.database.db
      .withTables<{ sms_outbox: SmsOutboxTable }>()
      .insertInto('sms_outbox')
      .values({
        id: randomUUID(),
        phone: message.phone,
        text: message.text,
        realm: message.realm,
        created_at: this.clock.now(),
        expires_at: message.expiresAt,
        sent_at: null,
      })
      .execute();
  }
}
