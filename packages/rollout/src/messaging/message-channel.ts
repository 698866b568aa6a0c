/**
 * A way to reach a phone: SMS through Kannel or a Zalo ZNS template message. The outbox calls
 * `send` once per attempt and decides on retries from the error code:
 * `channel_failed` (network, 5xx, quota) is retried with backoff; `channel_rejected`
 * (bad credentials, bad number, refused template) is not.
 */
export type ChannelName = 'sms' | 'zalo';

export interface OutboundMessage {
  /** The outbox id: the idempotency key and the reference delivery reports carry back. */
  id: string;
  /** E.164, e.g. +84912345678. */
  to: string;
  /** The rendered text (SMS) or a readable summary (Zalo). */
  text: string;
  /** ZNS only: the approved template and its fields. */
  zalo?: { templateId: string; templateData: Record<string, string> };
}

export interface SendReceipt {
  /** The provider's message id, when it gives one. */
  providerRef?: string;
  segments?: number;
}

export interface MessageChannel {
  readonly name: ChannelName;
  send(message: OutboundMessage): Promise<SendReceipt>;
}
