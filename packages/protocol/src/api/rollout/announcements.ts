/**
 * Broadcast announcements (order 7): scripts for commune loudspeakers, district radio/TV and
 * advertising screens, each with a repeat schedule; scripts are edited and retired (never
 * deleted: the broadcast log points at them); the broadcast log records, per commune
 * loudspeaker or station, each scheduled broadcast aired or missed and who reported it; and the
 * spoken WAV for loudspeakers.
 */
import * as z from 'zod/mini';
import { endpoint } from '../endpoint';
import { ANNOUNCEMENT_CHANNELS, BROADCAST_OUTCOMES } from '../vocabulary';

export {
  ANNOUNCEMENT_CHANNELS,
  type AnnouncementChannel,
  BROADCAST_OUTCOMES,
  type BroadcastOutcome,
} from '../vocabulary';

const text = (max: number) => z.string().check(z.trim(), z.minLength(1), z.maxLength(max));
const isoTime = z.iso.datetime({ offset: true });
/** Cron rule (5 fields) in district time. */
const cronRule = z.string().check(z.minLength(1), z.maxLength(100));

export const announcementRequest = z.object({
  unitCode: z.string().check(z.minLength(1), z.maxLength(32)),
  channel: z.enum(ANNOUNCEMENT_CHANNELS),
  title: text(200),
  text: text(5000),
  repeat: cronRule,
});

/** An edit: any of the script's wording, channel and schedule; its unit stays. */
export const announcementEdit = z.strictObject({
  channel: z.optional(z.enum(ANNOUNCEMENT_CHANNELS)),
  title: z.optional(text(200)),
  text: z.optional(text(5000)),
  repeat: z.optional(cronRule),
});

export const announcement = z.extend(announcementRequest, {
  id: z.number(),
  /** When the script was retired (ISO time); null while it is broadcast. */
  retiredAt: z.nullable(z.string()),
  updatedAt: z.nullable(z.string()),
});

export const listAnnouncements = endpoint({
  method: 'GET',
  path: '/api/rollout/announcements',
  response: z.object({
    /** Retired scripts too (their nextBroadcasts empty), so the log's entries keep a title. */
    announcements: z.array(z.extend(announcement, { nextBroadcasts: z.array(z.string()) })),
  }),
});

export const createAnnouncement = endpoint({
  method: 'POST',
  path: '/api/rollout/announcements',
  request: announcementRequest,
  response: announcement,
});

/** Edits a script still in use (409 announcement_retired once retired). */
export const updateAnnouncement = endpoint({
  method: 'PATCH',
  path: '/api/rollout/announcements/:id',
  request: announcementEdit,
  response: announcement,
});

/** Retires a script: no more broadcasts are scheduled; its log stays. */
export const retireAnnouncement = endpoint({
  method: 'POST',
  path: '/api/rollout/announcements/:id/retire',
  response: announcement,
});

/** The announcement spoken by espeak-ng, for loudspeakers. */
export const announcementAudio = endpoint({
  method: 'GET',
  path: '/api/rollout/announcements/:id/audio.wav',
  produces: 'audio/wav',
});

export const broadcastRequest = z.strictObject({
  /** The commune (or village, town) whose loudspeaker or station it is. */
  unitCode: z.string().check(z.minLength(1), z.maxLength(32)),
  /** The loudspeaker or station as the commune names it ("Loa thôn 3", "Đài xã"). */
  station: text(120),
  /** The scheduled broadcast this report is about (ISO time, not in the future). */
  scheduledAt: isoTime,
  outcome: z.enum(BROADCAST_OUTCOMES),
  /** Why it was missed (power cut, loudspeaker broken…); only with `missed`. */
  reason: z.optional(text(500)),
});

export const broadcast = z.object({
  id: z.number(),
  announcementId: z.number(),
  title: z.string(),
  channel: z.enum(ANNOUNCEMENT_CHANNELS),
  unitCode: z.string(),
  unitName: z.string(),
  station: z.string(),
  scheduledAt: z.string(),
  outcome: z.enum(BROADCAST_OUTCOMES),
  reason: z.nullable(z.string()),
  /** Who reported it: the signed-in user or the key, as the server knows them. */
  recordedBy: z.string(),
  recordedAt: z.string(),
});

/** Records one scheduled broadcast as aired or missed (409 conflict when that slot is already logged). */
export const recordBroadcast = endpoint({
  method: 'POST',
  path: '/api/rollout/announcements/:id/broadcasts',
  request: broadcastRequest,
  response: broadcast,
});

/** The broadcast log in the caller's units, newest first, with aired and missed counts. */
export const listBroadcasts = endpoint({
  method: 'GET',
  path: '/api/rollout/broadcasts',
  /** `announcement`: one script's log; `unit`: a subtree; `limit`: 1–1000 entries (default 200). */
  query: z.object({
    announcement: z.optional(z.string()),
    unit: z.optional(z.string()),
    limit: z.optional(z.string()),
  }),
  response: z.object({
    broadcasts: z.array(broadcast),
    aired: z.number(),
    missed: z.number(),
  }),
});

export type NewAnnouncement = z.infer<typeof announcementRequest>;
export type AnnouncementEdit = z.infer<typeof announcementEdit>;
export type Announcement = z.infer<typeof announcement>;
export type BroadcastRequest = z.infer<typeof broadcastRequest>;
export type Broadcast = z.infer<typeof broadcast>;
