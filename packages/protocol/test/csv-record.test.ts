// RFC 4180 §2 record splitting, shared by the calibration table and sightings readers.
import { splitCsvRecord } from '@bluezone/protocol';
import { describe, expect, it } from 'vitest';

describe('splitCsvRecord', () => {
  it('splits plain and quoted fields, keeping commas and doubled quotes inside quotes', () => {
    expect(splitCsvRecord('Google,Pixel 4,-3,-24,yes')).toEqual(['Google', 'Pixel 4', '-3', '-24', 'yes']);
    expect(splitCsvRecord('"Samsung","Galaxy ""S10"", 5G",x')).toEqual(['Samsung', 'Galaxy "S10", 5G', 'x']);
    expect(splitCsvRecord('a,,')).toEqual(['a', '', '']);
    expect(splitCsvRecord('')).toEqual(['']);
  });

  it('refuses an unterminated quote and text after a closing quote', () => {
    expect(() => splitCsvRecord('"open,field')).toThrow(
      expect.objectContaining({ code: 'invalid_argument', message: 'unterminated quoted field' }),
    );
    expect(() => splitCsvRecord('"a"b,c')).toThrow(expect.objectContaining({ message: 'text after a closing quote' }));
  });
});
