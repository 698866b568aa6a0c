/**
 * The web app's translations on @bluezone/ui-shared's i18n runtime: Vietnamese by default, English
 * switchable; the choice is kept in localStorage and written to <html lang>. Every visible string
 * comes from vi.json / en.json (test/i18n.test.ts checks they have the same keys and that every key
 * the source uses exists). `{name}` placeholders are filled in. Vietnamese is in the first chunk;
 * English is its own chunk, loaded when the user picks it (or had picked it), so a phone on 3G
 * downloads only the language it shows.
 */
import {
  type AppI18n,
  createI18n,
  type I18n,
  I18nProvider as SharedI18nProvider,
  type Translate as SharedTranslate,
  useI18n as useSharedI18n,
} from '@bluezone/ui-shared';
import { pageLanguageStore } from '@bluezone/ui-shared/browser';
import { type ReactNode, useCallback, useEffect, useState } from 'react';
import vi from './vi.json';

export type Lang = 'vi' | 'en';
export type MessageKey = keyof typeof vi;
export type Translate = SharedTranslate<MessageKey>;
type Catalogue = Readonly<Record<MessageKey, string>>;

const PAGE_LANGUAGE = pageLanguageStore<Lang>('bluezone.lang', ['vi', 'en']);

let english: Catalogue | undefined;
async function loadEnglish(): Promise<Catalogue> {
  english ??= (await import('./en.json')).default;
  return english;
}

/** Until English has loaded, its slot holds Vietnamese; the provider never shows it before then. */
function webI18n(en: Catalogue | undefined): AppI18n<Lang, MessageKey> {
  return createI18n<Lang, MessageKey>({
    catalogues: { vi, en: en ?? vi },
    locales: { vi: 'vi-VN', en: 'en-GB' },
    defaultLanguage: 'vi',
  });
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [language, setLanguage] = useState<Lang>(() => PAGE_LANGUAGE.load() ?? 'vi');
  const [i18n, setI18n] = useState(() => ({ hasEnglish: english !== undefined, app: webI18n(english) }));
  // The English chunk could not be fetched (a dropped connection, a page older than the server's
  // files): the page stays in Vietnamese and says so, instead of doing nothing or showing nothing.
  const [englishFailed, setEnglishFailed] = useState(false);
  const ready = language === 'vi' || i18n.hasEnglish;
  const fallBack = useCallback(() => {
    PAGE_LANGUAGE.save('vi');
    setLanguage('vi');
    setEnglishFailed(true);
  }, []);
  useEffect(() => {
    if (ready) return;
    loadEnglish().then((en) => setI18n({ hasEnglish: true, app: webI18n(en) }), fallBack);
  }, [ready, fallBack]);
  const change = useCallback(
    (next: Lang) => {
      if (next === 'en' && english === undefined) {
        // Switch once the catalogue is here, so the page goes from Vietnamese straight to English.
        loadEnglish().then((en) => {
          setI18n({ hasEnglish: true, app: webI18n(en) });
          setEnglishFailed(false);
          setLanguage('en');
        }, fallBack);
        return;
      }
      setLanguage(next);
    },
    [fallBack],
  );
  if (!ready) return null;
  return (
    <SharedI18nProvider i18n={i18n.app} language={language} onLanguageChange={change} store={PAGE_LANGUAGE}>
      {englishFailed && <EnglishUnavailable />}
      {children}
    </SharedI18nProvider>
  );
}

/** Said in Vietnamese, the language the page stays in; a reload fetches the page's files afresh. */
function EnglishUnavailable() {
  const { t } = useI18n();
  return (
    <div className="notice error" role="alert">
      {t('i18n.englishUnavailable')}{' '}
      <button type="button" onClick={() => window.location.reload()}>
        {t('i18n.reload')}
      </button>
    </div>
  );
}

export function useI18n(): I18n<Lang, MessageKey> {
  return useSharedI18n<Lang, MessageKey>();
}
