/**
 * Storage of broadcast announcement scripts (create, edit, retire), the broadcast log, and the
 * illustrative scripts a demo district starts with.
 */
import type { Clock } from '@bluezone/server';
import type { Selectable } from 'kysely';
import type { RolloutDb } from '../rollout-db';
import { RolloutError } from '../rollout-error';
import { getUnit, listUnits } from '../units/units-repository';
import {
  type Announcement,
  type AnnouncementChannel,
  type AnnouncementEdit,
  DEFAULT_ANNOUNCEMENTS,
  type NewAnnouncement,
  validateAnnouncement,
} from './announcement';
import type { RolloutAnnouncementTable, RolloutBroadcastTable } from './announcements-tables';

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(Number(ms)).toISOString());

function fromRow(r: Selectable<RolloutAnnouncementTable>): Announcement {
  return {
    id: Number(r.id),
    unitCode: r.unit_code,
    channel: r.channel as AnnouncementChannel,
    title: r.title,
    text: r.text,
    repeat: r.repeat_cron,
    retiredAt: iso(r.retired_at),
    updatedAt: iso(r.updated_at),
  };
}

export async function createAnnouncement(db: RolloutDb, clock: Clock, a: NewAnnouncement): Promise<Announcement> {
  validateAnnouncement(a);
  await getUnit(db, a.unitCode);
  const row = await db
    .insertInto('rollout_announcement')
    .values({
      unit_code: a.unitCode,
      channel: a.channel,
      title: a.title,
      text: a.text,
      repeat_cron: a.repeat,
      created_at: clock.now(),
      updated_at: null,
      retired_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return getAnnouncement(db, Number(row.id));
}

export async function listAnnouncements(db: RolloutDb): Promise<Announcement[]> {
  const rows = await db.selectFrom('rollout_announcement').selectAll().orderBy('id').execute();
  return rows.map(fromRow);
}

export async function getAnnouncement(db: RolloutDb, id: number): Promise<Announcement> {
  const row = await db.selectFrom('rollout_announcement').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new RolloutError('not_found', `no announcement script ${id}`);
  return fromRow(row);
}

/**
 * Changes a script's wording, channel or schedule (validated as a whole before anything is
 * written). A retired script is not edited: announcement_retired.
 */
export async function updateAnnouncement(
  db: RolloutDb,
  clock: Clock,
  id: number,
  edit: AnnouncementEdit,
): Promise<Announcement> {
  const current = await getAnnouncement(db, id);
  if (current.retiredAt !== null)
    throw new RolloutError('announcement_retired', `announcement script ${id} was retired at ${current.retiredAt}`);
  const next: NewAnnouncement = {
    unitCode: current.unitCode,
    channel: edit.channel ?? current.channel,
    title: edit.title ?? current.title,
    text: edit.text ?? current.text,
    repeat: edit.repeat ?? current.repeat,
  };
  validateAnnouncement(next);
  // Conditional on not retired: a retirement between the read and the write wins.
  const res = await db
    .updateTable('rollout_announcement')
    .set({
      channel: next.channel,
      title: next.title,
      text: next.text,
      repeat_cron: next.repeat,
      updated_at: clock.now(),
    })
    .where('id', '=', id)
    .where('retired_at', 'is', null)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1)
    throw new RolloutError('announcement_retired', `announcement script ${id} was retired meanwhile`);
  return getAnnouncement(db, id);
}

/** Retires a script once (conflict when it already is); its broadcast log stays. */
export async function retireAnnouncement(db: RolloutDb, clock: Clock, id: number): Promise<Announcement> {
  await getAnnouncement(db, id);
  const res = await db
    .updateTable('rollout_announcement')
    .set({ retired_at: clock.now() })
    .where('id', '=', id)
    .where('retired_at', 'is', null)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1)
    throw new RolloutError('conflict', `announcement script ${id} is already retired`);
  return getAnnouncement(db, id);
}

export type NewBroadcastRow = Omit<Selectable<RolloutBroadcastTable>, 'id'>;

/** Adds a log entry; conflict when that script's broadcast at that unit, station and time is logged already. */
export async function insertBroadcast(db: RolloutDb, row: NewBroadcastRow): Promise<number> {
  const res = await db
    .insertInto('rollout_broadcast')
    .values(row)
    .onConflict((oc) => oc.columns(['announcement_id', 'unit_code', 'station', 'scheduled_at']).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!res) {
    throw new RolloutError(
      'conflict',
      `the broadcast of ${new Date(row.scheduled_at).toISOString()} at ${row.station} is already logged`,
    );
  }
  return Number(res.id);
}

/** Log entries (newest scheduled first) in `unitCodes` (all when undefined), optionally of one script. */
export async function listBroadcastRows(
  db: RolloutDb,
  filter: { unitCodes?: readonly string[]; announcementId?: number; limit: number },
): Promise<Selectable<RolloutBroadcastTable>[]> {
  let q = db.selectFrom('rollout_broadcast').selectAll();
  if (filter.unitCodes) {
    if (filter.unitCodes.length === 0) return [];
    q = q.where('unit_code', 'in', [...filter.unitCodes]);
  }
  if (filter.announcementId !== undefined) q = q.where('announcement_id', '=', filter.announcementId);
  return q.orderBy('scheduled_at', 'desc').orderBy('id', 'desc').limit(filter.limit).execute();
}

/** Aired and missed entries in `unitCodes` (all when undefined), optionally of one script. */
export async function countBroadcasts(
  db: RolloutDb,
  filter: { unitCodes?: readonly string[]; announcementId?: number },
): Promise<{ aired: number; missed: number }> {
  let q = db
    .selectFrom('rollout_broadcast')
    .select('outcome')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .groupBy('outcome');
  if (filter.unitCodes) {
    if (filter.unitCodes.length === 0) return { aired: 0, missed: 0 };
    q = q.where('unit_code', 'in', [...filter.unitCodes]);
  }
  if (filter.announcementId !== undefined) q = q.where('announcement_id', '=', filter.announcementId);
  const rows = await q.execute();
  const of = (o: string) => Number(rows.find((r) => r.outcome === o)?.n ?? 0);
  return { aired: of('aired'), missed: of('missed') };
}

/** Loads the illustrative scripts when there are none and the demo district (483) exists. */
export async function seedAnnouncementsIfEmpty(db: RolloutDb, clock: Clock): Promise<number> {
  if ((await listAnnouncements(db)).length > 0) return 0;
  if (!(await listUnits(db)).some((u) => u.code === '483')) return 0;
  for (const a of DEFAULT_ANNOUNCEMENTS) await createAnnouncement(db, clock, a);
  return DEFAULT_ANNOUNCEMENTS.length;
}
