/**
 * The resident app's translations on @bluezone/ui-shared's i18n runtime: Vietnamese by default,
 * English switchable in Settings. The language lives in the AppModel (saved with the install's
 * settings, so it survives a restart): app.tsx passes it to the shared I18nProvider with
 * APP_I18N, and a change goes back through the model. Messages are flat JSON files with `{name}`
 * placeholders; a test keeps the two files' keys and placeholders in step.
 */
import {
  createI18n,
  type I18n,
  type Translate as SharedTranslate,
  useI18n as useSharedI18n,
} from '@bluezone/ui-shared';
import type { Language } from '../model/app-model';
import en from './en.json';
import vi from './vi.json';

export type MessageKey = keyof typeof vi;
export type Translate = SharedTranslate<MessageKey>;
export const LANGUAGES: readonly { code: Language; name: string }[] = [
  { code: 'vi', name: 'Tiếng Việt' },
  { code: 'en', name: 'English' },
];

export const APP_I18N = createI18n<Language, MessageKey>({
  catalogues: { vi, en },
  locales: { vi: 'vi-VN', en: 'en-GB' },
  defaultLanguage: 'vi',
});

/** The translate function of a language, for text made outside React (notifications, scanner labels). */
export const translator = (language: Language): Translate => APP_I18N.translator(language);

/** A `YYYY-MM-DD` day in a language's conventions, for text made outside React (notifications). */
export const formatDayIn = (language: Language, day: string): string => APP_I18N.i18nFor(language).formatDay(day);

export function useI18n(): I18n<Language, MessageKey> {
  return useSharedI18n<Language, MessageKey>();
}

/** A local date-time as the app shows it: 24-hour clock and a four-digit year, as Vietnam writes it. */
export const APP_DATE_TIME: Intl.DateTimeFormatOptions = {
  hour: '2-digit',
  minute: '2-digit',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
};
