/**
 * Error codes of messaging. The outbox decides on retries from them (message-channel.ts):
 * `channel_failed` is retried with backoff, `channel_rejected` is not.
 */
export const MESSAGING_ERRORS = {
  channel_failed: 502,
  channel_rejected: 502,
} as const;
