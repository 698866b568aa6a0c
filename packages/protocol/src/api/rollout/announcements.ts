/**
 * Broadcast announcements: scripts for commune loudspeakers, district radio/TV and advertising
 * screens, each with a repeat schedule, and the spoken WAV for loudspeakers.
 */
import * as z from 'zod/mini';
import { endpoint } from '../endpoint';
import { ANNOUNCEMENT_CHANNELS } from '../vocabulary';

export { ANNOUNCEMENT_CHANNELS, type AnnouncementChannel } from '../vocabulary';

export const announcementRequest = z.object({
  unitCode: z.string().check(z.minLength(1), z.maxLength(32)),
  channel: z.enum(ANNOUNCEMENT_CHANNELS),
  title: z.string().check(z.minLength(1), z.maxLength(200)),
  text: z.string().check(z.minLength(1), z.maxLength(5000)),
  /** Cron rule (5 fields) in district time. */
  repeat: z.string().check(z.minLength(1), z.maxLength(100)),
});

export const announcement = z.extend(announcementRequest, { id: z.number() });

export const listAnnouncements = endpoint({
  method: 'GET',
  path: '/api/rollout/announcements',
  response: z.object({
    announcements: z.array(z.extend(announcement, { nextBroadcasts: z.array(z.string()) })),
  }),
});

export const createAnnouncement = endpoint({
  method: 'POST',
  path: '/api/rollout/announcements',
  request: announcementRequest,
  response: announcement,
});

/** The announcement spoken by espeak-ng, for loudspeakers. */
export const announcementAudio = endpoint({
  method: 'GET',
  path: '/api/rollout/announcements/:id/audio.wav',
  produces: 'audio/wav',
});

export type NewAnnouncement = z.infer<typeof announcementRequest>;
export type Announcement = z.infer<typeof announcement>;
