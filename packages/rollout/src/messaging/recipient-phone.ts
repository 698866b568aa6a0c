/**
 * Who a message may go to: a Vietnamese mobile (shared/vn-phone.ts), or — for roaming visitors
 * the telecom partner reports — a foreign number written internationally, with `+` or `00` and
 * its country code (E.164: at most 15 digits). A number without that prefix is read as
 * Vietnamese, so a mistyped local number is never taken for a foreign one.
 *
 * Which channel reaches which: Kannel hands any E.164 number to the SMSC, and a visitor roaming
 * on a Vietnamese network receives SMS as at home, so SMS reaches both. Zalo's ZNS sends a
 * template to the Zalo account registered with a phone number, given as `84…`, and is offered
 * for Vietnamese numbers only: foreign numbers are left out of Zalo campaigns (and counted).
 */
import { RolloutError } from '../rollout-error';
import { normalizeVnPhone } from '../shared/vn-phone';
import type { ChannelName } from './message-channel';

/** + country code (no leading 0) and the subscriber number: 8 to 15 digits in all. */
const E164 = /^\+[1-9]\d{7,14}$/;

/** `+84…` for a Vietnamese mobile, `+<country>…` for an international number; else invalid_phone. */
export function normalizeRecipientPhone(input: string): string {
  const compact = input.trim().replace(/[\s.\-()]/g, '');
  const international = compact.startsWith('00') ? `+${compact.slice(2)}` : compact;
  if (!international.startsWith('+') || international.startsWith('+84')) return normalizeVnPhone(input);
  if (!E164.test(international)) {
    throw new RolloutError(
      'invalid_phone',
      `not a Vietnamese mobile or an international number (+country code, at most 15 digits): "${input}"`,
    );
  }
  return international;
}

export function isVietnamesePhone(e164: string): boolean {
  return e164.startsWith('+84');
}

/** Whether `channel` can deliver to `e164` (see above: SMS everywhere, Zalo ZNS Vietnamese numbers only). */
export function channelReaches(channel: ChannelName, e164: string): boolean {
  return channel === 'sms' || isVietnamesePhone(e164);
}
