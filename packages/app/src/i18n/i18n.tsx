/**
 * Translations: Vietnamese by default, English switchable in Settings. Messages are flat JSON
 * files with `{name}` placeholders; a test keeps the two files' keys and placeholders in step.
 */
import { createContext, type ReactNode, useContext } from 'react';
import type { Language } from '../model/app-model';
import en from './en.json';
import vi from './vi.json';

export type MessageKey = keyof typeof vi;
export const MESSAGES: Record<Language, Record<MessageKey, string>> = { vi, en };
export const LANGUAGES: readonly { code: Language; name: string }[] = [
  { code: 'vi', name: 'Tiếng Việt' },
  { code: 'en', name: 'English' },
];

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

export function translator(language: Language): Translate {
  const messages = MESSAGES[language];
  return (key, vars) =>
    messages[key].replace(/\{(\w+)\}/g, (whole, name: string) =>
      vars?.[name] === undefined ? whole : String(vars[name]),
    );
}

const I18nContext = createContext<{ language: Language; t: Translate }>({ language: 'vi', t: translator('vi') });

export function I18nProvider({ language, children }: { language: Language; children: ReactNode }) {
  return <I18nContext.Provider value={{ language, t: translator(language) }}>{children}</I18nContext.Provider>;
}

export function useI18n(): { language: Language; t: Translate } {
  return useContext(I18nContext);
}

/** A local date-time in the app's language (24-hour clock, as Vietnam writes it). */
export function formatTime(ms: number, language: Language): string {
  return new Date(ms).toLocaleString(language === 'vi' ? 'vi-VN' : 'en-GB', {
    hour: '2-digit',
    minute: '2-digit',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
  });
}
