/**
 * How many SMS segments a text needs, and what they cost.
 *
 * 3GPP TS 23.038 §6.2.1: the GSM 7-bit default alphabet, plus the extension table reached through
 * ESC (0x1B) whose characters therefore take two septets. Anything outside both tables forces
 * UCS-2 (TS 23.038 §6.2.3), which every Vietnamese text with diacritics does.
 * A single SMS carries 140 octets (TS 23.040 §9.2.3.24): 160 septets or 70 UCS-2 code units.
 * Concatenated parts lose 6 octets to the UDH (IEI 0x00, 8-bit reference), leaving 153 septets
 * or 67 code units per part — the same split Kannel's bearerbox makes.
 */

const GSM7_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u00a0ÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
// The NBSP above stands in for ESC (0x1B), which is never a character of its own.
const BASIC = new Set([...GSM7_BASIC].filter((c) => c !== '\u00a0'));
const EXTENSION = new Set([...'\f^{}\\[~]|€']);

export type SmsEncoding = 'gsm7' | 'ucs2';

export interface SmsSegmentation {
  encoding: SmsEncoding;
  /** Septets (GSM-7) or UTF-16 code units (UCS-2). */
  units: number;
  segments: number;
  /** Units per segment at this length: 160/153 or 70/67. */
  perSegment: number;
}

/** True when every character of `text` is in the GSM 7-bit alphabet or its extension table. */
export function isGsm7(text: string): boolean {
  for (const ch of text) if (!BASIC.has(ch) && !EXTENSION.has(ch)) return false;
  return true;
}

export function smsSegments(text: string): SmsSegmentation {
  if (isGsm7(text)) {
    let septets = 0;
    for (const ch of text) septets += EXTENSION.has(ch) ? 2 : 1;
    return split('gsm7', septets, 160, 153);
  }
  // String length is UTF-16 code units; a character outside the BMP takes two.
  return split('ucs2', text.length, 70, 67);
}

function split(encoding: SmsEncoding, units: number, single: number, multi: number): SmsSegmentation {
  if (units <= single) return { encoding, units, segments: units === 0 ? 0 : 1, perSegment: single };
  return { encoding, units, segments: Math.ceil(units / multi), perSegment: multi };
}

export interface SmsCostEstimate {
  messages: number;
  segments: number;
  /** Whole đồng: operators bill per segment. */
  costVnd: number;
  pricePerSegmentVnd: number;
}

/** The cost shown before a campaign sends: each recipient's text is counted on its own. */
export function estimateSmsCost(texts: Iterable<string>, pricePerSegmentVnd: number): SmsCostEstimate {
  let messages = 0;
  let segments = 0;
  for (const text of texts) {
    messages++;
    segments += smsSegments(text).segments;
  }
  return { messages, segments, costVnd: segments * pricePerSegmentVnd, pricePerSegmentVnd };
}
