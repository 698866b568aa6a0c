// Message lookup, placeholders and Intl formatting: what both apps' translations rest on.
import { describe, expect, it } from 'vitest';
import {
  createI18n,
  DAY_MONTH,
  formatDateTime,
  formatNumber,
  interpolate,
  placeholders,
  SHORT_DATE_TIME,
  translator,
} from '../src/index';

const catalogues = {
  vi: { 'home.nearby': '{count} người dùng ở gần bạn', 'home.title': 'Trang chủ' },
  en: { 'home.nearby': '{count} users near you', 'home.title': 'Home' },
};

describe('messages', () => {
  it('fill placeholders and leave unknown ones visible', () => {
    expect(interpolate('{count} users near {place}', { count: 3 })).toBe('3 users near {place}');
    expect(interpolate('{count} users', { count: 0 })).toBe('0 users');
    expect(interpolate('no {params}')).toBe('no {params}');
  });

  it('show the key when a catalogue lacks it', () => {
    const t = translator<string>({ known: 'yes' });
    expect(t('known')).toBe('yes');
    expect(t('missing.key')).toBe('missing.key');
  });

  it('list a message placeholders sorted, for catalogue tests', () => {
    expect(placeholders('{b} and {a} and {b}')).toEqual(['a', 'b', 'b']);
  });
});

describe('createI18n', () => {
  const i18n = createI18n({ catalogues, locales: { vi: 'vi-VN', en: 'en-GB' }, defaultLanguage: 'vi' });

  it('translates per language', () => {
    expect(i18n.translator('vi')('home.nearby', { count: 2 })).toBe('2 người dùng ở gần bạn');
    expect(i18n.translator('en')('home.title')).toBe('Home');
    expect(i18n.defaultLanguage).toBe('vi');
  });

  it('formats numbers and dates in the language locale', () => {
    const vi = i18n.i18nFor('vi');
    const en = i18n.i18nFor('en');
    expect(vi.formatNumber(1234567.5)).toBe(formatNumber('vi-VN', 1234567.5));
    expect(vi.formatNumber(1234567)).toBe('1.234.567');
    expect(en.formatNumber(1234567)).toBe('1,234,567');
    expect(en.formatNumber(0.256, { style: 'percent', maximumFractionDigits: 1 })).toBe('25.6%');
    const at = Date.UTC(2026, 10, 25, 9, 30);
    const utc = { timeZone: 'UTC' } as const;
    expect(en.formatDateTime(at, { dateStyle: 'short', timeStyle: 'short', ...utc })).toBe('25/11/2026, 09:30');
    // The default has a four-digit year in both languages (vi-VN's dateStyle short gives "25/11/26").
    expect(vi.formatDateTime(at, { ...SHORT_DATE_TIME, ...utc })).toBe('09:30 25/11/2026');
    expect(en.formatDateTime(at, { ...SHORT_DATE_TIME, ...utc })).toBe('25/11/2026, 09:30');
    expect(vi.formatDateTime(new Date(at).toISOString(), { dateStyle: 'short', timeStyle: 'short', ...utc })).toBe(
      formatDateTime('vi-VN', at, { dateStyle: 'short', timeStyle: 'short', ...utc }),
    );
  });

  it('formats a YYYY-MM-DD day as that day in any time zone', () => {
    const vi = i18n.i18nFor('vi');
    const en = i18n.i18nFor('en');
    expect(vi.formatDay('2026-12-02')).toBe('02/12/2026');
    expect(en.formatDay('2026-12-02', DAY_MONTH)).toBe('02/12');
    expect(vi.formatDay('2026-12-02', DAY_MONTH)).toBe('2/12');
    expect(() => vi.formatDay('2/12/2026')).toThrow(RangeError);
    expect(vi.locale).toBe('vi-VN');
  });

  it('refuses a language it has no catalogue for', () => {
    expect(() => i18n.translator('fr' as 'vi')).toThrow(RangeError);
  });
});
