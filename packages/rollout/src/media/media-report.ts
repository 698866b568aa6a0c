/**
 * Planned vs aired per week (order 8's report): per district week (Monday to Sunday in
 * Asia/Ho_Chi_Minh, UTC+7 all year) the slots booked to air that week, those the partners
 * confirmed aired or missed, those past their time with no word yet, their cost and reach; the
 * same per partner. Cancelled slots count nowhere. Weeks without a slot between the first and
 * the last are listed with zeros, so a chart shows the gaps.
 */
import type { mediaApi } from '@bluezone/protocol/api';
import type { Slot } from './media-booking';

export type MediaWeek = mediaApi.MediaWeek;
export type MediaReport = mediaApi.MediaReport;

const DAY_MS = 86_400_000;
const DISTRICT_OFFSET_MS = 7 * 3_600_000;

/** The Monday (YYYY-MM-DD, district time) of the week `ms` falls in. */
export function districtWeek(ms: number): string {
  const day = Math.floor((ms + DISTRICT_OFFSET_MS) / DAY_MS);
  // Day 0 (1970-01-01) was a Thursday: Monday-based weekday is (day + 3) mod 7.
  const monday = day - ((((day + 3) % 7) + 7) % 7);
  return new Date(monday * DAY_MS).toISOString().slice(0, 10);
}

function emptyWeek(week: string): MediaWeek {
  return {
    week,
    planned: 0,
    aired: 0,
    missed: 0,
    unconfirmed: 0,
    plannedCostVnd: 0,
    airedCostVnd: 0,
    plannedReach: 0,
    airedReach: 0,
  };
}

function add(w: MediaWeek, s: Slot, now: number): void {
  w.planned++;
  w.plannedCostVnd += s.costVnd;
  w.plannedReach += s.expectedReach;
  if (s.status === 'aired') {
    w.aired++;
    w.airedCostVnd += s.costVnd;
    w.airedReach += s.reportedReach ?? s.expectedReach;
  } else if (s.status === 'missed') w.missed++;
  else if (Date.parse(s.airsAt) <= now) w.unconfirmed++;
}

export function mediaReport(unitCode: string, slots: readonly Slot[], now: number): MediaReport {
  const counted = slots.filter((s) => s.status !== 'cancelled');
  const weeks = new Map<string, MediaWeek>();
  const partners = new Map<number, mediaApi.MediaReport['partners'][number]>();
  for (const s of counted) {
    const week = districtWeek(Date.parse(s.airsAt));
    const w = weeks.get(week) ?? emptyWeek(week);
    weeks.set(week, w);
    add(w, s, now);
    const p = partners.get(s.partnerId) ?? {
      ...emptyWeek(''),
      partnerId: s.partnerId,
      partnerName: s.partnerName,
      kind: s.partnerKind,
    };
    partners.set(s.partnerId, p);
    add(p, s, now);
  }
  const sorted = [...weeks.keys()].sort();
  const filled: MediaWeek[] = [];
  const first = sorted[0];
  const last = sorted[sorted.length - 1];
  if (first !== undefined && last !== undefined) {
    for (let t = Date.parse(`${first}T00:00:00Z`); t <= Date.parse(`${last}T00:00:00Z`); t += 7 * DAY_MS) {
      const week = new Date(t).toISOString().slice(0, 10);
      filled.push(weeks.get(week) ?? emptyWeek(week));
    }
  }
  return {
    unitCode,
    weeks: filled,
    partners: [...partners.values()].sort((a, b) => a.partnerId - b.partnerId),
  };
}
