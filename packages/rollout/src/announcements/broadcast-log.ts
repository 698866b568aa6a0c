/**
 * The broadcast log (order 7): each scheduled broadcast of a script, as a commune's loudspeaker
 * or station reports it — aired or missed (with why), and who reported it. A report names the
 * unit whose loudspeaker it is (the script's unit or one under it: a district script airs on
 * every commune's loudspeakers) and comes after the broadcast's time, never before it.
 */
import type { announcementsApi } from '@bluezone/protocol/api';
import type { Clock } from '@bluezone/server';
import type { Selectable } from 'kysely';
import type { RolloutDb } from '../rollout-db';
import { RolloutError } from '../rollout-error';
import { subtreeCodes, type Unit } from '../units/unit';
import type { Announcement } from './announcement';
import { insertBroadcast } from './announcements-repository';
import type { RolloutBroadcastTable } from './announcements-tables';

export type Broadcast = announcementsApi.Broadcast;
export type BroadcastRequest = announcementsApi.BroadcastRequest;

export async function recordBroadcast(
  db: RolloutDb,
  clock: Clock,
  script: Announcement,
  input: BroadcastRequest,
  recordedBy: string,
  units: readonly Unit[],
): Promise<Broadcast> {
  const scheduledAt = Date.parse(input.scheduledAt);
  const now = clock.now();
  if (!subtreeCodes(script.unitCode, units).has(input.unitCode)) {
    throw new RolloutError('invalid_input', `unit ${input.unitCode} is not ${script.unitCode} or under it`, {
      errors: [{ field: 'unitCode', code: 'unknown_unit', message: `unit ${input.unitCode} does not air this script` }],
    });
  }
  if (scheduledAt > now) {
    throw new RolloutError(
      'broadcast_in_future',
      `the broadcast of ${new Date(scheduledAt).toISOString()} has not happened yet (server time ${new Date(now).toISOString()})`,
    );
  }
  if (script.retiredAt !== null && scheduledAt > Date.parse(script.retiredAt)) {
    throw new RolloutError('announcement_retired', `script ${script.id} was retired at ${script.retiredAt}`);
  }
  if (input.outcome === 'aired' && input.reason !== undefined) {
    throw new RolloutError('invalid_input', 'a reason is given only for a missed broadcast', {
      errors: [{ field: 'reason', code: 'invalid_input', message: 'reason goes with outcome "missed"' }],
    });
  }
  const row = {
    announcement_id: script.id,
    unit_code: input.unitCode,
    station: input.station,
    scheduled_at: scheduledAt,
    outcome: input.outcome,
    reason: input.reason ?? null,
    recorded_by: recordedBy,
    recorded_at: now,
  };
  const id = await insertBroadcast(db, row);
  return toBroadcast({ id, ...row }, [script], units);
}

/** A log row as the API shows it, with its script's title and channel and its unit's name. */
export function toBroadcast(
  r: Selectable<RolloutBroadcastTable>,
  scripts: readonly Announcement[],
  units: readonly Unit[],
): Broadcast {
  const script = scripts.find((a) => a.id === Number(r.announcement_id));
  return {
    id: Number(r.id),
    announcementId: Number(r.announcement_id),
    title: script?.title ?? '',
    channel: script?.channel ?? 'loudspeaker',
    unitCode: r.unit_code,
    unitName: units.find((u) => u.code === r.unit_code)?.name ?? r.unit_code,
    station: r.station,
    scheduledAt: new Date(Number(r.scheduled_at)).toISOString(),
    outcome: r.outcome === 'missed' ? 'missed' : 'aired',
    reason: r.reason,
    recordedBy: r.recorded_by,
    recordedAt: new Date(Number(r.recorded_at)).toISOString(),
  };
}
