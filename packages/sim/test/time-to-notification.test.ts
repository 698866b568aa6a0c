// How quickly a notification followed the result behind it (time-to-notification.ts): once per
// notification, from the latest result among the uploaders its day holds.
import { describe, expect, it } from 'vitest';
import { hoursToNotification } from '../src/index';

// Steps are 5 minutes: 12 a hour.
const positiveStep = Int32Array.from([-1, 12, 240, 600, 10_000]);

describe('hoursToNotification', () => {
  it('counts a notification once, from the latest result before it among its day’s uploaders', () => {
    // Uploaders 1 (result at step 12) and 2 (step 240) on the day, notified at step 264: the
    // second result made it notify, 2 hours before; the first is 21 hours back and not counted.
    expect(hoursToNotification([{ step: 264, uploaders: [1, 2] }], positiveStep)).toEqual([2]);
    expect(hoursToNotification([{ step: 264, uploaders: [2, 1] }], positiveStep)).toEqual([2]);
  });

  it('passes over a result that came back after the notification and uploaders without one', () => {
    // Uploader 4's result is after the notification (a later key on a day already notified).
    expect(hoursToNotification([{ step: 612, uploaders: [0, 3, 4] }], positiveStep)).toEqual([1]);
    expect(hoursToNotification([{ step: 612, uploaders: [0] }], positiveStep)).toEqual([]);
  });

  it('sorts the figures of several notifications', () => {
    const notifications = [
      { step: 612, uploaders: [3] },
      { step: 13, uploaders: [1] },
      { step: 288, uploaders: [2, 1] },
    ];
    expect(hoursToNotification(notifications, positiveStep)).toEqual([1 / 12, 1, 4]);
  });
});
