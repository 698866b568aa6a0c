import { describe, expect, it } from 'vitest';
import { nextRun, upcomingRuns, validateCron } from '../../src/campaigns/campaign-schedule';
import { renderTemplate, templateFields, validateTemplate } from '../../src/campaigns/message-template';
import { nextSendUnderCap } from '../../src/messaging/frequency-cap';
import { foldVietnamese, isOptOutReply } from '../../src/messaging/opt-out';
import { DEFAULT_QUIET_HOURS, isQuiet, nextAllowedTime, validateQuietHours } from '../../src/messaging/quiet-hours';
import { estimateSmsCost, isGsm7, smsSegments } from '../../src/messaging/sms-segments';
import { RolloutError } from '../../src/rollout-error';
import { isVnMobile, normalizeVnPhone } from '../../src/shared/vn-phone';

const code = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return e instanceof RolloutError ? e.code : 'other';
  }
  return 'none';
};

describe('SMS segments and cost', () => {
  it('uses GSM-7 only when every character is in the alphabet', () => {
    expect(isGsm7('Hello @ £5 {x} €')).toBe(true);
    expect(isGsm7('Xin chào')).toBe(true); // à is in the GSM basic table
    expect(isGsm7('Việt Nam')).toBe(false);
    expect(isGsm7('đ')).toBe(false);
  });
  it('counts septets and UCS-2 code units at the 160/153 and 70/67 limits', () => {
    expect(smsSegments('a'.repeat(160))).toMatchObject({ encoding: 'gsm7', segments: 1 });
    expect(smsSegments('a'.repeat(161))).toMatchObject({ encoding: 'gsm7', segments: 2 });
    expect(smsSegments('a'.repeat(306))).toMatchObject({ segments: 2 });
    expect(smsSegments('a'.repeat(307))).toMatchObject({ segments: 3 });
    expect(smsSegments('€'.repeat(80))).toMatchObject({ units: 160, segments: 1 });
    expect(smsSegments('€'.repeat(81))).toMatchObject({ units: 162, segments: 2 });
    expect(smsSegments('ệ'.repeat(70))).toMatchObject({ encoding: 'ucs2', segments: 1 });
    expect(smsSegments('ệ'.repeat(71))).toMatchObject({ segments: 2 });
    expect(smsSegments('ệ'.repeat(134))).toMatchObject({ segments: 2 });
    expect(smsSegments('ệ'.repeat(135))).toMatchObject({ segments: 3 });
    // An emoji is a surrogate pair: two code units.
    expect(smsSegments('😀'.repeat(35))).toMatchObject({ units: 70, segments: 1 });
    expect(smsSegments('')).toMatchObject({ segments: 0 });
  });
  it('prices every recipient by segment', () => {
    const est = estimateSmsCost(['a'.repeat(161), 'Chào bạn', 'ệ'.repeat(71)], 850);
    expect(est).toEqual({ messages: 3, segments: 5, costVnd: 4250, pricePerSegmentVnd: 850 });
  });
});

describe('Vietnamese mobile numbers', () => {
  it('normalises +84, 84 and 0 forms to E.164', () => {
    expect(normalizeVnPhone('0912 345 678')).toBe('+84912345678');
    expect(normalizeVnPhone('+84 91-234-5678')).toBe('+84912345678');
    expect(normalizeVnPhone('84912345678')).toBe('+84912345678');
    expect(normalizeVnPhone('(086) 123.4567')).toBe('+84861234567');
    expect(normalizeVnPhone('0325551234')).toBe('+84325551234');
  });
  it('refuses landlines, old 11-digit numbers, unknown prefixes and junk', () => {
    for (const bad of [
      '02343822222',
      '01689123456',
      '0112345678',
      '091234567',
      '09123456789',
      'abc',
      '',
      '+1 650 555 1234',
    ]) {
      expect(isVnMobile(bad), bad).toBe(false);
      expect(code(() => normalizeVnPhone(bad))).toBe('invalid_phone');
    }
  });
});

describe('message templates', () => {
  it('finds, validates and renders placeholders', () => {
    const t = 'Chào {name}, {unit} mời bạn cài Bluezone: {link}';
    expect(templateFields(t)).toEqual(['name', 'unit', 'link']);
    expect(code(() => validateTemplate(t))).toBe('none');
    expect(renderTemplate(t, { name: 'An', unit: 'Thôn 1', link: 'https://x' })).toBe(
      'Chào An, Thôn 1 mời bạn cài Bluezone: https://x',
    );
  });
  it('rejects unknown and malformed placeholders, naming them', () => {
    let err: RolloutError | undefined;
    try {
      validateTemplate('Chào {nmae} {link} {1x}');
    } catch (e) {
      err = e as RolloutError;
    }
    expect(err?.code).toBe('unknown_placeholder');
    expect(err?.message).toContain('{nmae}');
    expect(err?.message).toContain('{1x}');
    expect(err?.message).not.toContain('{link}');
    expect(code(() => validateTemplate('  '))).toBe('invalid_input');
  });
});

