/**
 * Tourist arrivals from the telecom partner: each phone gets the welcome SMS once per stay.
 * A stay is a run of arrivals with gaps under STAY_GAP_DAYS; the welcome is queued with the
 * key `welcome:<phone>:<stay start>`, so the partner may retry a webhook call safely.
 */
import type { Clock } from '../clock';
import { enqueueMessage } from './outbox';
import { installLink } from './poster-pdf';
import { RolloutError } from './rollout-error';
import type { RolloutDb } from './unit-repository';
import { normalizeVnPhone } from './vn-phone';

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
      const stay = await trx
        .selectFrom('rollout_tourist_stay')
        .selectAll()
        .where('phone', '=', a.phone)
        .executeTakeFirst();
      let stayStart: number;
      if (!stay || a.arrivedAt - Number(stay.last_arrival_at) > STAY_GAP_DAYS * DAY_MS) {
        stayStart = a.arrivedAt;
        await trx
          .insertInto('rollout_tourist_stay')
          .values({ phone: a.phone, stay_started_at: stayStart, last_arrival_at: a.arrivedAt })
          .onConflict((oc) =>
            oc.column('phone').doUpdateSet({ stay_started_at: stayStart, last_arrival_at: a.arrivedAt }),
          )
          .execute();
      } else {
        stayStart = Number(stay.stay_started_at);
        if (a.arrivedAt > Number(stay.last_arrival_at)) {
          await trx
            .updateTable('rollout_tourist_stay')
            .set({ last_arrival_at: a.arrivedAt })
            .where('phone', '=', a.phone)
            .execute();
        }
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
