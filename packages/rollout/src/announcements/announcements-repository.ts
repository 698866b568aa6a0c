/** Storage of broadcast announcement scripts, and the illustrative ones a demo district starts with. */
import type { Clock } from '@bluezone/server';
import type { RolloutDb } from '../rollout-db';
import { RolloutError } from '../rollout-error';
import { getUnit, listUnits } from '../units/units-repository';
import {
  type Announcement,
  type AnnouncementChannel,
  DEFAULT_ANNOUNCEMENTS,
  type NewAnnouncement,
  validateAnnouncement,
} from './announcement';

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
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: Number(row.id), ...a };
}

export async function listAnnouncements(db: RolloutDb): Promise<Announcement[]> {
  const rows = await db.selectFrom('rollout_announcement').selectAll().orderBy('id').execute();
  return rows.map((r) => ({
    id: Number(r.id),
    unitCode: r.unit_code,
    channel: r.channel as AnnouncementChannel,
    title: r.title,
    text: r.text,
    repeat: r.repeat_cron,
  }));
}

export async function getAnnouncement(db: RolloutDb, id: number): Promise<Announcement> {
  const found = (await listAnnouncements(db)).find((a) => a.id === id);
  if (!found) throw new RolloutError('not_found', `no announcement script ${id}`);
  return found;
}

/** Loads the illustrative scripts when there are none and the demo district (483) exists. */
export async function seedAnnouncementsIfEmpty(db: RolloutDb, clock: Clock): Promise<number> {
  if ((await listAnnouncements(db)).length > 0) return 0;
  if (!(await listUnits(db)).some((u) => u.code === '483')) return 0;
  for (const a of DEFAULT_ANNOUNCEMENTS) await createAnnouncement(db, clock, a);
  return DEFAULT_ANNOUNCEMENTS.length;
}
