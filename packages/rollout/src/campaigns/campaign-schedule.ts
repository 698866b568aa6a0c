/**
 * When a campaign sends: once at a given time, or periodically by a cron rule evaluated in the
 * district's time zone (cron-parser does the parsing; we only validate and step through it).
 */
import { CronExpressionParser } from 'cron-parser';
import { RolloutError } from '../rollout-error';

export type CampaignSchedule =
  | { kind: 'once'; at: Date }
  | { kind: 'periodic'; cron: string; timeZone: string; until?: Date };

export function validateCron(cron: string, timeZone: string): void {
  try {
    CronExpressionParser.parse(cron, { tz: timeZone, strict: false });
  } catch (err) {
    throw new RolloutError('invalid_input', `invalid cron rule "${cron}": ${(err as Error).message}`);
  }
  if (cron.trim().split(/\s+/).length > 5) {
    // A seconds field would let one rule fire 60 times a minute; reminders are never that urgent.
    throw new RolloutError('invalid_input', `cron rule "${cron}" must have 5 fields (minute hour day month weekday)`);
  }
}

/** The first run strictly after `after`, or undefined when the schedule has ended. */
export function nextRun(schedule: CampaignSchedule, after: Date): Date | undefined {
  if (schedule.kind === 'once') return schedule.at.getTime() > after.getTime() ? schedule.at : undefined;
  validateCron(schedule.cron, schedule.timeZone);
  const it = CronExpressionParser.parse(schedule.cron, { tz: schedule.timeZone, currentDate: after });
  const next = it.next().toDate();
  if (schedule.until && next.getTime() > schedule.until.getTime()) return undefined;
  return next;
}

/** The next `count` runs after `after`: what the CLI shows before a campaign is saved. */
export function upcomingRuns(schedule: CampaignSchedule, after: Date, count: number): Date[] {
  const runs: Date[] = [];
  let cursor = after;
  while (runs.length < count) {
    const next = nextRun(schedule, cursor);
    if (!next) break;
    runs.push(next);
    cursor = next;
  }
  return runs;
}
