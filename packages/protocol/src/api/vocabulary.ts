/**
 * The closed vocabularies of the HTTP API: every enumeration a request or an answer uses, as
 * plain lists. No zod in this file: a page that needs a list at runtime (a role picker, the test
 * types) imports strings, not schemas (`.check()` calls keep a schema in a bundle once its module
 * is in). The area files (key-server.ts, accounts.ts, rollout/*) build their schemas on these and
 * re-export them.
 */

/** Test types health staff issue codes for (Google's `testType`). */
export const TEST_TYPES = ['confirmed', 'likely', 'negative'] as const;
export type TestType = (typeof TEST_TYPES)[number];

/**
 * What became of a code health staff issued (the health console's list): still usable, used by a
 * phone, past its expiry, or revoked by staff.
 */
export const ISSUED_CODE_STATUSES = ['issued', 'used', 'expired', 'revoked'] as const;
export type IssuedCodeStatus = (typeof ISSUED_CODE_STATUSES)[number];

/** Roles of API keys: `admin` for health staff's programs, `device` for the apps. */
export const API_KEY_ROLES = ['admin', 'device'] as const;
export type ApiKeyRole = (typeof API_KEY_ROLES)[number];

/**
 * Roles of web users. District-wide roles see the whole district; unit-scoped roles
 * (unit_manager, gatekeeper) carry the unit code whose subtree they work in.
 */
export const USER_ROLES = ['admin', 'district', 'health_staff', 'unit_manager', 'gatekeeper'] as const;
export type UserRole = (typeof USER_ROLES)[number];

export const AREA_KINDS = ['district', 'commune', 'town', 'village'] as const;
export const ORGANISATION_KINDS = ['agency', 'school', 'business', 'youth_union', 'telecom', 'health'] as const;
export const UNIT_KINDS = [...AREA_KINDS, ...ORGANISATION_KINDS] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

export const TARGET_GROUPS = ['residents', 'staff', 'students', 'customers'] as const;
export type TargetGroup = (typeof TARGET_GROUPS)[number];

export const ROSTER_STATUSES = ['unconfirmed', 'installed', 'not_installed', 'exempt'] as const;
export type RosterStatus = (typeof ROSTER_STATUSES)[number];

export const REPORT_FORMATS = ['csv', 'xlsx', 'json'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export const DIRECTIONS = ['entry', 'exit'] as const;
export type Direction = (typeof DIRECTIONS)[number];
export const SCAN_RESULTS = ['active', 'inactive', 'no_app'] as const;
export type ScanResult = (typeof SCAN_RESULTS)[number];

export const AUDIENCES = ['contacts', 'roster', 'arrivals'] as const;
export type Audience = (typeof AUDIENCES)[number];
export const CAMPAIGN_CHANNELS = ['sms', 'zalo'] as const;
export type CampaignChannel = (typeof CAMPAIGN_CHANNELS)[number];
export const CAMPAIGN_STATUSES = ['pending_approval', 'rejected', 'active', 'done'] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

export const ANNOUNCEMENT_CHANNELS = ['loudspeaker', 'radio_tv', 'screen'] as const;
export type AnnouncementChannel = (typeof ANNOUNCEMENT_CHANNELS)[number];
/** What a commune loudspeaker or station reports of a scheduled broadcast (the broadcast log). */
export const BROADCAST_OUTCOMES = ['aired', 'missed'] as const;
export type BroadcastOutcome = (typeof BROADCAST_OUTCOMES)[number];

/** Media partners selling ad time (order 8): radio, TV, online. */
export const MEDIA_KINDS = ['radio', 'tv', 'online'] as const;
export type MediaKind = (typeof MEDIA_KINDS)[number];
/** A booked slot: waiting, confirmed aired or missed by the partner, or cancelled before it aired. */
export const MEDIA_SLOT_STATUSES = ['booked', 'aired', 'missed', 'cancelled'] as const;
export type MediaSlotStatus = (typeof MEDIA_SLOT_STATUSES)[number];

export const POSTER_SIZES = ['A4', 'A3'] as const;
export type PosterSize = (typeof POSTER_SIZES)[number];

/** Which units a list shows besides the active ones (rollout units, coverage). */
export const ARCHIVED_FILTERS = ['include', 'only'] as const;
export type ArchivedFilter = (typeof ARCHIVED_FILTERS)[number];

/**
 * Who brought an install in, apart from where the person lives: an organisation or business
 * whose QR was scanned (`unit`), a relative's invite (`relative`), a Youth Union drive
 * volunteer's invite (`volunteer`).
 */
export const BROUGHT_IN_KINDS = ['unit', 'relative', 'volunteer'] as const;
export type BroughtInKind = (typeof BROUGHT_IN_KINDS)[number];

/** A business's window sticker: A5 for a door or window, A6 for a counter. */
export const STICKER_SIZES = ['A5', 'A6'] as const;
export type StickerSize = (typeof STICKER_SIZES)[number];
