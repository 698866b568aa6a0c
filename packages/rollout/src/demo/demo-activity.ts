/**
 * What the demo district does over its days, drawn from a seeded generator so a seed is the same
 * every time: installs in each village growing along an S-curve at a pace of the commune's own
 * (some communes ahead, some stalled), each install's daily attestations with tracing now and
 * then off, a handful brought in by an organisation; entries and exits at office checkpoints on
 * working days; campaigns already sent; verification codes issued and most of them used. Nothing
 * here touches a database (demo-repository.ts writes it).
 */
import type { TestType } from '@bluezone/protocol/api';
import { localDay } from '../shared/local-day';
import type { Unit } from '../units/unit';

const DAY_MS = 86_400_000;
const NO_APP_REASONS = ['Không có điện thoại thông minh', 'Quên điện thoại ở nhà', 'Điện thoại hết pin'];
const HOUR_MS = 3_600_000;
/** What every demo row that has a visible author is recorded as, so no one mistakes it for real work. */
export const DEMO_AUTHOR = 'Dữ liệu mẫu (demo)';
/** Appended to the names of demo checkpoints and campaigns. */
export const DEMO_SUFFIX = ' (dữ liệu mẫu)';

export interface DemoInstall {
  installId: string;
  unitCode: string;
  /** An organisation that brought it in (a school, the market), or null. */
  viaUnitCode: string | null;
  firstSeenAt: number;
  /** Local days it attested on, and whether tracing was on that day. */
  days: { day: number; active: boolean }[];
}

export interface DemoScan {
  checkpointUnit: string;
  at: number;
  direction: 'entry' | 'exit';
  result: 'active' | 'inactive' | 'no_app';
  reasonCode: 'tracing_off' | 'not_attested_recently' | null;
  /** Why a visitor came in without the app, as a gatekeeper would type it. */
  reason: string | null;
  radio: 'heard' | 'not_checked' | null;
}

export interface DemoCampaign {
  unitCode: string;
  name: string;
  template: string;
  createdAt: number;
  delivered: number;
  failed: number;
}

export interface DemoCode {
  testType: TestType;
  issuedAt: number;
  claimedAt: number | null;
}

export interface DemoActivity {
  installs: DemoInstall[];
  /** The organisations (agencies) the scans happen at: one demo checkpoint each. */
  checkpointUnits: string[];
  scans: DemoScan[];
  campaigns: DemoCampaign[];
  codes: DemoCode[];
}

/** mulberry32: small, fast and good enough for a demo's spread. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Share of the final count installed `f` of the way through (a logistic S-curve, 0 → 1). */
function sCurve(f: number): number {
  const k = 8;
  const lo = 1 / (1 + Math.exp(k / 2));
  const hi = 1 / (1 + Math.exp(-k / 2));
  return (1 / (1 + Math.exp(-k * (f - 0.5))) - lo) / (hi - lo);
}

export interface DemoOptions {
  now: number;
  days: number;
  /** The generator's seed: the same seed and units give the same activity. */
  seed?: number;
  /** Multiplies every count (tests use less). */
  scale?: number;
}