describe('quiet hours (21:00–07:00 Asia/Ho_Chi_Minh)', () => {
  const q = DEFAULT_QUIET_HOURS;
  it('wraps midnight in local time', () => {
    expect(isQuiet(q, new Date('2026-11-25T13:59:00Z'))).toBe(false); // 20:59 local
    expect(isQuiet(q, new Date('2026-11-25T14:00:00Z'))).toBe(true); // 21:00
    expect(isQuiet(q, new Date('2026-11-25T23:59:00Z'))).toBe(true); // 06:59 next day
    expect(isQuiet(q, new Date('2026-11-26T00:00:00Z'))).toBe(false); // 07:00
  });
  it('defers to the end of the window', () => {
    expect(nextAllowedTime(q, new Date('2026-11-25T15:30:20Z')).toISOString()).toBe('2026-11-26T00:00:00.000Z');
    const day = new Date('2026-11-25T05:00:00Z');
    expect(nextAllowedTime(q, day)).toBe(day);
  });
  it('validates its settings', () => {
    expect(code(() => validateQuietHours({ ...q, start: '25:00' }))).toBe('invalid_input');
    expect(code(() => validateQuietHours({ ...q, timeZone: 'Mars/Olympus' }))).toBe('invalid_input');
  });
});

describe('opt-out', () => {
  it('recognises TU CHOI however it is typed', () => {
    for (const yes of ['TU CHOI', 'tu choi', 'Từ chối', 'TỪ CHỐI nhận tin', 'tuchoi', '  từ   chối ']) {
      expect(isOptOutReply(yes), yes).toBe(true);
    }
    for (const no of ['TUAN CHOI', 'chối từ', 'OK', 'TU CHOIX']) expect(isOptOutReply(no), no).toBe(false);
    expect(foldVietnamese('Đồng ý')).toBe('DONG Y');
  });
});

describe('frequency cap', () => {
  const cap = { max: 2, windowHours: 24 };
  const at = new Date('2026-11-25T10:00:00Z');
  it('allows up to max in the window and says when the next one may go', () => {
    expect(nextSendUnderCap(cap, [], at)).toBe(at);
    expect(nextSendUnderCap(cap, [new Date('2026-11-25T01:00:00Z')], at)).toBe(at);
    const two = [new Date('2026-11-25T01:00:00Z'), new Date('2026-11-24T12:00:00Z')];
    expect(nextSendUnderCap(cap, two, at).toISOString()).toBe('2026-11-25T12:00:00.000Z');
    // Messages older than the window do not count.
    expect(nextSendUnderCap(cap, [new Date('2026-11-24T09:00:00Z'), new Date('2026-11-25T01:00:00Z')], at)).toBe(at);
  });
});

describe('campaign schedule', () => {
  it('steps a cron rule in the district time zone', () => {
    // 08:00 every Monday in Vietnam = 01:00 UTC.
    const runs = upcomingRuns(
      { kind: 'periodic', cron: '0 8 * * 1', timeZone: 'Asia/Ho_Chi_Minh' },
      new Date('2026-11-25T00:00:00Z'),
      2,
    );
    expect(runs.map((d) => d.toISOString())).toEqual(['2026-11-30T01:00:00.000Z', '2026-12-07T01:00:00.000Z']);
  });
  it('ends periodic schedules at until, and runs once-only schedules once', () => {
    const until = new Date('2026-12-01T00:00:00Z');
    const s = { kind: 'periodic' as const, cron: '0 8 * * 1', timeZone: 'Asia/Ho_Chi_Minh', until };
    expect(upcomingRuns(s, new Date('2026-11-25T00:00:00Z'), 5)).toHaveLength(1);
    const at = new Date('2026-11-26T02:00:00Z');
    expect(nextRun({ kind: 'once', at }, new Date('2026-11-25T00:00:00Z'))).toBe(at);
    expect(nextRun({ kind: 'once', at }, at)).toBeUndefined();
  });
  it('refuses bad rules', () => {
    expect(code(() => validateCron('61 * * * *', 'Asia/Ho_Chi_Minh'))).toBe('invalid_input');
    expect(code(() => validateCron('* * * * * *', 'Asia/Ho_Chi_Minh'))).toBe('invalid_input');
    expect(code(() => validateCron('not a rule', 'Asia/Ho_Chi_Minh'))).toBe('invalid_input');
  });
});
