/**
 * Tourist arrivals from the telecom partner: each phone gets the welcome SMS once per stay.
 * A stay is a run of arrivals with gaps under STAY_GAP_DAYS; the welcome is queued with the
 * key `welcome:<phone>:<stay start>`, so the partner may retry a webhook call safely.
 */
import type { Clock } from '@bluezone/server';
import type { RolloutDb } from '../rollout-db';
import { RolloutError } from '../rollout-error';
import { normalizeVnPhone } from '../shared/vn-phone';
import { installLink } from '../units/install-link';
import { extendTouristStay, getTouristStay, startTouristStay } from './messaging-repository';
import { enqueueMessage } from './outbox-repository';

export const STAY_GAP_DAYS = 3;
const DAY_MS = 86_400_000;

export const WELCOME_TEXT =
  'Chào mừng bạn đến {district}! Để bảo vệ mình và mọi người, hãy cài ứng dụng Bluezone: {link} . Trả lời TU CHOI để không nhận tin.';

export interface Arrival {
  phone: string;
  /** Milliseconds since the epoch. */
  arrivedAt: number;
}

/** Validates the whole batch first (every bad entry listed), then records it. */
export async function recordArrivals(
  db: RolloutDb,
  clock: Clock,
  options: { installBaseUrl: string; districtCode: string; districtName: string },
  arrivals: readonly { phone: string; arrivedAt: string }[],
): Promise<{ arrivals: number; welcomes: number }> {
  const errors: { index: number; message: string }[] = [];
  const parsed: Arrival[] = [];
  arrivals.forEach((a, index) => {
    const at = Date.parse(a.arrivedAt);
    if (Number.isNaN(at)) errors.push({ index, message: `arrivedAt "${a.arrivedAt}" is not an ISO 8601 time` });
    try {
      parsed.push({ phone: normalizeVnPhone(a.phone), arrivedAt: at });
    } catch (e) {
      errors.push({ index, message: (e as Error).message });
    }
  });
  if (errors.length > 0) {
    throw new RolloutError('invalid_input', `${errors.length} bad arrival(s), none recorded`, { errors });
  }
  const text = WELCOME_TEXT.replace('{district}', options.districtName).replace(
    '{link}',
    installLink(options.installBaseUrl, options.districtCode),
  );
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
        text,
        dedupeKey: `welcome:${a.phone}:${stayStart}`,
      });
      if (res.created) welcomes++;
    });
  }
  return { arrivals: parsed.length, welcomes };
}
