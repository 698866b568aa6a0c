/**
 * Media ad time (order 8): partners the district buys ad time from (radio, TV, online), slots
 * booked with them for a script (an announcement), and the partner's confirmation that each
 * slot aired or was missed. A booking is all or nothing: every time is checked (in the future,
 * no repeats) and the script must be in use and concern the partner's unit before any slot is saved.
 */
import { mediaApi } from '@bluezone/protocol/api';
import type { Clock } from '@bluezone/server';
import type { Announcement } from '../announcements/announcement';
import { getAnnouncement, listAnnouncements } from '../announcements/announcements-repository';
import type { RolloutDb } from '../rollout-db';
import { RolloutError } from '../rollout-error';
import { subtreeCodes, type Unit } from '../units/unit';
import { getUnit } from '../units/units-repository';
import {
  getPartnerRow,
  getSlotRow,
  insertPartner,
  insertSlots,
  listPartnerRows,
  listSlotRows,
  type PartnerRow,
  type SlotRow,
  settleSlot,
} from './media-repository';

export type Partner = mediaApi.Partner;
export type Slot = mediaApi.Slot;
export type BookingRequest = mediaApi.BookingRequest;
export type ConfirmationRequest = mediaApi.ConfirmationRequest;
export type MediaKind = mediaApi.MediaKind;
export const MEDIA_KINDS = mediaApi.MEDIA_KINDS;

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(Number(ms)).toISOString());

export function toPartner(r: PartnerRow): Partner {
  return {
    id: Number(r.id),
    unitCode: r.unit_code,
    name: r.name,
    kind: r.kind as mediaApi.MediaKind,
    contact: r.contact,
    createdAt: new Date(Number(r.created_at)).toISOString(),
  };
}

export function toSlot(r: SlotRow, partners: readonly PartnerRow[], scripts: readonly Announcement[]): Slot {
  const partner = partners.find((p) => Number(p.id) === Number(r.partner_id));
  const script = scripts.find((a) => a.id === Number(r.announcement_id));
  return {
    id: Number(r.id),
    partnerId: Number(r.partner_id),
    partnerName: partner?.name ?? '',
    partnerKind: (partner?.kind ?? 'radio') as mediaApi.MediaKind,
    announcementId: Number(r.announcement_id),
    title: script?.title ?? '',
    unitCode: partner?.unit_code ?? '',
    airsAt: new Date(Number(r.airs_at)).toISOString(),
    durationSeconds: Number(r.duration_seconds),
    costVnd: Number(r.cost_vnd),
    expectedReach: Number(r.expected_reach),
    status: r.status as mediaApi.MediaSlotStatus,
    airedAt: iso(r.aired_at),
    reportedReach: r.reported_reach === null ? null : Number(r.reported_reach),
    note: r.note,
    confirmedBy: r.confirmed_by,
    bookedBy: r.booked_by,
  };
}

export async function createPartner(db: RolloutDb, clock: Clock, input: mediaApi.PartnerRequest): Promise<Partner> {
  await getUnit(db, input.unitCode);
  const id = await insertPartner(db, {
    unit_code: input.unitCode,
    name: input.name,
    kind: input.kind,
    contact: input.contact ?? null,
    created_at: clock.now(),
  });
  return toPartner(await getPartnerRow(db, id));
}

/** Partners whose unit is in `visible` (all when undefined). */
export async function listPartners(db: RolloutDb, visible?: ReadonlySet<string>): Promise<Partner[]> {
  return (await listPartnerRows(db)).filter((p) => !visible || visible.has(p.unit_code)).map(toPartner);
}

/** Slots as the API shows them, of the given partners. */
export async function slotsOf(
  db: RolloutDb,
  filter: { partnerIds?: readonly number[]; status?: string; ids?: readonly number[] },
): Promise<Slot[]> {
  const [rows, partners, scripts] = await Promise.all([
    listSlotRows(db, filter),
    listPartnerRows(db),
    listAnnouncements(db),
  ]);
  return rows.map((r) => toSlot(r, partners, scripts));
}

/** Whether a script concerns a partner's unit: booked by the unit it belongs to, one above it, or one under it. */
function scriptConcerns(script: Announcement, partnerUnit: string, units: readonly Unit[]): boolean {
  return subtreeCodes(script.unitCode, units).has(partnerUnit) || subtreeCodes(partnerUnit, units).has(script.unitCode);
}