export function planDemoActivity(units: readonly Unit[], opts: DemoOptions): DemoActivity {
  const rand = seededRandom(opts.seed ?? 483);
  const scale = opts.scale ?? 1;
  const today = localDay(opts.now);
  const first = today - opts.days + 1;
  const live = units.filter((u) => u.archivedAt === null);
  const byCode = new Map(live.map((u) => [u.code, u]));
  const dayStart = (day: number) => day * DAY_MS - 7 * HOUR_MS;
  /** A time on `day` between the hours given (district time), never after now. */
  const timeOn = (day: number, fromHour: number, toHour: number) =>
    Math.round(Math.min(opts.now - 60_000, dayStart(day) + (fromHour + rand() * (toHour - fromHour)) * HOUR_MS));

  // Each commune's pace: a month in, between a tenth and seven tenths of its target (about a quarter
  // of the district installed: Nam Đông’s 25,000 people give some 7,000 installs).
  const pace = new Map<string, number>();
  for (const u of live) if (u.kind === 'commune' || u.kind === 'town') pace.set(u.code, 0.1 + 0.6 * rand());
  const organisationsIn = (commune: string) =>
    live.filter((u) => u.parentCode === commune && (u.kind === 'school' || u.kind === 'business'));

  const installs: DemoInstall[] = [];
  for (const v of live) {
    if (v.kind !== 'village' || v.parentCode === null || v.population <= 0) continue;
    const communePace = pace.get(v.parentCode) ?? 0.5;
    const share = v.targetShare * communePace * (0.75 + 0.5 * rand());
    const count = Math.round(v.population * Math.min(0.95, share) * scale);
    const orgs = organisationsIn(v.parentCode);
    for (let i = 0; i < count; i++) {
      // The day it installed: inverse of the S-curve, so installs pick up mid-way and slow at the end.
      const target = rand();
      let f = 0;
      while (f < 1 && sCurve(f) < target) f += 1 / opts.days;
      const day = Math.min(today, first + Math.floor(f * (opts.days - 1)));
      const keepsTracing = rand() < 0.85;
      const days: { day: number; active: boolean }[] = [];
      for (let d = day; d <= today; d++) {
        if (d !== day && rand() > 0.9) continue; // a phone left off for the day
        days.push({ day: d, active: keepsTracing ? rand() > 0.04 : rand() < 0.3 });
      }
      const org = orgs.length > 0 && rand() < 0.15 ? (orgs[Math.floor(rand() * orgs.length)] ?? null) : null;
      installs.push({
        installId: `demo-${v.code}-${String(i).padStart(4, '0')}`,
        unitCode: v.code,
        viaUnitCode: org?.code ?? null,
        firstSeenAt: timeOn(day, 7, 21),
        days,
      });
    }
  }

  // Office checkpoints: the agencies' front doors, busy on working days.
  const checkpointUnits = live.filter((u) => u.kind === 'agency').map((u) => u.code);
  const scans: DemoScan[] = [];
  for (const unitCode of checkpointUnits) {
    const size = byCode.get(unitCode)?.population ?? 30;
    for (let day = first; day <= today; day++) {
      const weekday = new Date(day * DAY_MS).getUTCDay();
      if (weekday === 0 || weekday === 6) continue;
      // The share of visitors with an active app grows as the rollout goes on.
      const progress = (day - first) / Math.max(1, opts.days - 1);
      const visitors = Math.round((size / 4 + 10 * rand()) * scale);
      for (let i = 0; i < visitors; i++) {
        const r = rand();
        const active = r < 0.45 + 0.35 * progress;
        const noApp = !active && r > 0.9 - 0.05 * progress;
        const at = timeOn(day, 7, 16.5);
        const result = active ? 'active' : noApp ? 'no_app' : 'inactive';
        const entry: DemoScan = {
          checkpointUnit: unitCode,
          at,
          direction: 'entry',
          result,
          reasonCode: result === 'inactive' ? (rand() < 0.6 ? 'tracing_off' : 'not_attested_recently') : null,
          reason: result === 'no_app' ? (NO_APP_REASONS[Math.floor(rand() * NO_APP_REASONS.length)] ?? null) : null,
          radio: result === 'active' ? (rand() < 0.7 ? 'heard' : 'not_checked') : null,
        };
        scans.push(entry);
        if (result !== 'no_app' && rand() < 0.6) {
          scans.push({ ...entry, direction: 'exit', at: Math.min(opts.now - 1, at + 2 * HOUR_MS) });
        }
      }
    }
  }

  // Campaigns already sent: the district's launch, and two communes' reminders.
  const communes = live.filter((u) => u.kind === 'commune' || u.kind === 'town');
  const district = live.find((u) => u.kind === 'district');
  const campaigns: DemoCampaign[] = [];
  const campaign = (unit: Unit | undefined, name: string, day: number, recipients: number) => {
    if (!unit || day < first) return;
    const n = Math.max(1, Math.round(recipients * scale));
    const failed = Math.round(n * (0.02 + 0.04 * rand()));
    campaigns.push({
      unitCode: unit.code,
      name: `${name}${DEMO_SUFFIX}`,
      template: 'Bluezone: {name} ơi, hãy cài ứng dụng Bluezone để bảo vệ {unit}: {link}',
      createdAt: timeOn(day, 8, 10),
      delivered: n - failed,
      failed,
    });
  };
  campaign(district, 'Phát động cài Bluezone toàn huyện', first + 1, 1800);
  const slow = [...communes].sort((a, b) => (pace.get(a.code) ?? 0) - (pace.get(b.code) ?? 0));
  campaign(slow[0], `Nhắc cài Bluezone: ${slow[0]?.name ?? ''}`, first + Math.floor(opts.days / 2), 420);
  campaign(slow[1], `Nhắc cài Bluezone: ${slow[1]?.name ?? ''}`, first + Math.floor((opts.days * 2) / 3), 380);

  // Verification codes: a few a day, most used by the resident's phone within hours.
  const codes: DemoCode[] = [];
  for (let day = first; day <= today; day++) {
    const n = Math.round((1 + 3 * rand()) * Math.max(scale, 0.34));
    for (let i = 0; i < n; i++) {
      const issuedAt = timeOn(day, 7.5, 17);
      const used = rand() < 0.75;
      const claimedAt = used ? Math.round(issuedAt + (0.2 + 3 * rand()) * HOUR_MS) : null;
      codes.push({
        testType: rand() < 0.8 ? 'confirmed' : 'likely',
        issuedAt,
        claimedAt: claimedAt !== null && claimedAt < opts.now ? claimedAt : null,
      });
    }
  }
  return { installs, checkpointUnits, scans, campaigns, codes };
}
