// Google's EN calibration list (en-calibration/): parsing and lookup by receiver model.
import { readFileSync } from 'node:fs';
import {
  attenuationDb,
  CALIBRATION_CSV_HEADER,
  type DeviceCalibrationEntry,
  formatCalibrationCsv,
  isIPhoneModel,
  lookupDeviceCalibration,
  ProtocolError,
  parseCalibrationCsv,
} from '@bluezone/protocol';
import { describe, expect, it } from 'vitest';

const csv = readFileSync(new URL('../en-calibration/en-calibration-2020-06-13.csv', import.meta.url), 'utf8');
const table = parseCalibrationCsv(csv);

describe('device calibration table', () => {
  it('parses every row of the 2020-06-13 list', () => {
    expect(table.entries.length).toBe(csv.trimEnd().split('\n').length - 1);
    expect(table.entries.length).toBeGreaterThan(9800);
  });

  it('looks up real rows by exact model, case-insensitively', () => {
    // Rows: "Google,Pixel 4,5,-28,yes", "Google,Pixel 3a,-5,-39,yes", "Samsung,SM-G973F,-3,-24,no".
    expect(lookupDeviceCalibration(table, 'Pixel 4')).toMatchObject({ rssiCorrection: 5, txPower: -28 });
    expect(lookupDeviceCalibration(table, 'pixel 3A')).toMatchObject({ rssiCorrection: -5, txPower: -39 });
    expect(lookupDeviceCalibration(table, 'SM-G973F')).toMatchObject({
      rssiCorrection: -3,
      txPower: -24,
      oem: 'Samsung',
    });
  });

  it('reads quoted fields ("LCD-40X418H3A""" is the model LCD-40X418H3A")', () => {
    expect(lookupDeviceCalibration(table, 'LCD-40X418H3A"')).toMatchObject({
      oem: 'Sharp',
      rssiCorrection: -4,
      txPower: -26,
    });
  });

  it('separates a model name two OEMs share when the OEM is given', () => {
    // GT-I9505G is listed by Google (-6, -31) and by Samsung (-3, -24).
    expect(lookupDeviceCalibration(table, 'GT-I9505G', 'Samsung')).toMatchObject({ rssiCorrection: -3, txPower: -24 });
    expect(lookupDeviceCalibration(table, 'GT-I9505G', 'google')).toMatchObject({ rssiCorrection: -6, txPower: -31 });
  });

  it('finds a model written after its OEM, as logs name phones, and never a model another OEM lists', () => {
    // Before, each of these got the median (-5, -24): a Pixel 4 receiver read 10 dB off.
    expect(lookupDeviceCalibration(table, 'Google Pixel 4')).toMatchObject({ rssiCorrection: 5, txPower: -28 });
    expect(lookupDeviceCalibration(table, '  samsung   SM-G973F ')).toMatchObject({ rssiCorrection: -3, txPower: -24 });
    // A name two OEMs share goes by the OEM written before it.
    expect(lookupDeviceCalibration(table, 'Google GT-I9505G')).toMatchObject({ rssiCorrection: -6, txPower: -31 });
    expect(lookupDeviceCalibration(table, 'Samsung GT-I9505G')).toMatchObject({ rssiCorrection: -3, txPower: -24 });
    // Another OEM's model, or an OEM alone, is not a match.
    expect(lookupDeviceCalibration(table, 'Huawei Pixel 4')).toEqual(table.fallback);
    expect(lookupDeviceCalibration(table, 'Samsung')).toEqual(table.fallback);
  });

  it('compares names without case or runs of white space, in the list as in the query', () => {
    const list = parseCalibrationCsv(
      'oem,model,rssi correction,tx,has direct measurement\nAcme Phones, Rocket  X1 ,7,-30,yes\nAcme Phones,Other,0,-20,yes\n',
    );
    expect(list.fallback).toEqual({ rssiCorrection: 3.5, txPower: -25 });
    for (const name of ['Rocket X1', 'rocket  x1', 'Rocket  X1', 'Acme Phones Rocket X1', 'acme  phones rocket x1'])
      expect(lookupDeviceCalibration(list, name), name).toMatchObject({ rssiCorrection: 7, txPower: -30 });
  });

  it('tells iPhones, the reference receiver, by the names they go by', () => {
    for (const name of ['iPhone', 'iPhone 11', 'Apple iPhone 11 Pro', 'iPhone12,1', 'IPHONE X'])
      expect(isIPhoneModel(name), name).toBe(true);
    for (const name of ['Pixel 4', 'SM-G973F', 'Samsung Galaxy S10', 'Siphonex'])
      expect(isIPhoneModel(name), name).toBe(false);
  });

  it('falls back to the table median for unknown or missing models', () => {
    // Median of 'rssi correction' and of 'tx' over all rows (computed independently: -5 and -24).
    expect(table.fallback).toEqual({ rssiCorrection: -5, txPower: -24 });
    expect(lookupDeviceCalibration(table, 'No Such Phone 9000')).toEqual(table.fallback);
    expect(lookupDeviceCalibration(table, undefined)).toEqual(table.fallback);
  });

  it('computes attenuation = TX power − (RSSI + RSSI correction)', () => {
    // Pixel 4 receiver hears −70 dBm from a sender advertising −12 dBm: −12 − (−70 + 5) = 53.
    expect(attenuationDb(-12, -70, lookupDeviceCalibration(table, 'Pixel 4'))).toBe(53);
  });

  it('rejects malformed CSV with a ProtocolError naming the line', () => {
    expect(() => parseCalibrationCsv('a,b\n')).toThrow(ProtocolError);
    const header = 'oem,model,rssi correction,tx,has direct measurement\n';
    expect(() => parseCalibrationCsv(`${header}Acme,X1,-5,abc,no`)).toThrow(/line 2: tx/);
    expect(() => parseCalibrationCsv(`${header}Acme,"X1,-5,-20,no`)).toThrow(/unterminated quote/);
    expect(() => parseCalibrationCsv(`${header}Acme,X1,-5,-20,maybe`)).toThrow(/direct measurement/);
    expect(() => parseCalibrationCsv(header)).toThrow(/no rows/);
  });

  it('writes a list in the same format, which reads back row for row', () => {
    const rows: DeviceCalibrationEntry[] = [
      { oem: 'Google', model: 'Pixel 3a', rssiCorrection: 7, txPower: -30, hasDirectMeasurement: true },
      // A comma and a quote in a name are quoted; an empty OEM stays empty.
      { oem: 'Sharp, Inc.', model: 'LCD-40X418H3A"', rssiCorrection: -4, txPower: -26, hasDirectMeasurement: false },
      { oem: '', model: 'Samsung SM-G973F', rssiCorrection: -127, txPower: 127, hasDirectMeasurement: false },
    ];
    const text = formatCalibrationCsv(rows);
    expect(text.split('\n')[0]).toBe(CALIBRATION_CSV_HEADER);
    expect(text).toContain('"Sharp, Inc.","LCD-40X418H3A""",-4,-26,no\n');
    const read = parseCalibrationCsv(text);
    expect(read.entries).toEqual(rows);
    expect(lookupDeviceCalibration(read, 'LCD-40X418H3A"')).toMatchObject({ rssiCorrection: -4, txPower: -26 });
    expect(formatCalibrationCsv(read.entries)).toBe(text);
    // The header is Google's: the 2020-06-13 list written again reads back the same.
    expect(csv.split(/\r?\n/)[0]).toBe(CALIBRATION_CSV_HEADER);
    expect(parseCalibrationCsv(formatCalibrationCsv(table.entries)).entries).toEqual(table.entries);
  });

  it('refuses to write what the parser would refuse', () => {
    const row: DeviceCalibrationEntry = {
      oem: 'Acme',
      model: 'X1',
      rssiCorrection: 0,
      txPower: -20,
      hasDirectMeasurement: false,
    };
    expect(() => formatCalibrationCsv([])).toThrow(/needs a row/);
    expect(() => formatCalibrationCsv([row, { ...row, rssiCorrection: 2.5 }])).toThrow(
      'calibration row 2: rssi correction must be an integer dB, got 2.5',
    );
    expect(() => formatCalibrationCsv([{ ...row, txPower: -128 }])).toThrow(/row 1: tx must be an integer dB/);
    expect(() => formatCalibrationCsv([{ ...row, model: 'X1\nAcme,X2,0,0,no' }])).toThrow(
      'calibration row 1: model must not hold a line break',
    );
  });
});
