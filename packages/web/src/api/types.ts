/** Shapes of the server's JSON responses the pages read (see packages/server/src). */
export type UserRole = 'admin' | 'district' | 'health_staff' | 'unit_manager' | 'gatekeeper';
export const USER_ROLES: readonly UserRole[] = ['admin', 'district', 'health_staff', 'unit_manager', 'gatekeeper'];

export interface User {
  id: number;
  username: string;
  displayName: string;
  role: UserRole;
  unitCode: string | null;
  locked: boolean;
  disabled: boolean;
  createdAt: string;
}

export interface SessionInfo {
  user: User;
  csrfToken: string;
}

export interface Unit {
  code: string;
  name: string;
  kind: string;
  parentCode: string | null;
  population: number;
  targetShare: number;
  personInCharge: string | null;
  contactPhone: string | null;
}

export interface UnitCoverage {
  code: string;
  name: string;
  kind: string;
  parentCode: string | null;
  population: number;
  targetShare: number;
  target: number;
  members: number;
  broughtIn: number;
  active: number;
  share: number;
  activeShare: number;
  belowTarget: boolean;
}

export interface CoverageReport {
  asOf: string;
  root: string;
  activeWindowDays: number;
  units: UnitCoverage[];
  belowTarget: string[];
  trend: { day: string; newInstalls: number; active: number }[];
}

export interface DailyCount {
  date: string;
  count: number;
}

export interface ServerStats {
  days: number;
  codesIssued: DailyCount[];
  codesClaimed: DailyCount[];
  publishes: (DailyCount & { keys: number })[];
  exports: { startTimestamp: number; endTimestamp: number; keys: number; padding: number; files: number }[];
}

export interface IssuedCode {
  uuid: string;
  code: string;
  expiresAtTimestamp: number;
  longCode: string;
  longExpiresAtTimestamp: number;
}

export interface RosterEntry {
  id: number;
  name: string;
  position: string | null;
  phone: string | null;
  status: 'unconfirmed' | 'installed' | 'not_installed' | 'exempt';
  confirmedBy: string | null;
  confirmedAt: string | null;
}

export interface Checkpoint {
  id: number;
  unitCode: string;
  name: string;
}

export interface CheckpointDay {
  checkpointId: number;
  day: string;
  entries: number;
  exits: number;
  activeShare: number;
  log: {
    at: string;
    direction: 'entry' | 'exit';
    result: 'active' | 'inactive' | 'no_app';
    reason: string | null;
    visitor: string | null;
  }[];
}

export interface ApiKeyInfo {
  id: number;
  prefix: string;
  realm: string;
  role: 'admin' | 'device';
  createdAt: string;
  revokedAt: string | null;
}

export interface ExportKeyInfo {
  keyId: string;
  keyVersion: string;
  createdAt: string;
  active: boolean;
  retiresAt?: string;
}

export interface CampaignSummary {
  id: number;
  unitCode: string;
  name: string;
  audience: 'contacts' | 'roster' | 'arrivals';
  channel: 'sms' | 'zalo';
  /** pending_approval | rejected | active | done */
  status: string;
  template: string;
  createdBy: string | null;
  approvedBy: string | null;
  rejectedReason: string | null;
  nextRunAt: string | null;
  messages: { queued: number; sent: number; delivered: number; failed: number; suppressed: number };
}

export interface CampaignPreview {
  recipients: number;
  sample: string | null;
  cost: { messages: number; segments: number; costVnd: number; pricePerSegmentVnd: number } | null;
  nextRuns: string[];
}
