// The field test card's phone labels and window, checked as the server checks them before anything
// is sent: ranges expanded (T01–T20), labels the protocol refuses, duplicates (case aside), more
// than 200 phones, an end not after the start, a test over 14 days or whose export time is over.
import { describe, expect, it } from 'vitest';
import { checkDraft, type FieldTestDraft } from '../src/admin/field-test/field-test-draft';
import { parsePhoneLabels } from '../src/admin/field-test/phone-labels';
import { localInputValue } from '../src/announcements/local-time';

describe('phone labels', () => {
  it('expands ranges with an en dash, a hyphen or two dots, keeping the numbers’ width', () => {
    expect(parsePhoneLabels('T01–T05').labels).toEqual(['T01', 'T02', 'T03', 'T04', 'T05']);
    expect(parsePhoneLabels('T08 - T11').labels).toEqual(['T08', 'T09', 'T10', 'T11']);
    expect(parsePhoneLabels('T8..T11').labels).toEqual(['T8', 'T9', 'T10', 'T11']);
    expect(parsePhoneLabels('A1 – A3').labels).toEqual(['A1', 'A2', 'A3']);
    expect(parsePhoneLabels('1-3').labels).toEqual(['1', '2', '3']);
  });

  it('takes lists separated by commas, semicolons, spaces and lines, mixed with ranges', () => {
    const read = parsePhoneLabels('T01, T02;T03\nR1–R2  phone-a');
    expect(read).toEqual({ labels: ['T01', 'T02', 'T03', 'R1', 'R2', 'phone-a'], problems: [] });
    // Two different prefixes are a label with a hyphen, not a range.
    expect(parsePhoneLabels('A1-B3').labels).toEqual(['A1-B3']);
  });

  it('names what cannot be issued', () => {
    expect(parsePhoneLabels('').problems).toEqual([{ kind: 'none' }]);
    expect(parsePhoneLabels('T05–T01').problems).toEqual([{ kind: 'badRange', text: 'T05–T01' }]);
    expect(parsePhoneLabels('T0–T999').problems).toEqual([{ kind: 'badRange', text: 'T0–T999' }]);
    expect(parsePhoneLabels('T01 Điện T02').problems).toEqual([{ kind: 'badLabel', label: 'Điện' }]);
    expect(parsePhoneLabels('T01–T03, T02, t01').problems).toEqual([
      { kind: 'duplicate', label: 'T02' },
      { kind: 'duplicate', label: 't01' },
    ]);
    expect(parsePhoneLabels('T001–T200').problems).toEqual([]);
    expect(parsePhoneLabels('T001–T200, X1').problems).toEqual([{ kind: 'tooMany', count: 201 }]);
  });
});

describe('a field test draft', () => {
  const now = new Date(2030, 0, 5, 12).getTime();
  const local = (d: number, h = 8) => localInputValue(new Date(2030, 0, d, h));
  const draft = (over: Partial<FieldTestDraft> = {}): FieldTestDraft => ({
    testId: 'nam-dong-2030-01',
    phones: 'T01–T03',
    startsAt: local(10),
    endsAt: local(17, 17),
    ...over,
  });

  it('becomes the contract’s request, times as ISO date-times', () => {
    expect(checkDraft(draft({ testId: ' nam-dong-2030-01 ' }), now)).toEqual({
      labels: ['T01', 'T02', 'T03'],
      problems: [],
      request: {
        testId: 'nam-dong-2030-01',
        phones: ['T01', 'T02', 'T03'],
        startsAt: new Date(2030, 0, 10, 8).toISOString(),
        endsAt: new Date(2030, 0, 17, 17).toISOString(),
      },
    });
  });

  it('has no request while something is wrong, and says what', () => {
    const kinds = (d: FieldTestDraft, at = now) => checkDraft(d, at).problems.map((p) => p.kind);
    expect(kinds(draft({ testId: 'đợt 1' }))).toEqual(['badTestId']);
    expect(kinds(draft({ endsAt: '' }))).toEqual(['noWindow']);
    expect(kinds(draft({ endsAt: local(10) }))).toEqual(['endBeforeStart']);
    expect(kinds(draft({ endsAt: local(24, 8) }))).toEqual([]);
    expect(kinds(draft({ endsAt: local(24, 9) }))).toEqual(['tooLong']);
    // Ended 7 days ago to the minute: still exportable; a minute more and it is over.
    const end = new Date(2030, 0, 17, 17).getTime();
    expect(kinds(draft(), end + 7 * 86_400_000)).toEqual([]);
    expect(kinds(draft(), end + 7 * 86_400_000 + 60_000)).toEqual(['over']);
    expect(checkDraft(draft({ phones: 'T01, T01' }), now).request).toBeNull();
  });
});
