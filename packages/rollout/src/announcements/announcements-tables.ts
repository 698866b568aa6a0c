/** Tables of announcements: broadcast scripts (migration 0002, edits and retirement 0040) and the broadcast log (0040). */
import type { Generated } from 'kysely';

export interface RolloutAnnouncementTable {
  id: Generated<number>;
  unit_code: string;
  channel: string;
  title: string;
  text: string;
  repeat_cron: string;
  created_at: number;
  /** Last edit; null when never edited (or before migration 0040). */
  updated_at: number | null;
  /** Retired scripts schedule nothing more; kept for the log that points at them. */
  retired_at: number | null;
}

/**
 * One scheduled broadcast as a commune's loudspeaker or station reported it: aired or missed,
 * and who reported it (a staff member's name or a key's label — no resident's data). One entry
 * per script, unit, station and scheduled time (a unique index): a report is never counted twice.
 */
export interface RolloutBroadcastTable {
  id: Generated<number>;
  announcement_id: number;
  unit_code: string;
  station: string;
  scheduled_at: number;
  /** aired | missed */
  outcome: string;
  reason: string | null;
  recorded_by: string;
  recorded_at: number;
}

export type AnnouncementsTables = {
  rollout_announcement: RolloutAnnouncementTable;
  rollout_broadcast: RolloutBroadcastTable;
};
