/**
 * SMS through a Kannel gateway's HTTP `sendsms` interface (Kannel User Guide, "Sending SMS
 * messages": GET /cgi-bin/sendsms with username, password, from, to, text, coding, charset,
 * dlr-mask, dlr-url). Vietnamese text goes as UCS-2 (coding=2) from UTF-8 input; bearerbox splits
 * it into concatenated parts. Delivery reports come back to `dlrUrl` with Kannel's escapes:
 * %d = DLR type (1 delivered, 2 failed, 4 buffered, 8 SMSC accepted, 16 SMSC rejected), %A = answer.
 */

import { RolloutError } from '../rollout-error';
import type { MessageChannel, OutboundMessage, SendReceipt } from './message-channel';
import { smsSegments } from './sms-segments';

export interface KannelConfig {
  /** e.g. http://127.0.0.1:13013/cgi-bin/sendsms */
  sendsmsUrl: string;
  username: string;
  password: string;
  /** Sender id (brand name or short code). */
  from: string;
  /** Our delivery-report endpoint; the outbox id and Kannel's status are appended. */
  dlrUrl?: string;
  /** Signs the outbox id so only Kannel (given our URL) can post reports for it. */
  dlrSignature?: (id: string) => string;
  timeoutMs?: number;
}

/** dlr-mask 31 = 1|2|4|8|16: every report type Kannel knows. */
const DLR_ALL = '31';

/** Builds the sendsms query string for one message (exported for the URL it produces). */
export function kannelSendsmsUrl(config: KannelConfig, message: OutboundMessage): string {
  const params = new URLSearchParams({
    username: config.username,
    password: config.password,
    from: config.from,
    to: message.to,
    text: message.text,
    charset: 'UTF-8',
  });
  if (smsSegments(message.text).encoding === 'ucs2') params.set('coding', '2');
  if (config.dlrUrl) {
    const sep = config.dlrUrl.includes('?') ? '&' : '?';
    params.set('dlr-mask', DLR_ALL);
    const sig = config.dlrSignature ? `&sig=${encodeURIComponent(config.dlrSignature(message.id))}` : '';
    params.set('dlr-url', `${config.dlrUrl}${sep}id=${encodeURIComponent(message.id)}${sig}&type=%d&answer=%A`);
  }
  return `${config.sendsmsUrl}?${params}`;
}

export class KannelSmsChannel implements MessageChannel {
  readonly name = 'sms' as const;
  constructor(private readonly config: KannelConfig) {}

  async send(message: OutboundMessage): Promise<SendReceipt> {
    const segments = smsSegments(message.text).segments;
    let res: Response;
    try {
      res = await fetch(kannelSendsmsUrl(this.config, message), {
        signal: AbortSignal.timeout(this.config.timeoutMs ?? 10_000),
      });
    } catch (err) {
      // Not the error's message: for a URL it cannot parse, fetch repeats the URL, whose query
      // holds the text (a verification code) and the phone number; it is stored as last_error.
      const reason = (err as { cause?: { code?: unknown } }).cause?.code ?? (err as Error).name;
      throw new RolloutError('channel_failed', `Kannel unreachable (${String(reason)})`);
    }
    const body = (await res.text()).trim();
    // 202 "0: Accepted for delivery" or "3: Queued for later delivery".
    if (res.status === 202 || res.status === 200) return { segments };
    if (res.status >= 500) throw new RolloutError('channel_failed', `Kannel ${res.status}: ${body}`);
    throw new RolloutError('channel_rejected', `Kannel ${res.status}: ${body}`);
  }
}

/** Kannel's %d in a delivery report → our delivery status. */
export function kannelDlrStatus(type: number): 'delivered' | 'failed' | 'pending' {
  if (type & 1) return 'delivered';
  if (type & 2 || type & 16) return 'failed';
  return 'pending';
}

/**
 * Kannel hands an MO's text to get-url as it arrived: %a is UTF-16BE bytes, percent-encoded,
 * when %c (coding) is 2, so the raw query value is decoded to bytes first, not as UTF-8.
 */
export function kannelInboundText(url: string, coding: string | undefined): string {
  const buf = percentDecodeBytes(/[?&]text=([^&]*)/.exec(url)?.[1] ?? '');
  if (coding !== '2') return buf.toString('utf8');
  if (buf.length % 2 !== 0) return ''; // not UTF-16: ignore rather than guess
  buf.swap16();
  return buf.toString('utf16le');
}

/** Form-style percent-decoding to raw bytes ('+' is a space), for text that is not UTF-8. */
export function percentDecodeBytes(raw: string): Buffer {
  const bytes: number[] = [];
  for (let i = 0; i < raw.length; i++) {
    if (raw[i] === '%' && /^[0-9A-Fa-f]{2}$/.test(raw.slice(i + 1, i + 3))) {
      bytes.push(Number.parseInt(raw.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(raw[i] === '+' ? 0x20 : raw.charCodeAt(i) & 0xff);
  }
  return Buffer.from(bytes);
}
