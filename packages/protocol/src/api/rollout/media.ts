/**
 * Media ad time (order 8): media partners (radio, TV, online) the district buys ad time from;
 * slots booked with a partner for a script (an announcement), each at a date and time, with its
 * cost and the reach the partner expects; the partner's confirmation that a slot aired (or was
 * missed); and planned vs aired per week as JSON, CSV or XLSX.
 */
import * as z from 'zod/mini';
import { endpoint } from '../endpoint';
import { MEDIA_KINDS, MEDIA_SLOT_STATUSES, REPORT_FORMATS } from '../vocabulary';

export { MEDIA_KINDS, MEDIA_SLOT_STATUSES, type MediaKind, type MediaSlotStatus } from '../vocabulary';

const text = (max: number) => z.string().check(z.trim(), z.minLength(1), z.maxLength(max));
const isoTime = z.iso.datetime({ offset: true });
const count = z.number().check(z.int(), z.minimum(0), z.maximum(1_000_000_000));

export const partnerRequest = z.strictObject({
  /** The unit that books with it (usually the district). */
  unitCode: z.string().check(z.minLength(1), z.maxLength(32)),
  name: text(200),
  kind: z.enum(MEDIA_KINDS),
  /** Who to call or write to at the partner (a name, a phone, an e-mail); optional. */
  contact: z.optional(text(200)),
});

export const partner = z.object({
  id: z.number(),
  unitCode: z.string(),
  name: z.string(),
  kind: z.enum(MEDIA_KINDS),
  contact: z.nullable(z.string()),
  createdAt: z.string(),
});

export const listPartners = endpoint({
  method: 'GET',
  path: '/api/rollout/media/partners',
  response: z.object({ partners: z.array(partner) }),
});

export const createPartner = endpoint({
  method: 'POST',
  path: '/api/rollout/media/partners',
  request: partnerRequest,
  response: partner,
});

/** Books one slot per time in `times`, all for the same script, cost and expected reach. */
export const bookingRequest = z.strictObject({
  partnerId: z.number().check(z.int(), z.positive()),
  /** The script it airs (an announcement of the partner's unit or above it). */
  announcementId: z.number().check(z.int(), z.positive()),
  /** When each slot airs (ISO times, in the future). */
  times: z.array(isoTime).check(z.minLength(1), z.maxLength(200)),
  /** Length of the spot in seconds. */
  durationSeconds: z.number().check(z.int(), z.minimum(1), z.maximum(3600)),
  /** Cost of each slot in whole đồng. */
  costVnd: count,
  /** People the partner expects each slot to reach. */
  expectedReach: count,
});

export const slot = z.object({
  id: z.number(),
  partnerId: z.number(),
  partnerName: z.string(),
  partnerKind: z.enum(MEDIA_KINDS),
  announcementId: z.number(),
  title: z.string(),
  unitCode: z.string(),
  airsAt: z.string(),
  durationSeconds: z.number(),
  costVnd: z.number(),
  expectedReach: z.number(),
  status: z.enum(MEDIA_SLOT_STATUSES),
  /** The partner's confirmation: when it aired, the reach it measured (null: not given), who recorded it. */
  airedAt: z.nullable(z.string()),
  reportedReach: z.nullable(z.number()),
  note: z.nullable(z.string()),
  confirmedBy: z.nullable(z.string()),
  bookedBy: z.string(),
});

export const bookSlots = endpoint({
  method: 'POST',
  path: '/api/rollout/media/slots',
  request: bookingRequest,
  response: z.object({ slots: z.array(slot) }),
});

export const listSlots = endpoint({
  method: 'GET',
  path: '/api/rollout/media/slots',
  /** `partner`: one partner's slots; `status`: one status. */
  query: z.object({ partner: z.optional(z.string()), status: z.optional(z.enum(MEDIA_SLOT_STATUSES)) }),
  response: z.object({ slots: z.array(slot) }),
});

export const confirmationRequest = z.strictObject({
  outcome: z.enum(['aired', 'missed']),
  /** When it really aired (default: its booked time); not in the future. */
  airedAt: z.optional(isoTime),
  /** The reach the partner reports for it, when it does. */
  reportedReach: z.optional(count),
  note: z.optional(text(500)),
});

/**
 * The partner's word on a booked slot: aired or missed. Only once its time has come (409
 * broadcast_in_future before), once per slot (409 conflict after).
 */
export const confirmSlot = endpoint({
  method: 'POST',
  path: '/api/rollout/media/slots/:id/confirm',
  request: confirmationRequest,
  response: slot,
});

/** Cancels a slot not yet aired or confirmed (409 conflict otherwise). */
export const cancelSlot = endpoint({
  method: 'POST',
  path: '/api/rollout/media/slots/:id/cancel',
  response: slot,
});

/** One district week (Monday to Sunday, Asia/Ho_Chi_Minh): what was booked and what aired. */
export const mediaWeek = z.object({
  /** The Monday (YYYY-MM-DD) the week starts on. */
  week: z.string(),
  /** Slots booked to air that week (not cancelled). */
  planned: z.number(),
  aired: z.number(),
  missed: z.number(),
  /** Slots whose time passed with no confirmation yet. */
  unconfirmed: z.number(),
  plannedCostVnd: z.number(),
  airedCostVnd: z.number(),
  plannedReach: z.number(),
  /** Reach of the aired slots: the partner's reported figure, else the expected one. */
  airedReach: z.number(),
});

export const mediaReport = z.object({
  unitCode: z.string(),
  weeks: z.array(mediaWeek),
  /** The same figures per partner over all weeks. */
  partners: z.array(z.extend(mediaWeek, { partnerId: z.number(), partnerName: z.string(), kind: z.enum(MEDIA_KINDS) })),
});

/** Planned vs aired per week; `format` json (default), csv (the weeks) or xlsx (weeks and partners). */
export const mediaReportFile = endpoint({
  method: 'GET',
  path: '/api/rollout/media/report',
  query: z.object({ format: z.optional(z.enum(REPORT_FORMATS)), unit: z.optional(z.string()) }),
  response: mediaReport,
  produces: 'application/json, text/csv or application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
});

export type PartnerRequest = z.infer<typeof partnerRequest>;
export type Partner = z.infer<typeof partner>;
export type BookingRequest = z.infer<typeof bookingRequest>;
export type Slot = z.infer<typeof slot>;
export type ConfirmationRequest = z.infer<typeof confirmationRequest>;
export type MediaWeek = z.infer<typeof mediaWeek>;
export type MediaReport = z.infer<typeof mediaReport>;
