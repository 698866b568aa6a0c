/** Tables of announcements: broadcast scripts (migration 0002). */
import type { Generated } from 'kysely';

export interface RolloutAnnouncementTable {
  id: Generated<number>;
  unit_code: string;
  channel: string;
  title: string;
  text: string;
  repeat_cron: string;
  created_at: number;
}

export type AnnouncementsTables = {
  rollout_announcement: RolloutAnnouncementTable;
};
