/**
 * An app's messages: one catalogue per language, the locale Intl formats each language with, and
 * the default language. createI18n builds, once per app, the translate function of each language
 * and the I18n value its React provider hands to components (and that code outside React can use).
 */
import { formatDateTime, formatDay, formatNumber } from './intl-format';
import { type Translate, translator } from './translate';

export interface I18nConfig<L extends string, K extends string> {
  /** One catalogue per language, each with every key. */
  catalogues: Readonly<Record<L, Readonly<Record<K, string>>>>;
  /** The BCP 47 locale Intl formats each language with (e.g. vi → vi-VN). */
  locales: Readonly<Record<NoInfer<L>, string>>;
  defaultLanguage: NoInfer<L>;
}

/** What a component gets from useI18n. */
export interface I18n<L extends string, K extends string> {
  language: L;
  setLanguage(language: L): void;
  t: Translate<K>;
  /** A number in the language's conventions. */
  formatNumber(n: number, options?: Intl.NumberFormatOptions): string;
  /** A date and time in the language's conventions (short date and time unless `options` say otherwise). */
  formatDateTime(value: string | number | Date, options?: Intl.DateTimeFormatOptions): string;
  /** A `YYYY-MM-DD` calendar day (short date unless `options` say otherwise), never shifted by time zone. */
  formatDay(day: string, options?: Intl.DateTimeFormatOptions): string;
  /** The BCP 47 locale the language formats with (for Intl calls of its own, e.g. a list format). */
  locale: string;
}

export interface AppI18n<L extends string, K extends string> {
  readonly defaultLanguage: L;
  /** The translate function of a language, for text made outside React (notifications, scanner labels). */
  translator(language: L): Translate<K>;
  /** Everything useI18n gives for `language`; `setLanguage` is what a language switch calls. */
  i18nFor(language: L, setLanguage?: (language: L) => void): I18n<L, K>;
}

export function createI18n<L extends string, K extends string>(config: I18nConfig<L, K>): AppI18n<L, K> {
  const translators = new Map<L, Translate<K>>();
  for (const language of Object.keys(config.catalogues) as L[]) {
    translators.set(language, translator(config.catalogues[language]));
  }
  const translatorOf = (language: L): Translate<K> => {
    const t = translators.get(language);
    if (t === undefined) throw new RangeError(`no catalogue for language ${JSON.stringify(language)}`);
    return t;
  };
  return {
    defaultLanguage: config.defaultLanguage,
    translator: translatorOf,
    i18nFor(language, setLanguage = () => {}) {
      const locale = config.locales[language];
      return {
        language,
        setLanguage,
        t: translatorOf(language),
        formatNumber: (n, options) => formatNumber(locale, n, options),
        formatDateTime: (value, options) => formatDateTime(locale, value, options),
        formatDay: (day, options) => formatDay(locale, day, options),
        locale,
      };
    },
  };
}
