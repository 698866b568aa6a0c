/**
 * Where a text message to a phone goes, e.g. a verification code when `/api/issue` is given a
 * phone number. The key server has no SMS gateway of its own: a feature that has one provides
 * a sender (`Feature.provides`; the rollout toolkit's messaging outbox, which retries, expires
 * and reports delivery). Without one, `ServerContext.sms` is undefined and callers answer
 * 503 `sms_unavailable`.
 */
export interface SmsMessage {
  /** As the caller gave it; the sender validates and normalises it. */
  phone: string;
  text: string;
  /** Do not send after this time (the code has expired). */
  expiresAt: number;
  /** The API key realm it was asked for in. */
  realm: string;
}

export interface SmsSender {
  /** Accepts the message for delivery (durably queued when this resolves), or throws a ServerError. */
  send(message: SmsMessage): Promise<void>;
  /**
   * Throws the ServerError `send` would for this number, before the caller stores anything:
   * `/api/issue` checks the phone before it issues a code (a code issued for a number the sender
   * then refused stayed in the database, live, for nobody).
   */
  checkRecipient?(phone: string): void;
}
