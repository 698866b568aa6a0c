/**
 * Per-phone frequency cap: at most `max` messages to one phone in any rolling `windowHours`,
 * whatever campaign they come from, so overlapping reminders never turn into spam.
 */
import { RolloutError } from '../rollout-error';

export interface FrequencyCap {
  max: number;
  windowHours: number;
}

export const DEFAULT_FREQUENCY_CAP: FrequencyCap = { max: 2, windowHours: 24 };

export function validateFrequencyCap(cap: FrequencyCap): void {
  if (!Number.isInteger(cap.max) || cap.max < 1)
    throw new RolloutError('invalid_input', 'frequency cap max must be ≥ 1');
  if (!(cap.windowHours > 0)) throw new RolloutError('invalid_input', 'frequency cap window must be > 0 hours');
}

/**
 * `at` when another message may go now, else the time the oldest message in the window ages
 * out. `sentAt` is the phone's recent send times in any order.
 */
export function nextSendUnderCap(cap: FrequencyCap, sentAt: readonly Date[], at: Date): Date {
  const windowMs = cap.windowHours * 3_600_000;
  const inWindow = sentAt
    .map((d) => d.getTime())
    .filter((t) => t > at.getTime() - windowMs && t <= at.getTime())
    .sort((a, b) => a - b);
  if (inWindow.length < cap.max) return at;
  const oldestThatMustAge = inWindow[inWindow.length - cap.max] ?? at.getTime();
  return new Date(oldestThatMustAge + windowMs);
}