export async function bookSlots(
  db: RolloutDb,
  clock: Clock,
  input: mediaApi.BookingRequest,
  bookedBy: string,
  units: readonly Unit[],
): Promise<Slot[]> {
  const partner = await getPartnerRow(db, input.partnerId);
  const script = await getAnnouncement(db, input.announcementId);
  if (script.retiredAt !== null)
    throw new RolloutError('announcement_retired', `script ${script.id} was retired at ${script.retiredAt}`);
  if (!scriptConcerns(script, partner.unit_code, units)) {
    throw new RolloutError(
      'invalid_input',
      `script ${script.id} (unit ${script.unitCode}) is not for ${partner.unit_code}`,
      {
        errors: [{ field: 'announcementId', code: 'invalid_input', message: 'the script is for another unit' }],
      },
    );
  }
  const now = clock.now();
  const errors: { index: number; field: string; code: string; message: string }[] = [];
  const seen = new Set<number>();
  const times = input.times.map((t, index) => {
    const at = Date.parse(t);
    if (at <= now) errors.push({ index, field: 'times', code: 'schedule_in_past', message: `${t} is already past` });
    else if (seen.has(at))
      errors.push({ index, field: 'times', code: 'invalid_input', message: `${t} is listed twice` });
    seen.add(at);
    return at;
  });
  if (errors.length > 0) {
    const past = errors.every((e) => e.code === 'schedule_in_past');
    throw new RolloutError(
      past ? 'schedule_in_past' : 'invalid_input',
      `${errors.length} bad slot time(s), none booked`,
      {
        errors,
      },
    );
  }
  const ids = await insertSlots(
    db,
    times.map((at) => ({
      partner_id: Number(partner.id),
      announcement_id: script.id,
      airs_at: at,
      duration_seconds: input.durationSeconds,
      cost_vnd: input.costVnd,
      expected_reach: input.expectedReach,
      status: 'booked',
      aired_at: null,
      reported_reach: null,
      note: null,
      confirmed_by: null,
      confirmed_at: null,
      booked_by: bookedBy,
      booked_at: now,
    })),
  );
  return slotsOf(db, { ids });
}

/**
 * The partner's word on a slot: aired (when, the reach it measured) or missed. Not before the
 * slot's time (broadcast_in_future), once (conflict).
 */
export async function confirmSlot(
  db: RolloutDb,
  clock: Clock,
  id: number,
  input: mediaApi.ConfirmationRequest,
  confirmedBy: string,
): Promise<Slot> {
  const slot = await getSlotRow(db, id);
  const now = clock.now();
  if (Number(slot.airs_at) > now) {
    throw new RolloutError(
      'broadcast_in_future',
      `slot ${id} airs at ${new Date(Number(slot.airs_at)).toISOString()}; confirm it after that`,
    );
  }
  if (slot.status !== 'booked') throw new RolloutError('conflict', `media slot ${id} is ${slot.status}, not booked`);
  const airedAt = input.airedAt === undefined ? Number(slot.airs_at) : Date.parse(input.airedAt);
  if (input.outcome === 'missed' && (input.airedAt !== undefined || input.reportedReach !== undefined)) {
    throw new RolloutError('invalid_input', 'a missed slot has no airing time or reach', {
      errors: [
        {
          field: input.airedAt !== undefined ? 'airedAt' : 'reportedReach',
          code: 'invalid_input',
          message: 'only for outcome "aired"',
        },
      ],
    });
  }
  if (airedAt > now) {
    throw new RolloutError('invalid_input', 'airedAt is in the future', {
      errors: [{ field: 'airedAt', code: 'broadcast_in_future', message: `${input.airedAt} has not happened yet` }],
    });
  }
  await settleSlot(db, id, {
    status: input.outcome,
    aired_at: input.outcome === 'aired' ? airedAt : null,
    reported_reach: input.reportedReach ?? null,
    note: input.note ?? null,
    confirmed_by: confirmedBy,
    confirmed_at: now,
  });
  const [out] = await slotsOf(db, { ids: [id] });
  if (!out) throw new RolloutError('not_found', `no media slot ${id}`);
  return out;
}

/** Cancels a slot still booked whose time has not come (conflict otherwise). */
export async function cancelSlot(db: RolloutDb, clock: Clock, id: number, by: string): Promise<Slot> {
  const slot = await getSlotRow(db, id);
  if (Number(slot.airs_at) <= clock.now())
    throw new RolloutError(
      'conflict',
      `media slot ${id} was due at ${new Date(Number(slot.airs_at)).toISOString()}: confirm it aired or missed`,
    );
  await settleSlot(db, id, { status: 'cancelled', confirmed_by: by, confirmed_at: clock.now() });
  const [out] = await slotsOf(db, { ids: [id] });
  if (!out) throw new RolloutError('not_found', `no media slot ${id}`);
  return out;
}
