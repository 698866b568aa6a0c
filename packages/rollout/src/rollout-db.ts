/**
 * The toolkit's tables, as each capability types them (`<capability>-tables.ts`), and the
 * Kysely handle its repositories take first. Times are integer milliseconds.
 */
import type { Database } from '@bluezone/server';
import type { Kysely } from 'kysely';
import type { AccessTables } from './access/access-tables';
import type { AnnouncementsTables } from './announcements/announcements-tables';
import type { CampaignsTables } from './campaigns/campaigns-tables';
import type { CheckpointsTables } from './checkpoints/checkpoints-tables';
import type { CoverageTables } from './coverage/coverage-tables';
import type { DrivesTables } from './drives/drives-tables';
import type { MapsTables } from './maps/maps-tables';
import type { MediaTables } from './media/media-tables';
import type { MessagingTables } from './messaging/messaging-tables';
import type { PostersTables } from './posters/posters-tables';
import type { UnitsTables } from './units/units-tables';

export type RolloutTables = UnitsTables &
  CoverageTables &
  DrivesTables &
  AccessTables &
  PostersTables &
  AnnouncementsTables &
  CheckpointsTables &
  MessagingTables &
  CampaignsTables &
  MapsTables &
  MediaTables;

export type RolloutDb = Kysely<RolloutTables>;

export function rolloutDb(database: Database): RolloutDb {
  return database.db.withTables<RolloutTables>() as unknown as RolloutDb;
}
