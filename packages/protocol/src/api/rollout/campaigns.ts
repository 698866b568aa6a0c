/**
 * Campaigns: scheduled SMS/Zalo messages to a unit's audience. Preview (recipients, a sample,
 * segments and cost) before creating; a non-admin's campaign waits for an admin's approval.
 */
import * as z from 'zod/mini';
import { endpoint } from '../endpoint';
import { AUDIENCES, CAMPAIGN_CHANNELS, CAMPAIGN_STATUSES } from '../vocabulary';

export {
  AUDIENCES,
  type Audience,
  CAMPAIGN_CHANNELS,
  CAMPAIGN_STATUSES,
  type CampaignChannel,
  type CampaignStatus,
} from '../vocabulary';

const hhmm = z.string().check(z.regex(/^\d{2}:\d{2}$/));
const isoTime = z.iso.datetime({ offset: true });

const campaignSchedule = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('once'), at: isoTime }),
  /** A cron rule in district time (Asia/Ho_Chi_Minh), until an optional end. */
  z.object({
    kind: z.literal('periodic'),
    cron: z.string().check(z.minLength(1), z.maxLength(100)),
    until: z.optional(isoTime),
  }),
]);

export const campaignRequest = z.object({
  unitCode: z.string().check(z.minLength(1), z.maxLength(32)),
  name: z.string().check(z.minLength(1), z.maxLength(200)),
  audience: z.enum(AUDIENCES),
  channel: z.enum(CAMPAIGN_CHANNELS),
  /** Text with `{placeholders}` the audience fills (name, link, …). */
  template: z.string().check(z.minLength(1), z.maxLength(1000)),
  zaloTemplateId: z.optional(z.string().check(z.minLength(1), z.maxLength(64))),
  schedule: campaignSchedule,
  quietHours: z.optional(z.object({ start: hhmm, end: hhmm })),
  frequencyCap: z.optional(
    z.object({
      max: z.number().check(z.int(), z.minimum(1), z.maximum(100)),
      windowHours: z.number().check(z.int(), z.minimum(1), z.maximum(24 * 30)),
    }),
  ),
  /**
   * How long after its run a message may still go out (default 48 h): one held back by quiet
   * hours or the per-phone cap past that is dropped and counted as `expired`, not postponed forever.
   */
  validityHours: z.optional(z.number().check(z.int(), z.minimum(1), z.maximum(24 * 30))),
  /**
   * A one-off time already past is refused (400 schedule_in_past) unless this is true: then the
   * campaign runs now. A periodic rule whose end is past is refused either way.
   */
  sendNowIfPast: z.optional(z.boolean()),
});

export const campaignPreview = z.object({
  recipients: z.number(),
  sample: z.nullable(z.string()),
  /** SMS only: segments and cost of the first run. */
  cost: z.nullable(
    z.object({
      messages: z.number(),
      segments: z.number(),
      /** Whole đồng: operators bill per segment. */
      costVnd: z.number(),
      pricePerSegmentVnd: z.number(),
    }),
  ),
  nextRuns: z.array(z.string()),
  /** Recipients the channel cannot reach (Zalo ZNS takes Vietnamese numbers only): left out. */
  unreachable: z.number(),
});

export const previewCampaign = endpoint({
  method: 'POST',
  path: '/api/rollout/campaigns/preview',
  request: campaignRequest,
  response: campaignPreview,
});

export const createCampaign = endpoint({
  method: 'POST',
  path: '/api/rollout/campaigns',
  request: campaignRequest,
  response: z.object({ id: z.number(), status: z.enum(CAMPAIGN_STATUSES), nextRunAt: z.nullable(z.string()) }),
});

export const approveCampaign = endpoint({
  method: 'POST',
  path: '/api/rollout/campaigns/:id/approve',
  response: z.object({ id: z.number(), status: z.enum(CAMPAIGN_STATUSES) }),
});

export const rejectCampaign = endpoint({
  method: 'POST',
  path: '/api/rollout/campaigns/:id/reject',
  request: z.object({ reason: z.string().check(z.minLength(1), z.maxLength(500)) }),
  response: z.object({ id: z.number(), status: z.literal('rejected') }),
});

export const campaignSummary = z.object({
  id: z.number(),
  unitCode: z.string(),
  name: z.string(),
  audience: z.enum(AUDIENCES),
  channel: z.enum(CAMPAIGN_CHANNELS),
  status: z.enum(CAMPAIGN_STATUSES),
  template: z.string(),
  createdBy: z.nullable(z.string()),
  approvedBy: z.nullable(z.string()),
  rejectedReason: z.nullable(z.string()),
  nextRunAt: z.nullable(z.string()),
  /** As it runs: a one-off time already past when created is the time it was sent. */
  schedule: campaignSchedule,
  validityHours: z.number(),
  /** How the campaign's messages fared so far. */
  messages: z.object({
    queued: z.number(),
    sent: z.number(),
    delivered: z.number(),
    failed: z.number(),
    suppressed: z.number(),
    /** Held back (quiet hours, per-phone cap) past their validity, and dropped. */
    expired: z.number(),
  }),
});

export const listCampaigns = endpoint({
  method: 'GET',
  path: '/api/rollout/campaigns',
  response: z.object({ campaigns: z.array(campaignSummary) }),
});

export type CampaignRequest = z.input<typeof campaignRequest>;
export type CampaignPreview = z.infer<typeof campaignPreview>;
export type CampaignSummary = z.infer<typeof campaignSummary>;
