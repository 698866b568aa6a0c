/**
 * Tourist arrivals from the telecom partner: each phone gets the welcome SMS once per stay.
 * A stay is a run of arrivals with gaps under STAY_GAP_DAYS; the welcome is queued with the
 * key `welcome:<phone>:<stay start>`, so the partner may retry a webhook call safely.
 * Roaming visitors' international numbers are welcomed too (recipient-phone.ts): welcomes go by SMS.
 */
import type { ProblemPointer } from '@bluezone/protocol/api';
import type { Clock } from '@bluezone/server';
import type { RolloutDb } from '../rollout-db';
import { RolloutError } from '../rollout-error';
import { installLink } from '../units/install-link';
import { extendTouristStay, getTouristStay, startTouristStay } from './messaging-repository';
import { enqueueMessage } from './outbox-repository';
import { isVietnamesePhone, normalizeRecipientPhone } from './recipient-phone';

export const STAY_GAP_DAYS = 3;
const DAY_MS = 86_400_000;
/** A welcome still unsent this long after the arrival (or its recording) is dropped as expired. */
export const WELCOME_VALIDITY_MS = STAY_GAP_DAYS * DAY_MS;

export const WELCOME_TEXT =
  'Chào mừng bạn đến {district}! Để bảo vệ mình và mọi người, hãy cài ứng dụng Bluezone: {link} . Trả lời TU CHOI để không nhận tin.';
/** Roaming visitors read Vietnamese less often: theirs says it in English after the Vietnamese. */
export const WELCOME_TEXT_INTERNATIONAL =
  'Chào mừng bạn đến {district}! Cài Bluezone: {link} . Welcome to {district}! Install Bluezone to protect yourself and others: {link} . Reply TU CHOI to stop.';

export interface Arrival {
  phone: string;
  /** Milliseconds since the epoch. */
  arrivedAt: number;
}

/** A rejected row of a batch: the contract's problem pointer (@bluezone/protocol/api problem.ts). */
export type RejectedArrival = ProblemPointer;

/**
 * Records the valid rows and returns each bad one with its index, field and code: one foreign
 * or mistyped number must not lose the other visitors' welcomes. Only a batch without a single
 * valid row is refused (invalid_input, the same entries in details.errors), storing nothing.
 */
export async function recordArrivals(
  db: RolloutDb,
  clock: Clock,
  options: { installBaseUrl: string; districtCode: string; districtName: string },
  arrivals: readonly { phone: string; arrivedAt: string }[],
): Promise<{ arrivals: number; welcomes: number; international: number; rejected: RejectedArrival[] }> {
  const rejected: RejectedArrival[] = [];
  const parsed: Arrival[] = [];
  arrivals.forEach((a, index) => {
    const at = Date.parse(a.arrivedAt);
    let bad = false;
    if (Number.isNaN(at)) {
      bad = true;
      rejected.push({
        index,
        field: 'arrivedAt',
        code: 'invalid_input',
        message: `arrivedAt "${a.arrivedAt}" is not an ISO 8601 time`,
      });
    }
    try {
      const phone = normalizeRecipientPhone(a.phone);
      if (!bad) parsed.push({ phone, arrivedAt: at });
    } catch (e) {
      rejected.push({ index, field: 'phone', code: 'invalid_phone', message: (e as Error).message });
    }
  });
  if (parsed.length === 0) {
    throw new RolloutError('invalid_input', `all ${arrivals.length} arrival(s) are bad, none recorded`, {
      errors: rejected,
    });
  }
  const link = installLink(options.installBaseUrl, options.districtCode);
  const textFor = (phone: string) =>
    (isVietnamesePhone(phone) ? WELCOME_TEXT : WELCOME_TEXT_INTERNATIONAL)
      .replaceAll('{district}', options.districtName)
      .replaceAll('{link}', link);
  let welcomes = 0;
  for (const a of [...parsed].sort((x, y) => x.arrivedAt - y.arrivedAt)) {
    await db.transaction().execute(async (trx) => {
      const stay = await getTouristStay(trx, a.phone);
      let stayStart: number;
      if (!stay || a.arrivedAt - stay.lastArrivalAt > STAY_GAP_DAYS * DAY_MS) {
        stayStart = a.arrivedAt;
        await startTouristStay(trx, a.phone, stayStart);
      } else {
        stayStart = stay.stayStartedAt;
        if (a.arrivedAt > stay.lastArrivalAt) await extendTouristStay(trx, a.phone, a.arrivedAt);
      }
      const res = await enqueueMessage(trx, clock, {
        kind: 'welcome',
        channel: 'sms',
        phone: a.phone,
        text: textFor(a.phone),
        dedupeKey: `welcome:${a.phone}:${stayStart}`,
        // A welcome held back (quiet hours, per-phone cap) is pointless once the visit is old.
        expiresAt: Math.max(a.arrivedAt, clock.now()) + WELCOME_VALIDITY_MS,
      });
      if (res.created) welcomes++;
    });
  }
  return {
    arrivals: parsed.length,
    welcomes,
    international: parsed.filter((a) => !isVietnamesePhone(a.phone)).length,
    rejected,
  };
}
