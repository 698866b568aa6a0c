/**
 * How quickly a notification followed the positive result behind it. A notified day holds the
 * keys of every uploader the phone met that day, and the result that made it notify is the latest
 * of theirs to come back before the notification: had an earlier uploader's key been enough, the
 * day would have been notified when that key arrived. So each notification counts once, from that
 * result. (Counting from every uploader on the day, as the report did until 6 Dec 2026, added the
 * days since an earlier result whose key alone had not notified: p90s of 33 and 171 hours.)
 */
import type { Notification } from '../simulation/phone-fleet';
import { STEP_MINUTES } from '../world/daily-schedule';

/** Hours from each notification's triggering result, ascending; a notification with none known is left out. */
export function hoursToNotification(
  notifications: readonly Pick<Notification, 'step' | 'uploaders'>[],
  /** Step at which each person's positive result came back, or -1. */
  positiveStep: ArrayLike<number>,
): number[] {
  const hours: number[] = [];
  for (const n of notifications) {
    let latest = -1;
    for (const u of n.uploaders) {
      const ps = positiveStep[u] ?? -1;
      if (ps >= 0 && ps <= n.step && ps > latest) latest = ps;
    }
    if (latest >= 0) hours.push(((n.step - latest) * STEP_MINUTES) / 60);
  }
  return hours.sort((a, b) => a - b);
}
