// RFC 4180 §2 record splitting and field quoting, shared by the calibration table's and sightings files' readers and writers.
import { quoteCsvField, splitCsvRecord } from '@bluezone/protocol';
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

describe('quoteCsvField', () => {
  it('quotes only a field holding a comma, a quote or a line feed, and splitCsvRecord reads every one back', () => {
    expect(quoteCsvField('Pixel 4')).toBe('Pixel 4');
    expect(quoteCsvField('Galaxy "S10", 5G')).toBe('"Galaxy ""S10"", 5G"');
    expect(quoteCsvField('a,b')).toBe('"a,b"');
    const fields = ['Samsung', 'Galaxy "S10", 5G', '', 'x"y', ','];
    expect(splitCsvRecord(fields.map(quoteCsvField).join(','))).toEqual(fields);
  });
});
