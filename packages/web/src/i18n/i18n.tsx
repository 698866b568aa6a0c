/**
 * Translations: Vietnamese by default, English switchable; the choice is kept in localStorage.
 * Every visible string comes from vi.json / en.json (test/i18n.test.ts checks they have the
 * same keys and that every key the source uses exists). `{name}` placeholders are filled in.
 */
import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react';
import en from './en.json';
import vi from './vi.json';

export type Lang = 'vi' | 'en';
export type MessageKey = keyof typeof vi;
export const MESSAGES: Record<Lang, Record<MessageKey, string>> = { vi, en };

const STORAGE_KEY = 'bluezone.lang';

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

interface I18n {
  lang: Lang;
  setLang(lang: Lang): void;
  t: Translate;
  /** Numbers and dates in the current language's conventions. */
  formatNumber(n: number, options?: Intl.NumberFormatOptions): string;
  formatDateTime(iso: string | number): string;
}

const I18nContext = createContext<I18n | undefined>(undefined);

function initialLang(): Lang {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'vi';
  } catch {
    return 'vi';
  }
}

export function translate(lang: Lang, key: MessageKey, params?: Record<string, string | number>): string {
  const text = MESSAGES[lang][key] ?? key;
  return params ? text.replace(/\{(\w+)\}/g, (m, name: string) => String(params[name] ?? m)) : text;
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);
  const setLang = useCallback((next: Lang) => {
    setLangState(next);
    document.documentElement.lang = next;
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // private mode: the choice lasts for this page only
    }
  }, []);
  const value = useMemo<I18n>(() => {
    const locale = lang === 'vi' ? 'vi-VN' : 'en-GB';
    return {
      lang,
      setLang,
      t: (key, params) => translate(lang, key, params),
      formatNumber: (n, options) => new Intl.NumberFormat(locale, options).format(n),
      formatDateTime: (v) => new Date(v).toLocaleString(locale, { dateStyle: 'short', timeStyle: 'short' }),
    };
  }, [lang, setLang]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error('useI18n outside I18nProvider');
  return ctx;
}
