/**
 * The web app's translations on @bluezone/ui-shared's i18n runtime: Vietnamese by default, English
 * switchable; the choice is kept in localStorage and written to <html lang>. Every visible string
 * comes from vi.json / en.json (test/i18n.test.ts checks they have the same keys and that every key
 * the source uses exists). `{name}` placeholders are filled in.
 */
import {
  createI18n,
  type I18n,
  I18nProvider as SharedI18nProvider,
  type Translate as SharedTranslate,
  useI18n as useSharedI18n,
} from '@bluezone/ui-shared';
import { pageLanguageStore } from '@bluezone/ui-shared/browser';
import type { ReactNode } from 'react';
import en from './en.json';
import vi from './vi.json';

export type Lang = 'vi' | 'en';
export type MessageKey = keyof typeof vi;
export type Translate = SharedTranslate<MessageKey>;

export const WEB_I18N = createI18n<Lang, MessageKey>({
  catalogues: { vi, en },
  locales: { vi: 'vi-VN', en: 'en-GB' },
  defaultLanguage: 'vi',
});
const PAGE_LANGUAGE = pageLanguageStore<Lang>('bluezone.lang', ['vi', 'en']);

export function I18nProvider({ children }: { children: ReactNode }) {
  return (
    <SharedI18nProvider i18n={WEB_I18N} store={PAGE_LANGUAGE}>
      {children}
    </SharedI18nProvider>
  );
}

export function useI18n(): I18n<Lang, MessageKey> {
  return useSharedI18n<Lang, MessageKey>();
}
