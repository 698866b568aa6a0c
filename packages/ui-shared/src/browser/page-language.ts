/**
 * The language a browser page remembers: kept in localStorage under `key`, and written to
 * <html lang> when the user changes it, so screen readers and the browser's own UI follow.
 */
import type { LanguageStore } from '../i18n/language-store';

export function pageLanguageStore<L extends string>(key: string, languages: readonly L[]): LanguageStore<L> {
  return {
    load() {
      try {
        const saved = localStorage.getItem(key);
        return languages.find((l) => l === saved);
      } catch {
        return undefined; // storage disabled: the default language
      }
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
