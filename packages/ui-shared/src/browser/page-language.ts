/**
 * The language a browser page remembers: kept in localStorage under `key`, and written to
 * <html lang> when the page starts and whenever the user changes it, so screen readers, the
 * browser's own UI (translation offers, hyphenation) and CSS `:lang()` follow. `languages[0]` is
 * the page's default.
 */
import type { LanguageStore } from '../i18n/language-store';

export function pageLanguageStore<L extends string>(key: string, languages: readonly L[]): LanguageStore<L> {
  return {
    load() {
      let saved: L | undefined;
      try {
        const stored = localStorage.getItem(key);
        saved = languages.find((l) => l === stored);
      } catch {
        saved = undefined; // storage disabled: the default language
      }
      const shown = saved ?? languages[0];
      if (shown !== undefined) document.documentElement.lang = shown;
      return saved;
    },
    save(language) {
      document.documentElement.lang = language;
      try {
        localStorage.setItem(key, language);
      } catch {
        // private mode: the choice lasts for this page only
      }
    },
  };
}
